"""The list of every address the site has published (tests/published-urls.txt), kept by itself.

Links to the site's pages travel in emails, text messages and printed QR codes, so an address
once published must keep answering. This module:

- records: after a good build, adds every address the site answers that the list does not
  have yet, pages and redirects (sorted, stable, never removes a line). scripts/tools/build.py does it after each `make build`;
- checks: names each listed address that no longer answers, and says what to add to
  mkdocs.yml (a `redirect_maps:` line `old.md: new.md`, with the new page guessed when obvious).

Usage: python scripts/tools/published_urls.py [--site-dir site] [--check]
(records the pages of an already built site; with --check, only reports lost addresses).
Only the standard library: build.py runs it with whatever Python runs the build.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[2]  # the project this copy of the script sits in
LIST = Path("tests") / "published-urls.txt"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
HEADER = """\
# Every address this site has published, one a line, relative to site_url ("/" is the home
# page). Links to these may already be in text messages, emails and printed QR codes, so each
# must keep answering: tests/test_links_never_break.py checks that each is a page of the
# site or a redirect (mkdocs.yml, plugins: redirects: redirect_maps) to one.
# `make build` adds each new page here by itself; never remove a line. When a page is renamed
# or removed, add its old address to redirect_maps (old.md: new.md): the test says which line.
"""


# --- reading ---------------------------------------------------------------------------------


def read_list(path: Path) -> list[str]:
    """The listed addresses, without their leading "/" ("" is the home page)."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("/") for line in lines if line.strip() and not line.lstrip().startswith("#")]


def page_file(site: Path, url: str) -> Path:
    return site / url if url.endswith(".html") else site / url / "index.html"


def _is_redirect(path: Path) -> bool:
    return '<meta http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="replace")[:4000]


def built_addresses(site: Path, *, redirects: bool = True) -> list[str]:
    """Every address a built site answers ("", "contact/", "late/"), the 404 page left out;
    with ``redirects=False`` only real pages, not the redirect pages that lead to them."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html" or (not redirects and _is_redirect(path)):
            continue
        urls.append(relative.removesuffix("index.html"))
    return urls


def resolve(site: Path, url: str, hops: int = 5) -> str | None:
    """The page ``url`` ends on, following redirect pages; None if it leads nowhere."""
    for _ in range(hops):
        file = page_file(site, url)
        if not file.is_file():
            return None
        match = REFRESH.search(file.read_text(encoding="utf-8", errors="replace"))
        if not match:
            return url
        url = urljoin("/" + url, match.group(1)).removeprefix("/")
    return None


def lost(site: Path, urls: list[str]) -> list[str]:
    """The listed addresses that no longer lead to a page."""
    return [url for url in urls if resolve(site, url) is None]


# --- recording -------------------------------------------------------------------------------


def _order(url: str) -> str:
    """Sort by the file a host serves ("checklists/index.html"), the list's order from the start."""
    return url if url.endswith(".html") else url + "index.html"


def record(site: Path, list_path: Path) -> list[str]:
    """Add every address of ``site`` the list lacks; return the added addresses. The list's
    comments stay at the top and the addresses stay sorted; no line is ever removed."""
    listed = read_list(list_path)
    added = [url for url in built_addresses(site) if url not in set(listed)]
    if not added and list_path.is_file():
        return []
    text = list_path.read_text(encoding="utf-8") if list_path.is_file() else HEADER
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    addresses = sorted(set(listed) | set(added), key=_order)
    list_path.parent.mkdir(parents=True, exist_ok=True)
    list_path.write_text("\n".join(comments + ["/" + url for url in addresses]) + "\n", encoding="utf-8")
    return added


# --- advice for a lost address -----------------------------------------------------------------


def source_of(url: str) -> str:
    """The docs path MkDocs builds an address from: "" -> "index.md", "a/b/" -> "a/b.md"."""
    if url.endswith(".html"):
        return url
    return (url.removesuffix("/") or "index") + ".md"


def guess_new_page(url: str, new_pages: list[str], every_page: list[str]) -> str | None:
    """The page that most likely replaced ``url``: the only new page when one page went and
    one came, else the closest address among new pages, then among all pages."""
    match = difflib.get_close_matches(url, new_pages, n=1, cutoff=0.4) or difflib.get_close_matches(url, every_page, n=1, cutoff=0.6)
    return match[0] if match else None


def redirect_advice(site: Path, listed: list[str]) -> str:
    """A message a maintainer can act on for every listed address that no longer answers;
    empty when they all answer."""
    gone = lost(site, listed)
    if not gone:
        return ""
    pages = built_addresses(site, redirects=False)
    new_pages = [page for page in pages if page not in set(listed)]
    lines = []
    for url in gone:
        guess = new_pages[0] if len(gone) == 1 and len(new_pages) == 1 else guess_new_page(url, new_pages, pages)
        target = source_of(guess) if guess is not None else "the-page-that-replaces-it.md"
        lines.append(f"        {source_of(url)}: {target}")
    named = ", ".join("/" + url for url in gone)
    return (
        f"These published addresses no longer answer: {named}\n"
        "People may have them in emails, text messages or printed QR codes, so each must lead somewhere.\n"
        "In mkdocs.yml, find `redirect_maps:` (under `plugins:`, `- redirects:`) and add these lines,\n"
        "indented like the lines already there (the old page, a colon, then the page that replaces it):\n"
        + "\n".join(lines)
        + "\nIf another page fits better, write it after the colon instead. Keep every line of "
        + LIST.as_posix()
        + "."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default=ROOT / "site", type=Path, help="a built site (default: site/)")
    parser.add_argument("--list", default=ROOT / LIST, type=Path, help=f"the list (default: {LIST.as_posix()})")
    parser.add_argument("--check", action="store_true", help="only report addresses that no longer answer")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir} holds no built site: run `make build` first.", file=sys.stderr)
        return 2
    advice = redirect_advice(args.site_dir, read_list(args.list))
    if advice:
        print(advice, file=sys.stderr)
    if not args.check:
        for url in record(args.site_dir, args.list):
            print(f"published: /{url}")
    return 1 if advice and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
