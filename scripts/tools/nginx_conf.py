"""Write the nginx configuration for a built site: its server block and its security headers.

The Content-Security-Policy lists the hashes of the inline scripts Material puts in every
page, so it is read off the built site each time: run this after every build you deploy,
then reload nginx. It writes into --out-dir:
  security-headers.conf  add_header lines (CSP, nosniff, Referrer-Policy, HSTS, ...)
  site.conf              the server block (from deploy/nginx/site.conf), which includes it;
                         it also lets the site's short addresses (/missed/) answer in any
                         letter case, so run this again when they change
  nginx.conf             with --standalone only: a whole configuration, every path under
                         --out-dir (from deploy/nginx/nginx.conf); the tests run this one

Run it with the project's .venv/bin/python or, on a server without it, with any Python 3.11+
as written below: it needs only the standard library and scripts/sitegen, which it finds
beside itself.

Examples:
  # A server that already runs nginx: include the server block from its http block.
  python scripts/tools/nginx_conf.py --site-dir /srv/advice/site --out-dir /etc/nginx/advice \\
      --listen 443 --server-name advice.example.com \\
      --ssl-certificate /etc/ssl/advice.pem --ssl-certificate-key /etc/ssl/advice.key
  # (HTTPS with HTTP/2 on 443, and port 80 redirecting to it.)
  echo 'include /etc/nginx/advice/site.conf;' > /etc/nginx/conf.d/advice.conf
  nginx -t && nginx -s reload

  # A preview on this machine, nginx in the foreground (Ctrl-C stops it):
  python scripts/tools/nginx_conf.py --site-dir site --out-dir /tmp/advice-nginx \\
      --listen 127.0.0.1:8080 --standalone
  nginx -p /tmp/advice-nginx -c /tmp/advice-nginx/nginx.conf
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import sitegen  # noqa: F401  (installed in the project's .venv)
except ModuleNotFoundError:
    # A plain Python on a server: the library is in this project's scripts/ folder.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitegen.project import ROOT
from sitegen.security import (
    CACHE_IMMUTABLE,
    CACHE_REVALIDATE,
    FINGERPRINTED,
    content_security_policy,
    security_headers,
    site_script_hashes,
)

TEMPLATES = ROOT / "deploy" / "nginx"
DEFAULT_MIME_TYPES = Path("/etc/nginx/mime.types")


def _quote(value: str) -> str:
    """An nginx string argument: double-quoted, with backslashes and quotes escaped."""
    if re.search(r"[\x00-\x1f]", value):
        raise ValueError(f"control character in nginx value: {value!r}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _path(value: Path | str) -> str:
    text = str(value)
    if re.search(r"[\s;{}'\"#$\\]", text):
        raise ValueError(f"nginx paths here may not hold spaces or ; {{ }} ' \" # $ \\: {text!r}")
    return text


# A short address is a top-level folder of the built site that holds a redirect page
# (mkdocs.yml's redirect_maps, like missed.md: situations/missed.md), named in lowercase.
SHORT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
REDIRECT_PAGE = '<meta http-equiv="refresh"'


EDITION = re.compile(r"[a-z]{2}")  # an edition's folder, like es/ (sitegen/editions.py)


def editions(site_dir: Path) -> list[str]:
    """The built site's other editions ("es" for /es/): folders with a home and a 404 page."""
    return sorted(folder.name for folder in Path(site_dir).iterdir()
                  if folder.is_dir() and EDITION.fullmatch(folder.name)
                  and (folder / "index.html").is_file() and (folder / "404.html").is_file())


def short_addresses(site_dir: Path) -> list[str]:
    """The built site's short addresses ("missed" for /missed/, "es/perdi" for an edition's
    /es/perdi/), sorted."""
    found = []
    for prefix in ["", *(edition + "/" for edition in editions(site_dir))]:
        for page in sorted(Path(site_dir).glob(prefix + "*/index.html")):
            name = page.parent.name
            if SHORT_NAME.fullmatch(name) and REDIRECT_PAGE in page.read_text(encoding="utf-8", errors="replace")[:4000]:
                found.append(prefix + name)
    return sorted(found)


