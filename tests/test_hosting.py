"""The built site is ready to host: readable by a web server running as its own user, and
served by the repository's nginx configuration with its security headers, caching, gzip and
404 page, under a Content-Security-Policy that Chromium never has to enforce against it.

The site here is built the way `make build` builds it (scripts/tools/build.py), under a strict
umask, and served by Debian's nginx (workers as www-data) through testkit.nginx.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitegen.fingerprint import own_assets
from sitegen.project import ROOT
from sitegen.security import (
    CACHE_IMMUTABLE,
    CACHE_REVALIDATE,
    content_security_policy,
    fingerprinted_files,
    security_headers,
    site_script_hashes,
)
from testkit import nginx
from testkit.site_pages import page_urls

BUILD = ROOT / "scripts" / "tools" / "build.py"


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def _nginx():
    """nginx with its port chosen first: the build needs the address (SITE_URL), since
    Material's instant navigation follows only links whose port matches the sitemap's."""
    server = nginx.bind()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site_by_build_py(tmp_path_factory, _nginx) -> Path:
    """A strict build by scripts/tools/build.py, run with umask 077 so that any file or folder
    left to the umask would come out unreadable to other users."""
    out = tmp_path_factory.mktemp("hosting") / "site"
    env = dict(os.environ, SITE_URL=_nginx.url, NO_MKDOCS_2_WARNING="1")
    # The umask is set by a shell: preexec_fn is unsafe once Playwright's threads run.
    command = ["/bin/sh", "-c", 'umask 077 && exec "$0" "$@"', sys.executable, str(BUILD), "--site-dir", str(out), "-q"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"build.py failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="module")
def hosted(site_by_build_py, _nginx) -> str:
    """The site's URL on nginx, serving build.py's output with its modes exactly as built."""
    return _nginx.start(site_by_build_py, exact_modes=True)


def fetch(url: str, *, gzip_ok: bool = False, method: str = "GET"):
    """(status, headers, body) without following redirects; body is as sent (maybe gzip)."""
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# --- the files -------------------------------------------------------------------------------

def test_site_modes(site_by_build_py):
    """Every folder 0755 and every file 0644, though the build ran with umask 077."""
    wrong = []
    for path in [site_by_build_py, *site_by_build_py.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o755 if path.is_dir() else 0o644
        if mode != expected:
            wrong.append(f"{oct(mode)} {path.relative_to(site_by_build_py.parent)}")
    assert wrong == [], "not readable by a web server's own user"
    assert len(list(site_by_build_py.rglob("*.html"))) > 10


# --- nginx -------------------------------------------------------------------------------------

def expected_headers(site: Path) -> dict[str, str]:
    return dict(security_headers(content_security_policy(site_script_hashes(site), for_meta=False)))


def test_security_headers_on_pages_assets_and_errors(hosted, site_by_build_py):
    expected = expected_headers(site_by_build_py)
    policy = expected["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    addresses = ["", "contact/", "assets/javascripts/bundle.js-not-here", "no-such-page/", "contact",
                 "search/search_index.json", "sitemap.xml", *[p.lstrip("/") for p in fingerprinted_files(site_by_build_py)[:3]]]
    for address in addresses:
        status, headers, _ = fetch(hosted + address)
        for name, value in expected.items():
            assert headers.get_all(name) == [value], f"{name} on /{address} ({status})"


def test_fingerprinted_files_are_kept_a_year_and_the_rest_revalidated(hosted, site_by_build_py):
    """nginx's rule and sitegen.security's pattern (used for _headers) agree on every file."""
    long_lived = set(fingerprinted_files(site_by_build_py))
    assert any("/bundle." in path for path in long_lived) and any("/main." in path for path in long_lived)
    # Our own CSS and JavaScript too, each renamed by the build (sitegen.fingerprint).
    ours = own_assets(ROOT / "docs", ROOT / "docs", ("assets/javascripts", "assets/stylesheets"))
    assert any(path.endswith("/main.js") for path in ours) and any(path.endswith("/site.css") for path in ours)
    for source in [path for path in ours if path.endswith((".js", ".css"))]:
        stem, ext = source.rsplit(".", 1)
        assert any(re.fullmatch(f"/{re.escape(stem)}\\.[0-9a-f]{{8}}\\.{re.escape(ext)}", path) for path in long_lived), source
    for path in sorted(p for p in site_by_build_py.rglob("*") if p.is_file()):
        address = "/" + path.relative_to(site_by_build_py).as_posix()
        if address in ("/_headers", "/_redirects"):  # the hosts' rules: not served (below)
            continue
        status, headers, _ = fetch(hosted + address.lstrip("/"), method="HEAD")
        assert status == 200, address
        expected = CACHE_IMMUTABLE if address in long_lived else CACHE_REVALIDATE
        assert headers.get_all("Cache-Control") == [expected], address
    for page in ["", "contact/", "no-such-page/"]:
        assert fetch(hosted + page)[1].get_all("Cache-Control") == [CACHE_REVALIDATE], page


def test_missing_address_gets_the_404_page_with_status_404(hosted, site_by_build_py):
    not_found = (site_by_build_py / "404.html").read_bytes()
    for address in ["no-such-page/", "checklists/no-such-list/", "assets/javascripts/bundle.0123abcd.min.js",
                    "nothing.html", "_headers", "_redirects"]:
        status, headers, body = fetch(hosted + address)
        assert (status, body) == (404, not_found), address
        assert headers["Content-Type"].startswith("text/html"), address


def test_a_folder_without_an_index_page_gets_the_404_page_not_nginxs_403(hosted, site_by_build_py):
    not_found = (site_by_build_py / "404.html").read_bytes()
    expected = expected_headers(site_by_build_py)
    folders = sorted(path for path in site_by_build_py.rglob("*") if path.is_dir() and not (path / "index.html").exists())
    assert folders, "the site has folders without an index page (assets/, say)"
    for folder in folders[:5]:
        address = folder.relative_to(site_by_build_py).as_posix() + "/"
        status, headers, body = fetch(hosted + address)
        assert (status, body) == (404, not_found), address
        for name, value in expected.items():
            assert headers.get_all(name) == [value], f"{name} on /{address}"


def _raw(hosted: str, request: bytes) -> tuple[int, dict[str, str]]:
    """Send bytes nginx cannot read as a request; (status, headers) of its answer."""
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(hosted)
    with socket.create_connection((where.hostname, where.port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(head[0].split()[1]), headers


def test_answers_nginx_makes_itself_carry_the_security_headers(hosted, site_by_build_py):
    """A request nginx cannot read (400) or an address too long for it (414) never reaches a
    location, so only the server's own headers are there to send."""
    expected = expected_headers(site_by_build_py)
    requests = {
        400: [b"NOT A REQUEST\r\n\r\n", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n"],
        414: [b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"],
    }
    for status, sent in requests.items():
        for request in sent:
            got, headers = _raw(hosted, request)
            assert got == status, request[:40]
            for name, value in expected.items():
                assert headers.get(name.lower()) == [value], f"{name} on a {status} for {request[:40]!r}"


def _short_addresses() -> dict[str, str]:
    """Short addresses (one path segment in redirect_maps) and the page each leads to."""
    from testkit.project_data import redirect_maps
    from testkit.site_pages import url_of

    from sitegen.translations import LANGUAGES

    def short(old: str) -> bool:  # "missed.md", or an edition's own "es/perdi.md"
        parts = old.split("/")
        return old.endswith(".md") and (len(parts) == 1 or (len(parts) == 2 and parts[0] in LANGUAGES))

    return {old.removesuffix(".md"): url_of(new) for old, new in redirect_maps().items() if short(old)}


def _cases(name: str) -> list[str]:
    return sorted({name.upper(), name.capitalize(), name.title(), name[:1] + name[1:].upper()} - {name})


def test_short_addresses_answer_in_any_letter_case(hosted, site_by_build_py):
    short = _short_addresses()
    assert short, "mkdocs.yml's redirect_maps has short addresses"
    expected = expected_headers(site_by_build_py)
    for name in short:
        for other in _cases(name):
            for address in (f"{other}/", other, f"{other}/?from=phone"):
                status, headers, _ = fetch(hosted + address)
                query = "?from=phone" if "?" in address else ""
                assert (status, headers["Location"]) == (301, f"/{name}/{query}"), address
                assert headers.get_all("Content-Security-Policy") == [expected["Content-Security-Policy"]], address
        status, _, body = fetch(hosted + f"{name}/")
        assert status == 200 and b'http-equiv="refresh"' in body, name
    # Other addresses keep their case: nothing else is folded.
    assert fetch(hosted + "CONTACT/")[0] == 404


def test_a_short_address_typed_in_capitals_opens_its_page_in_the_browser(watched, hosted):
    page = watched()
    for name, target in _short_addresses().items():
        page.page.goto(f"{name.upper()}/#your_name=Sam", wait_until="load")
        page.page.wait_for_url(f"{hosted}{target}*")
        assert page.page.url.startswith(hosted + target)
        assert page.page.url.endswith("#your_name=Sam"), "the details after # come along"
    page.collect()
    assert page.violations == []


def test_folder_without_slash_redirects_on_the_same_host(hosted):
    status, headers, _ = fetch(hosted + "contact")
    assert (status, headers["Location"]) == (301, "/contact/")


def test_text_is_sent_gzip_compressed(hosted, site_by_build_py):
    bundle = next(p for p in fingerprinted_files(site_by_build_py) if p.endswith(".js"))
    style = next(p for p in fingerprinted_files(site_by_build_py) if p.endswith(".css"))
    for address in ["", "contact/", bundle.lstrip("/"), style.lstrip("/"), "search/search_index.json", "sitemap.xml"]:
        file = site_by_build_py / (address + "index.html" if address.endswith("/") or not address else address)
        status, headers, body = fetch(hosted + address, gzip_ok=True)
        assert (status, headers.get("Content-Encoding")) == (200, "gzip"), address
        assert gzip.decompress(body) == file.read_bytes(), address
        assert len(body) < file.stat().st_size, address
        assert "Accept-Encoding" in headers.get("Vary", ""), address
    status, headers, body = fetch(hosted + "contact/")
    assert headers.get("Content-Encoding") is None and body == (site_by_build_py / "contact/index.html").read_bytes()


def test_assets_are_sent_as_their_precompressed_twins(hosted, site_by_build_py):
    """nginx's gzip_static sends the build's zopfli twin as it is: smaller than nginx's own
    level 9, and the same file once unpacked."""
    assets = [p.lstrip("/") for p in fingerprinted_files(site_by_build_py) if p.endswith((".js", ".css"))]
    assert len(assets) > 5
    for address in [*assets, "search/search_index.json", "sitemap.xml"]:
        file = site_by_build_py / address
        if file.stat().st_size < 256:
            continue
        twin = file.with_name(file.name + ".gz")
        assert twin.is_file(), f"no gzip twin for {address}"
        status, headers, body = fetch(hosted + address, gzip_ok=True)
        assert (status, headers.get("Content-Encoding")) == (200, "gzip"), address
        assert body == twin.read_bytes(), f"{address} was compressed again, not sent as its twin"
        assert gzip.decompress(body) == file.read_bytes(), address
        if file.stat().st_size > 4096:
            assert len(body) < len(gzip.compress(file.read_bytes(), 9)), address


# --- Chromium under the policy -------------------------------------------------------------------

# Recorded from the first script of every document, before the page's own.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
), true);
"""


class Watched:
    """A page that keeps CSP violations, console errors and warnings, and page errors."""

    def __init__(self, browser, base_url: str, **options):
        self.context = browser.new_context(base_url=base_url, **options)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.violations: list[str] = []
        self.console: list[str] = []
        self.page.on("console", lambda msg: msg.type in ("error", "warning") and self.console.append(f"{msg.type}: {msg.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"uncaught: {error}"))

    def collect(self) -> None:
        """Move what the current document recorded into self.violations."""
        self.violations += [f"{self.page.url}: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        self.page.evaluate("window.__cspViolations = []")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, hosted):
    pages = []

    def make(**options) -> Watched:
        pages.append(Watched(browser, hosted, **options))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


def test_every_page_loads_with_zero_csp_violations(watched, site_by_build_py):
    """Inline scripts and styles are checked as the page is parsed, so "load" is enough here;
    what scripts fetch later (search worker and index, instant navigation) is tested below."""
    page = watched()
    urls = page_urls(site_by_build_py)
    for url in urls:
        page.page.goto(url, wait_until="load")
        page.collect()
    assert page.violations == []
    assert page.console == []
    assert len(urls) > 10
    # The recorder itself works: markup with a style attribute is refused and reported.
    page.page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.page.wait_for_function("window.__cspViolations.length > 0")
    page.collect()
    # The policy is both a header and a meta tag here, so the one injected attribute may be reported twice.
    assert page.violations and all("style-src-attr" in v for v in page.violations)


def test_search_and_instant_navigation_work_under_the_policy(watched):
    page = watched()
    page.page.goto("", wait_until="networkidle")
    box = page.page.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially("reschedule")
    result = page.page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "reschedule" in result.inner_text().lower()
    page.collect()
    # A result opens its page with the words highlighted (search.highlight).
    result.click()
    page.page.locator(".md-content mark").first.wait_for()
    page.page.go_back()
    page.collect()
    # Instant navigation: the next page arrives by fetch, with this document's policy in force.
    page.page.keyboard.press("Escape")
    page.page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Checklists").first.click()
    page.page.wait_for_url("**/checklists/")
    page.page.wait_for_load_state("networkidle")
    assert page.page.evaluate("typeof __md_scope") == "object", "a full load, not instant navigation"
    page.collect()
    assert page.violations == []
    assert page.console == []


def one_page_of_each_kind(site: Path) -> list[str]:
    """The home page, one checklist, one template, and every other top-level page."""
    urls, kinds = [], set()
    for url in page_urls(site):
        kind = url.split("/")[0] + "/*" if url.count("/") > 1 else url
        if kind not in kinds:
            kinds.add(kind)
            urls.append(url)
    return urls


def test_controls_work_under_the_policy(watched, site_by_build_py):
    """On one page of each kind, fill every field, tick every box, press every button in the
    content, and switch the palette (dark, then light on the next page): what the site's
    scripts do on use must fit the policy too."""
    page = watched(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    page.page.on("dialog", lambda dialog: dialog.accept())
    page.page.on("download", lambda download: download.cancel())
    pressed = 0
    urls = one_page_of_each_kind(site_by_build_py)
    assert any(url.startswith("checklists/") and url != "checklists/" for url in urls)
    assert any(url.startswith("templates/") and url != "templates/" for url in urls)
    for url in urls:
        page.page.goto(url, wait_until="load")
        content = page.page.locator(".md-content")
        for field in content.locator("input[type=text], input:not([type]), textarea").all():
            if field.is_visible() and field.is_editable():
                field.fill("Sam")
        for field in content.locator("input[type=date]").all():
            if field.is_visible():
                field.fill("2030-05-06")
        for box in content.locator("input[type=checkbox]").all():
            if box.is_visible():
                box.click()
        # Element handles, not nth() locators: a pressed button may take another out of the
        # page ("Show QR code" gives way to the code), which would shift every later index.
        for button in content.locator("button").element_handles():
            if button.evaluate("b => b.isConnected && !b.disabled && b.checkVisibility()"):
                button.click()
                pressed += 1
        page.page.locator("form[data-md-component=palette] label:visible").first.click()
        # Scrolling down and back up brings Material's back-to-top button and header changes.
        page.page.mouse.wheel(0, 3000)
        page.page.mouse.wheel(0, -600)
        page.collect()
    assert pressed >= 5
    assert page.violations == []
    assert [line for line in page.console if "uncaught" in line or "Content Security Policy" in line] == []


def test_permissions_policy_uses_only_names_chromium_knows(watched, hosted):
    """Chromium warns in the console about every feature name it does not know; such a name
    protects nothing. Clipboard writing, used by the copy buttons, stays allowed."""
    page = watched()
    page.page.goto("", wait_until="networkidle")
    assert [line for line in page.console if "Permissions-Policy" in line] == []
    allowed = page.page.evaluate(
        "names => names.map(name => [name, document.featurePolicy.allowsFeature(name)])",
        ["clipboard-write", "camera", "geolocation", "microphone", "payment", "usb"],
    )
    assert dict(allowed) == {"clipboard-write": True, "camera": False, "geolocation": False,
                             "microphone": False, "payment": False, "usb": False}


def test_nginx_conf_tool_writes_a_server_block_for_an_existing_nginx(site_by_build_py, tmp_path):
    """What a maintainer runs on a server: site.conf to include from nginx's http block."""
    out = tmp_path / "conf"
    command = [sys.executable, str(ROOT / "scripts" / "tools" / "nginx_conf.py"), "--site-dir", str(site_by_build_py),
               "--out-dir", str(out), "--listen", "443 ssl", "--server-name", "advice.example.com",
               "--ssl-certificate", "/etc/ssl/advice.pem", "--ssl-certificate-key", "/etc/ssl/advice.key"]
    made = subprocess.run(command, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == str(out / "site.conf")
    site_conf = (out / "site.conf").read_text()
    for line in ["listen 443 ssl http2;", "server_name advice.example.com;", "listen 80;",
                 "return 301 https://$host$request_uri;", f"root {site_by_build_py};",
                 f"include {out / 'security-headers.conf'};", "ssl_certificate /etc/ssl/advice.pem;",
                 "ssl_certificate_key /etc/ssl/advice.key;", "error_page 404 /404.html;"]:
        assert line in site_conf
    assert not (out / "nginx.conf").exists()
    # nginx itself accepts it inside a plain http block (here without the TLS lines).
    plain = tmp_path / "plain"
    subprocess.run([*command[:5], str(plain), "--listen", "127.0.0.1:9"], check=True, capture_output=True)
    (tmp_path / "main.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log stderr; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {plain / 'site.conf'}; }}\n")
    checked = subprocess.run([nginx.find_nginx(), "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "main.conf")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_nginx_conf_tool_refuses_a_folder_without_a_site(tmp_path):
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "tools" / "nginx_conf.py"), "--site-dir", str(tmp_path),
                           "--out-dir", str(tmp_path / "conf")], capture_output=True, text=True)
    assert made.returncode != 0 and "build the site first" in made.stderr
