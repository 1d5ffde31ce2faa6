"""Every internal link and anchor in the built site points at something that exists."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from testkit.site_pages import page_urls

BASE = "http://site.invalid/"


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[name])


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target_file(site: Path, path: str) -> Path | None:
    """The file a static host would serve for a URL path, if any."""
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> list[str]:
    parsed: dict[Path, _LinksAndIds] = {}

    def parse(path: Path) -> _LinksAndIds:  # each page once, however many links point at it
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems = []
    for url in page_urls(site):
        page = parse(_target_file(site, url))
        for link in page.links:
            absolute = urljoin(BASE + url, link)
            parts = urlsplit(absolute)
            if not absolute.startswith(BASE):
                continue  # another scheme or host: tel:, mailto:, the agency's website
            if url.endswith("404.html"):
                continue  # 404 links are root-relative on purpose; checked in test_404_links_work
            target = _target_file(site, parts.path)
            if target is None:
                problems.append(f"{url or '/'}: {link} -> no such file")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{url or '/'}: {link} -> no anchor #{parts.fragment}")
    return problems


def test_no_broken_internal_links_or_anchors(built_site):
    assert broken_links(built_site) == []


def test_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><a href="#nowhere">y</a><p id="here"></p><a href="#here">z</a>')
    assert broken_links(tmp_path) == ["/: missing/ -> no such file", "/: #nowhere -> no anchor #nowhere"]


def test_404_links_work(built_site):
    page = _parse(built_site / "404.html")
    internal = [link for link in page.links if link.startswith("/")]
    assert len(internal) >= 4
    missing = [link for link in internal if _target_file(built_site, urlsplit(link).path) is None]
    assert missing == []
