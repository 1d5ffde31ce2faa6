"""What the PDFs are made from: the built pages (their article, as readers see it) and the
navigation's reading order. One source of truth: no text is copied into the PDF templates."""

from __future__ import annotations

import html as htmlmod
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sitegen.context import page_url
from sitegen.situations import SITUATION_IDS as SITUATIONS

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")
# href/src in the article, except in-page anchors and other schemes (mailto:, tel:, data:).
RELATIVE = re.compile(r'(<a\b[^>]*?\shref|<img\b[^>]*?\ssrc)="(?![a-z][a-z0-9+.-]*:|#)([^"]*)"', re.I)
LINK = re.compile(r'<a href="([^"]*)"')
# The booklet's parts in reading order; their names are words, in ui.pdf.parts.
PARTS = ("guides", "situations", "checklists", "messages")
LEFT_OUT = {"for-staff.md", "contact.md"}  # the booklet's cover carries the contact details


@dataclass
class Section:
    part: str  # one of PARTS; the booklet shows its name from ui.pdf.parts (data/strings/)
    url: str  # site-relative, e.g. "checklists/follow-up/"
    title: str  # plain text
    body: str  # the article's HTML, links made absolute


def situation_ids(site_dir: Path) -> list[str]:
    """The situation pages this build has: the four known ones first, then any others."""
    built = {path.parent.name for path in (site_dir / "situations").glob("*/index.html")}
    return [sid for sid in SITUATIONS if sid in built] + sorted(built - set(SITUATIONS))


def nav_sources(nav: list | None) -> list[str]:
    """Every page path in mkdocs.yml's nav (as the content hook completed it), in order."""
    found: list[str] = []

    def walk(entries):
        for entry in entries or []:
            value = entry
            if isinstance(entry, dict):
                (value,) = entry.values()
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                found.append(value)

    walk(nav)
    return found


def _part(src: str) -> str:
    if src.startswith("checklists/"):
        return "checklists"
    if src.startswith("templates/"):
        return "messages"
    if src.startswith("situations/"):
        return "situations"
    return "guides"


def reading_order(nav: list | None, site_dir: Path) -> list[tuple[str, str]]:
    """(part, url) for the booklet: home, the situations (when built), the guides, the
    checklists and the messages, in the navigation's order; no section index pages."""
    sources = [src for src in nav_sources(nav) if src not in LEFT_OUT and not src.endswith("/index.md")]
    order = [(_part(src), page_url(src)) for src in sources]
    listed = {url for _, url in order}
    situations = [("situations", f"situations/{sid}/") for sid in situation_ids(site_dir)
                  if f"situations/{sid}/" not in listed]
    guides = [entry for entry in order if entry[0] == "guides"]
    rank = {part: index for index, part in enumerate(PARTS)}
    # Home first, then what to do in each situation, then the rest of the guides.
    head, rest = guides[:1], [entry for entry in order if entry not in guides[:1]]
    rest = situations + rest
    return head + sorted(rest, key=lambda entry: rank[entry[0]])


def plain(markup: str) -> str:
    return htmlmod.unescape(TAG.sub("", markup)).strip()


def read_section(site_dir: Path, url: str, site_url: str, part: str = "") -> Section | None:
    path = site_dir / url / "index.html"
    if not path.is_file():
        return None
    page = path.read_text(encoding="utf-8")
    match = ARTICLE.search(page)
    if not match:
        return None
    body = match.group(1)
    heading = H1.search(body)
    title = plain(heading.group(1)) if heading else url.strip("/")
    absolute = urljoin(site_url, url)
    body = RELATIVE.sub(lambda m: f'{m.group(1)}="{_resolve(m.group(2), absolute, site_url, site_dir, m.group(1))}"', body)
    return Section(part=part or "guides", url=url, title=title, body=body)


def _resolve(target: str, page_address: str, site_url: str, site_dir: Path, attribute: str) -> str:
    joined = urljoin(page_address, target)
    if attribute.lower().endswith("src"):  # images come from the built site, never the network
        inside = urlsplit(joined).path[len(urlsplit(site_url).path):]
        return htmlmod.escape((site_dir / inside).resolve().as_uri(), quote=True)
    return htmlmod.escape(joined, quote=True)


def site_path(href: str, page_address: str, site_url: str) -> str | None:
    """A link's target as a path on the site ("/contact/"), or None for other sites and schemes."""
    if not href or href.startswith("#"):
        return None
    scheme = urlsplit(href).scheme
    if scheme and scheme not in ("http", "https"):
        return None
    joined = urljoin(page_address, htmlmod.unescape(href))
    site, target = urlsplit(site_url), urlsplit(joined)
    if scheme and target.netloc != site.netloc:
        return None
    path = posixpath.normpath(target.path) + ("/" if target.path.endswith("/") and target.path != "/" else "")
    return path + (f"#{target.fragment}" if target.fragment else "")


def mark_site_links(body: str, page_address: str, site_url: str) -> str:
    """Give each link to the site's own pages a data-print-path, which print CSS shows after
    it: Material rewrites hrefs to full addresses once a page loads, so CSS cannot."""

    def mark(match: re.Match) -> str:
        path = site_path(match.group(1), page_address, site_url)
        if path is None:
            return match.group(0)
        return f'<a data-print-path="{htmlmod.escape(path, quote=True)}" href="{match.group(1)}"'

    return LINK.sub(mark, body)
