"""QR codes made at build time (segno, pure Python): inline SVG for printed web pages and
for the PDFs. No script and no style attribute, so the site's strict CSP is untouched."""

from __future__ import annotations

import html
from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def svg(url: str, label: str = "") -> str:
    """An inline <svg> (sized by CSS through its viewBox) that opens ``url`` when scanned."""
    code = segno.make(url, error="m", micro=False)
    markup = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="mih-qr", lineclass=None)
    name = html.escape(label or f"QR code for {url}", quote=True)
    return markup.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)


@lru_cache(maxsize=4096)
def data_uri(url: str) -> str:
    """The same code as a data: URI of a small black-and-white PNG, for the PDFs' <img>.
    A raster image, so a test can take it out of the PDF and decode it."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=8, border=4)
