"""HTML to PDF with WeasyPrint: US Letter, tagged (PDF/UA-1, language and title set), fonts
embedded from the files committed in ``fonts/``, and no network: the URL fetcher accepts
only ``data:`` URLs and ``file:`` URLs inside the folders it is given."""

from __future__ import annotations

import hashlib
from importlib import metadata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).parent
FONTS = HERE.parent / "fonts"  # shared with the preview cards (sitegen/cards.py)
TEMPLATES = HERE / "templates"


class OfflineFetcher:
    """WeasyPrint's fetcher limited to data: and to file: inside ``roots``."""

    def __init__(self, roots: list[Path]):
        from weasyprint.urls import URLFetcher

        self.roots = [root.resolve() for root in roots]
        self._inner = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"PDF build may read only its own files, not {url}")
        elif parts.scheme != "data":
            raise ValueError(f"PDF build never uses the network: {url}")
        return self._inner.fetch(url, headers)

    def __call__(self, url):  # older WeasyPrint call style
        return self.fetch(url)


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


class Renderer:
    """One WeasyPrint set-up (fonts loaded once) for every PDF of a build."""

    def __init__(self, roots: list[Path]):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.fetcher = OfflineFetcher([FONTS, TEMPLATES, *roots])
        self.fonts = FontConfiguration()
        self.css = CSS(string=stylesheet_text(), base_url=TEMPLATES.as_uri() + "/",
                       url_fetcher=self.fetcher, font_config=self.fonts)

    def document(self, html: str, base: Path):
        from weasyprint import HTML

        return HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=self.fetcher).render(
            stylesheets=[self.css], font_config=self.fonts, pdf_variant="pdf/ua-1"
        )

    @staticmethod
    def pdf(document) -> bytes:
        return document.write_pdf(pdf_variant="pdf/ua-1")