def edition_locations(names: list[str], headers: Path) -> str:
    """One location per edition: a missing address under /es/ gets the Spanish 404 page."""
    blocks = []
    for name in names:
        if not EDITION.fullmatch(name):
            raise ValueError(f"unexpected edition: {name!r}")
        blocks.append(
            f"    location /{name}/ {{\n"
            f"        include {_path(headers)};\n"
            f'        add_header Cache-Control "{CACHE_REVALIDATE}" always;\n'
            f"        error_page 404 /{name}/404.html;\n"
            f"        error_page 403 =404 /{name}/404.html;\n"
            f"        try_files $uri $uri/ =404;\n"
            f"    }}")
    return "\n".join(blocks) if blocks else "    # (this site has one edition)"


def short_address_locations(names: list[str], headers: Path) -> str:
    """One location per short address: the address in any other letter case, with or without
    its last "/", is sent to the address itself (the query string kept; a browser keeps the
    part after "#" on its own)."""
    blocks = []
    for name in names:
        edition, _, short = name.rpartition("/")
        if not SHORT_NAME.fullmatch(short) or (edition and not EDITION.fullmatch(edition)):
            raise ValueError(f"unexpected short address: {name!r}")
        blocks.append(
            f'    location ~* "^/(?!(?-i:{name}/)$){name}/?$" {{\n'
            f"        include {_path(headers)};\n"
            f'        add_header Cache-Control "{CACHE_REVALIDATE}" always;\n'
            f"        return 301 /{name}/$is_args$args;\n"
            f"    }}")
    return "\n".join(blocks) if blocks else "    # (this site has no short addresses)"


def headers_snippet(site_dir: Path) -> str:
    hashes = site_script_hashes(site_dir)
    policy = content_security_policy(hashes, for_meta=False)
    lines = [
        "# Written by scripts/tools/nginx_conf.py from the built site; do not edit by hand.",
        f"# {len(hashes)} inline script hash(es) found in {site_dir}.",
    ]
    lines += [f"add_header {name} {_quote(value)} always;" for name, value in security_headers(policy)]
    return "\n".join(lines) + "\n"


