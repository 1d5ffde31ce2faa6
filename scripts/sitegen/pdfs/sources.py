"""What the PDFs are made from: the built pages (their article, as readers see it) and the
navigation's reading order. One source of truth: no text is copied into the PDF templates."""

from __future__ import annotations

import html as htmlmod
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup, escape

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
# What only works on a screen never reaches paper: the share block, the contact box (the
# cover and each sheet's foot carry the agency), the print footer and the links to the PDFs
# themselves, the message pages' fields, buttons and notes about this browser, the link
# builder, and the checklist's progress and reset. Taken out of the HTML before anything is
# drawn (and before the cache key is made), so their words can change without a PDF changing.
SCREEN_ONLY_CLASSES = frozenset({
    "mih-share", "mih-contact", "mih-print-footer", "mih-print-link", "mih-print-guide", "mih-link-builder",
    "mih-details", "mih-forget", "mih-editions",
    "tpl-actions", "tpl-js", "tpl-fields", "tpl-field", "tpl-more", "tpl-staff", "tpl-keep", "tpl-privacy",
    "tpl-prefilled", "tpl-count", "tpl-done", "tpl-calendar", "tpl-hint", "tpl-screen",
    "mih-checklist__status", "mih-checklist__reset", "mih-checklist__confirm", "headerlink", "md-content__button",
})
SCREEN_ONLY_TAGS = frozenset({"form", "button", "script", "noscript", "template", "fieldset", "input", "select",
                              "textarea", "dialog", "style"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# A tag, its attributes read with their quotes (a quoted value may hold ">").
TAG_TOKEN = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
HIDDEN_ATTR = re.compile(r"""\s(?:hidden|data-checklist-enhanced)(?=[\s=/]|$)""", re.I)


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


def _screen_only(tag: str, attributes: str) -> bool:
    names = QUOTED.sub('""', attributes)  # the attributes' names, values emptied
    if tag in SCREEN_ONLY_TAGS or HIDDEN_ATTR.search(names):
        return True
    found = CLASS_ATTR.search(attributes)
    classes = next((group for group in found.groups() if group is not None), "") if found else ""
    return not SCREEN_ONLY_CLASSES.isdisjoint(classes.split())


def drop_screen_only(body: str) -> str:
    """``body`` without the elements that only work on a screen (SCREEN_ONLY_CLASSES and
    _TAGS, and anything ``hidden``), each removed with everything inside it."""
    kept: list[str] = []
    last = 0
    skipping: tuple[str, int] | None = None  # (tag, depth) of the element being dropped
    for match in TAG_TOKEN.finditer(body):
        closing, tag, attributes = match.group(1) == "/", match.group(2).lower(), match.group(3)
        if skipping is None:
            if closing or not _screen_only(tag, attributes):
                continue
            kept.append(body[last:match.start()])
            last = match.end()
            if tag not in VOID_TAGS and not attributes.rstrip().endswith("/"):
                skipping = (tag, 1)
            continue
        name, depth = skipping
        if tag == name and tag not in VOID_TAGS:
            depth += -1 if closing else 1
        skipping = None if depth == 0 else (name, depth)
        last = match.end()
    if skipping is None:
        kept.append(body[last:])
    return "".join(kept)


# A situation page's "Read more when you have time" (markdown_templates/situation.md): its
# heading and the list under it.
READ_MORE = re.compile(r'<h2 id="read-more">.*?</h2>\s*<ul>.*?</ul>', re.S)


CHOICES = re.compile(r'<div class="mih-choices">.*?</div>', re.S)


def without_choices(body: str, note: str) -> str:
    """A situation page's article with each list of choices (links to other pages) given as
    ``note`` (HTML), for a sheet short of room: its QR code opens the page, which has them."""
    return CHOICES.sub(lambda _match: f'<p class="choices-note">{note}</p>', body)


SUMMARY = re.compile(r'<p class="sit-summary">(.*?)</p>\s*', re.S)


def lead_of(body: str) -> tuple[str, str]:
    """(the summary's HTML, the body without it): a sheet prints the summary under its title."""
    found = SUMMARY.search(body)
    if not found:
        return "", body
    return found.group(1), body[:found.start()] + body[found.end():]


def without_read_more(body: str) -> str:
    """A situation page's article without its "Read more" links, for a sheet short of room:
    its QR code opens the page, which has them."""
    return READ_MORE.sub("", body)


# An address on paper breaks only after a "/"; a piece longer than this may break anywhere.
ADDRESS_PIECE = 24


def address_markup(url: str) -> Markup:
    """An address for paper, as a reader types it (without "https://", which browsers add):
    each piece up to a "/" kept whole (a line may break only after a "/", never inside a word
    or a domain), unless a piece is too long for a line, which may then break anywhere rather
    than run off the page."""
    pieces: list[str] = []
    for piece in url.removeprefix("https://").replace("/", "/\n").split("\n"):
        if piece == "/" and pieces and pieces[-1].endswith("/"):  # the second "/" of "http://"
            pieces[-1] += piece
        elif pieces == ["/"]:  # a path's first "/" stays with what follows it
            pieces[-1] += piece
        elif piece:
            pieces.append(piece)
    return Markup("<wbr>".join(
        f'<span class="piece">{escape(piece)}</span>' if len(piece) <= ADDRESS_PIECE else str(escape(piece))
        for piece in pieces))


ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
PRINT_PATH = re.compile(r'\sdata-print-path="([^"]*)"')
EXTERNAL_HREF = re.compile(r'\sclass="external-link"[^>]*?\shref="([^"]*)"|\shref="([^"]*)"[^>]*?\sclass="external-link"')


def print_addresses(body: str) -> str:
    """After each link, where it goes, as text: the site's own pages as a short path, other
    sites in full; broken only after a "/" (a CSS ::after could break it anywhere)."""

    def add(match: re.Match) -> str:
        attributes = match.group(1)
        path = PRINT_PATH.search(attributes)
        external = EXTERNAL_HREF.search(attributes)
        target = path.group(1) if path else next((g for g in external.groups() if g), None) if external else None
        if not target:
            return match.group(0)
        return f'{match.group(0)}<span class="print-path"> ({address_markup(htmlmod.unescape(target))})</span>'

    return ANCHOR.sub(add, body)


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
    body = drop_screen_only(match.group(1))
    heading = H1.search(body)
    title = plain(heading.group(1)) if heading else url.strip("/")
    absolute = urljoin(site_url, url)
    body = RELATIVE.sub(lambda m: f'{m.group(1)}="{_resolve(m.group(2), absolute, site_url, site_dir, m.group(1))}"', body)
    body = print_addresses(body)
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
