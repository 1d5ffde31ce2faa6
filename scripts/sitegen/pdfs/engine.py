"""HTML to PDF with WeasyPrint: US Letter, tagged (PDF/UA-1, language and title set), fonts
embedded from the files committed in ``fonts/``, and no network: the URL fetcher accepts
only ``data:`` URLs and ``file:`` URLs inside the folders it is given.

A reference the fetcher refuses or cannot read (an image from the web, a ``file:`` URL outside
the site, a missing file) is named with the page it is on and its URL. Where it is only
decoration (an image with an empty alt="", which says so in HTML's own terms) the PDF is made
without it and the build goes on with a note; anything else is content the reader would miss
(an image that says something, an attachment, a stylesheet), and the build stops.
"""

from __future__ import annotations

import atexit
import hashlib
import html as htmlmod
import logging
import re
import shutil
import weakref
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

HERE = Path(__file__).parent
FONTS = HERE.parent / "fonts"  # shared with the preview cards (sitegen/cards.py)
TEMPLATES = HERE / "templates"
log = logging.getLogger("mkdocs.hooks.pdfs")
# The alt text of a section's QR code names the page online (ui.pdf.*.qr_alt has {url}).
PAGE_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")


@dataclass(frozen=True)
class Refused:
    url: str
    reason: str


def refusal(url: str, roots: list[Path]) -> str | None:
    """Why the PDF build may not read ``url``, or None: only data: URLs and files inside ``roots``."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in roots):
            return "it is outside the site's own files, and a PDF may hold only those"
        return None
    if parts.scheme == "data":
        return None
    return "it is on the network, and the PDF build never uses the network"


@lru_cache(maxsize=1)
def _fetcher_class() -> type:
    """The fetcher class, made on first use: importing WeasyPrint costs half a second, which a
    build that reuses every PDF from the cache never pays."""
    from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        def __init__(self, roots: list[Path]):
            # fail_on_errors=False: WeasyPrint goes on without what it could not read; the
            # renderer then names each one, and stops the build where it is content.
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False)
            self.roots = [Path(root).resolve() for root in roots]
            self.refused: list[Refused] = []

        def fetch(self, url, headers=None):
            reason = refusal(url, self.roots)
            if reason:
                self.refused.append(Refused(url, reason))
                raise ValueError(f"PDF build: {url}: {reason}")
            try:
                return super().fetch(url, headers)
            except Exception as error:
                cause = getattr(error, "reason", error)  # urllib wraps the OSError
                self.refused.append(Refused(url, f"it cannot be read ({getattr(cause, 'strerror', None) or cause})"))
                raise

        def __call__(self, url):  # older WeasyPrint call style
            return self.fetch(url)

    Fetcher.__name__ = Fetcher.__qualname__ = "OfflineFetcher"
    return Fetcher


def OfflineFetcher(roots: list[Path]):  # noqa: N802 (it makes an instance, as a class would)
    """WeasyPrint's fetcher limited to data: and to file: inside ``roots``. Every URL it
    refuses or cannot read is kept in ``refused`` (the renderer names them after each PDF),
    and WeasyPrint goes on without it."""
    return _fetcher_class()(roots)


class _References(HTMLParser):
    """Each element that refers to another file (src, href of <link>, data), with whether it is
    decoration, and the page address of the QR code before it."""

    def __init__(self, html: str, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.found: list[tuple[str, bool, str]] = []  # (absolute url, decoration, page address)
        self.page = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "img" and "mih-qr-img" in values.get("class", "").split():
            found = PAGE_ADDRESS.search(values.get("alt", ""))
            self.page = found.group(0) if found else self.page
        decoration = tag == "img" and (values.get("alt") == "" or values.get("role") in ("presentation", "none")
                                       or values.get("aria-hidden") == "true")
        for name in ("src", "href", "data"):
            if name in values and (name != "href" or tag in ("link", "a")):
                self.found.append((urljoin(self.base, values[name]), decoration, self.page))

    handle_startendtag = handle_starttag


def refusal_message(html: str, base: str, refused: list[Refused]) -> tuple[list[str], list[str]]:
    """(content problems that stop the build, decoration notes), each naming the PDF (its
    <title>), the page the reference is on and the URL."""
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL | re.IGNORECASE)
    pdf = htmlmod.unescape(title.group(1)).strip() if title else "a PDF"
    references = _References(html, base).found
    stops, notes = [], []
    for item in dict.fromkeys(refused):
        uses = [(decoration, page) for url, decoration, page in references if url == item.url]
        pages = sorted({page for _, page in uses if page})
        where = f" (from the page {', '.join(pages)})" if pages else ""
        if uses and all(decoration for decoration, _ in uses):
            notes.append(f'"{pdf}"{where}: left out the decorative image {item.url}: {item.reason}')
        else:
            stops.append(f'"{pdf}"{where}: {item.url} cannot go in the PDF: {item.reason}. Put the file in docs/ '
                         "(for example docs/assets/images/) and link to it there, or give a decorative image alt=\"\"")
    return stops, notes


def stylesheet_text() -> str:
    return (TEMPLATES / "pdf.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """What besides the HTML decides the bytes of a PDF: engine version, CSS and fonts."""
    # The version from the package metadata: importing WeasyPrint costs half a second.
    digest = hashlib.sha256(f"weasyprint {metadata.version('weasyprint')}".encode())
    for path in sorted([*FONTS.glob("*"), *TEMPLATES.glob("*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _forget_fonts(fonts_ref) -> None:
    """Remove a font configuration's temporary folder while the interpreter still can."""
    fonts = fonts_ref()
    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        fonts._folder = None


class Renderer:
    """One WeasyPrint set-up (fonts loaded once) for every PDF of a build."""

    def __init__(self, roots: list[Path]):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.fetcher = OfflineFetcher([FONTS, TEMPLATES, *roots])
        self.fonts = FontConfiguration()
        # A build that stops with an error leaves the renderer alive until the interpreter
        # ends, when WeasyPrint's own clean-up can no longer run and prints a traceback.
        atexit.register(_forget_fonts, weakref.ref(self.fonts))
        self.css = CSS(string=stylesheet_text(), base_url=TEMPLATES.as_uri() + "/",
                       url_fetcher=self.fetcher, font_config=self.fonts)

    def document(self, html: str, base: Path):
        """The rendered document; raises PdfError naming the PDF, the page and the URL of each
        reference that is content and could not be read."""
        from weasyprint import HTML

        base_url = base.as_uri() + "/"
        self.fetcher.refused = []
        document = HTML(string=html, base_url=base_url, url_fetcher=self.fetcher).render(
            stylesheets=[self.css], font_config=self.fonts, pdf_variant="pdf/ua-1"
        )
        self._check(html, base_url)
        self._last = (html, base_url)
        return document

    def pdf(self, document) -> bytes:
        """The PDF's bytes; attachments are read only now, and checked like the rest."""
        self.fetcher.refused = []
        data = document.write_pdf(pdf_variant="pdf/ua-1")
        self._check(*getattr(self, "_last", ("", "")))
        return data

    def _check(self, html: str, base_url: str) -> None:
        if not self.fetcher.refused:
            return
        stops, notes = refusal_message(html, base_url, self.fetcher.refused)
        self.fetcher.refused = []
        for note in notes:
            log.info("Printable PDFs: %s", note)
        if stops:
            from sitegen.pdfs import PdfError

            raise PdfError("Printable PDFs: " + "\n".join(stops))
