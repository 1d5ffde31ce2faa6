"""Read the built site: which pages it has, and the main text of a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from sitegen import translations
from sitegen.project import ROOT
from testkit.project_data import guide_pages, ids_of

# Every hand-written page of the project under test, in nav order (derived: a new page is
# checked like the others the moment it exists).
GUIDE_PAGES = guide_pages(ROOT)
# The sections whose pages the build makes from data files, one page per file's id.
GENERATED_SECTIONS = ("situations", "checklists", "templates")


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("", "contact/", "404.html"). Redirect
    pages (short and moved addresses) are left out: tests/test_links_never_break.py checks them."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        if '<meta http-equiv="refresh"' in path.read_text(encoding="utf-8")[:4000]:
            continue
        relative = path.relative_to(site).as_posix()
        urls.append(relative.removesuffix("index.html"))
    return urls


def source_page_urls(root: Path) -> list[str]:
    """The page URLs a build of ``root`` makes, read from its sources without building, so
    tests can be parametrised per page when they are collected: the Markdown pages, each
    checklist and message template with its section's index, and the 404 page.
    Kept honest by a test that compares it with page_urls() of the real build."""
    generated = {"404.html"}
    for section in GENERATED_SECTIONS:
        generated.add(f"{section}/")
        generated.update(f"{section}/{page_id}/" for page_id in ids_of(section, root))
    urls = {url_of(path.relative_to(root / "docs").as_posix()) for path in translations.english_pages(root)} | generated
    for language in translations.LANGUAGES:  # each edition: its own guide pages, and every generated one
        folder = root / "docs" / language
        urls |= {f"{language}/" + url_of(path.relative_to(folder).as_posix()) for path in folder.rglob("*.md")}
        urls |= {f"{language}/{url}" for url in generated}
    return sorted(urls)


def pdfs_of(site: Path, language: str = translations.MAIN) -> list[Path]:
    """The PDFs of one edition of the built site: the English ones at its root (not those
    in another edition's folder), or those under <site>/<language>/."""
    if language != translations.MAIN:
        return sorted((site / language).rglob("*.pdf"))
    return sorted(path for path in site.rglob("*.pdf") if path.relative_to(site).parts[0] not in translations.LANGUAGES)


def page_file(site: Path, url: str) -> Path:
    """The HTML file behind a URL from page_urls()."""
    return site / url if url.endswith(".html") else site / url / "index.html"


def url_of(src: str) -> str:
    """'what-to-do-now.md' -> 'what-to-do-now/', 'index.md' -> ''."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary", "legend", "label"}
SKIPPED = {"script", "style", "nav", "button", "svg"}


class _ArticleText(HTMLParser):
    """Collects the text of the page's <article>, one block element per line."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.lines: list[str] = [""]

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
        elif self.depth and tag == "article":
            self.depth += 1
        if self.depth and (tag in SKIPPED or "mih-contact" in classes):
            self.skip += 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag):
        if self.skip and tag in SKIPPED | {"aside"}:
            self.skip -= 1
        if tag == "article" and self.depth:
            self.depth -= 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.lines[-1] += data


def article_sentences(html: str) -> str:
    """The article's text with each heading, list item or paragraph as its own sentence."""
    parser = _ArticleText()
    parser.feed(html)
    sentences = []
    for line in parser.lines:
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            sentences.append(line if line[-1] in ".!?:" else line + ".")
    return "\n".join(sentences)