def _fill(template: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        template = template.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", template)
    if left:
        raise ValueError(f"template values not filled: {left}")
    return template


def mime_types_path() -> Path:
    """nginx's own mime.types, beside the configuration file it was built with."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    try:
        info = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
        match = re.search(r"--conf-path=(\S+)", info)
        if match:
            candidate = Path(match.group(1)).parent / "mime.types"
            if candidate.exists():
                return candidate
    except OSError:
        pass
    return DEFAULT_MIME_TYPES


def https_listen(listen: str) -> str:
    """The listen value for HTTPS: with ``ssl`` and ``http2`` (the page budget is counted for
    HTTP/2; nginx 1.22, Debian 12's, takes http2 on the listen line)."""
    words = listen.split()
    if "ssl" not in words:
        words.append("ssl")
    if "http2" not in words:
        words.append("http2")
    return " ".join(words)


def http_redirect(listen: str, server_name: str, http_port: int, headers: Path) -> str:
    """A server block that answers plain HTTP on ``http_port`` (on the HTTPS listen's address)
    with a permanent redirect to the same path over HTTPS."""
    address = listen.split()[0]
    host, _, port = address.rpartition(":") if ":" in address else ("", "", address)
    https_port = "" if port in ("443", "") else f":{port}"
    where = f"{host}:{http_port}" if host else str(http_port)
    return (
        "\n# Plain HTTP: the same address over HTTPS.\n"
        "server {\n"
        f"    listen {where};\n"
        f"    server_name {server_name};\n"
        "    server_tokens off;\n"
        f"    include {_path(headers)};\n"
        f"    return 301 https://$host{https_port}$request_uri;\n"
        "}\n"
    )


def write_config(
    site_dir: Path,
    out_dir: Path,
    *,
    listen: str,
    server_name: str = "_",
    standalone: bool = False,
    user: str | None = None,
    ssl_certificate: str | None = None,
    ssl_certificate_key: str | None = None,
    http_port: int | None = 80,
) -> Path:
    """Write the configuration files; returns the one to hand nginx (-c nginx.conf when
    standalone, else site.conf to include)."""
    site_dir = Path(site_dir).resolve()
    out_dir = Path(out_dir).resolve()
    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"{site_dir} has no index.html: build the site first (make build).")
    if not re.fullmatch(r"[\w.:\[\] -]+", listen):
        raise ValueError(f"unexpected --listen value: {listen!r}")
    if not re.fullmatch(r"[\w.*~ -]+", server_name):
        raise ValueError(f"unexpected --server-name value: {server_name!r}")
    out_dir.mkdir(parents=True, exist_ok=True)

    headers = out_dir / "security-headers.conf"
    headers.write_text(headers_snippet(site_dir))

    tls = ""
    if ssl_certificate or ssl_certificate_key:
        if not (ssl_certificate and ssl_certificate_key):
            raise ValueError("give both --ssl-certificate and --ssl-certificate-key")
        tls = f"    ssl_certificate {_path(ssl_certificate)};\n    ssl_certificate_key {_path(ssl_certificate_key)};\n"
        listen = https_listen(listen)
    redirect = http_redirect(listen, server_name, http_port, headers) if tls and http_port else ""
    site = out_dir / "site.conf"
    site.write_text(
        _fill(
            (TEMPLATES / "site.conf").read_text(),
            {"LISTEN": listen, "SERVER_NAME": server_name, "ROOT": _path(site_dir),
             "HEADERS": _path(headers), "TLS": tls.rstrip("\n"), "HTTP_REDIRECT": redirect,
             "SHORT_ADDRESSES": short_address_locations(short_addresses(site_dir), headers),
             "EDITIONS": edition_locations(editions(site_dir), headers),
             "FINGERPRINTED": FINGERPRINTED.pattern, "CACHE_IMMUTABLE": CACHE_IMMUTABLE,
             "CACHE_REVALIDATE": CACHE_REVALIDATE},
        )
    )
    if not standalone:
        return site

    (out_dir / "temp").mkdir(exist_ok=True)
    if user is None and os.geteuid() == 0:
        user = "www-data"
    if user is not None and not re.fullmatch(r"[\w-]+", user):
        raise ValueError(f"unexpected --user value: {user!r}")
    main = out_dir / "nginx.conf"
    main.write_text(
        _fill(
            (TEMPLATES / "nginx.conf").read_text(),
            {"PREFIX": _path(out_dir), "MIME_TYPES": _path(mime_types_path()),
             # Workers run as the web server's own user; only root may switch to it.
             "USER": f"user {user};" if user else "# (not root: workers run as the current user)"},
        )
    )
    return main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out-dir", type=Path, required=True, help="where to write the configuration")
    parser.add_argument("--listen", default="8080", help='nginx listen value: "8080", "127.0.0.1:8080", "443 ssl"')
    parser.add_argument("--server-name", default="_", help="the site's host name (default: any)")
    parser.add_argument("--standalone", action="store_true", help="also write a whole nginx.conf")
    parser.add_argument("--user", help="user for nginx's workers in a standalone config (default as root: www-data)")
    parser.add_argument("--ssl-certificate")
    parser.add_argument("--ssl-certificate-key")
    parser.add_argument("--http-port", type=int, default=80,
                        help="with a certificate: the plain-HTTP port that redirects to HTTPS (default 80; 0 for none)")
    args = parser.parse_args(argv)
    written = write_config(
        args.site_dir, args.out_dir, listen=args.listen, server_name=args.server_name,
        standalone=args.standalone, user=args.user,
        ssl_certificate=args.ssl_certificate, ssl_certificate_key=args.ssl_certificate_key, http_port=args.http_port,
    )
    print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
