"""Link-preview cards: a 1200 x 630 PNG per page with the page's title and the agency's name,
drawn with Pillow from the fonts in sitegen/fonts/ (no network), the same the PDFs use.

Each card is cached under a hash of everything it is drawn from (title, agency name, site
name, the fonts and CARD_VERSION), so an unchanged page is copied, not drawn again.
Titles are drawn as text: nothing in them is read as markup. The words drawn are also written
into the PNG as its "Description" text, so tests and tools can read what a card says.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
from functools import lru_cache
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = "2"  # change when the drawing below changes: every card is drawn again
FONTS = Path(__file__).with_name("fonts")
BOLD = FONTS / "atkinson-hyperlegible-latin-700-normal.woff"
REGULAR = FONTS / "atkinson-hyperlegible-latin-400-normal.woff"
BACKGROUND, ACCENT, TEXT = "#283593", "#ffca28", "#ffffff"  # indigo 800, amber, white (contrast 10:1)
MARGIN = 80
TITLE_ROOM = HEIGHT - 250  # between the site's name at the top and the agency's line at the foot
FILE_NAME = "social-card.png"
DESCRIPTION = "Description"  # the PNG text key (a registered keyword) that holds the words drawn


@lru_cache(maxsize=1)
def _fonts_digest() -> str:
    return hashlib.sha256(BOLD.read_bytes() + REGULAR.read_bytes()).hexdigest()


def card_key(title: str, agency: str, site_name: str) -> str:
    parts = [CARD_VERSION, _fonts_digest(), title, agency, site_name]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def draw_card(title: str, agency: str, site_name: str) -> bytes:
    """The PNG bytes of one card."""
    from PIL import Image, ImageDraw, ImageFont
    from PIL.PngImagePlugin import PngInfo

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    small = ImageFont.truetype(str(REGULAR), 36)
    draw.text((MARGIN, 60), site_name, font=small, fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    # The largest size at which the whole title fits: 4 lines at most down to 44 px, then as
    # many as the room between the site's name and the agency's takes (a long guide title).
    for size in (76, 66, 58, 50, 44, 38, 32, 28):
        font = ImageFont.truetype(str(BOLD), size)
        lines = _wrap(draw, title, font, width)
        most = 4 if size >= 44 else TITLE_ROOM // int(size * 1.2)
        if len(lines) <= most and all(draw.textlength(line, font=font) <= width for line in lines):
            break
    else:  # longer still: as much as fits, and "…" says there is more (the Description too)
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip() + " …"
    line_height = int(size * 1.2)
    top = (HEIGHT - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=TEXT)
    draw.line((MARGIN, HEIGHT - 130, WIDTH - MARGIN, HEIGHT - 130), fill=ACCENT, width=3)
    draw.text((MARGIN, HEIGHT - 105), agency, font=ImageFont.truetype(str(BOLD), 40), fill=TEXT)
    info = PngInfo()
    # Latin-1 text goes in a tEXt chunk; Pillow writes iTXt (UTF-8) for anything else.
    info.add_text(DESCRIPTION, "\n".join([site_name, " ".join(lines), agency]))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


def description(png: Path) -> str:
    """The words a card says (site name, title, agency; one per line), read from its PNG."""
    from PIL import Image

    with Image.open(png) as image:
        return image.text.get(DESCRIPTION, "")


def write_card(target: Path, title: str, agency: str, site_name: str, cache_dir: Path) -> bool:
    """Write the card to ``target`` from the cache, drawing it first if it is not there.
    Returns True when it was drawn, False when the cache had it. A cache folder this build
    cannot write (a read-only .cache) is passed by: the card is drawn straight into the site."""
    cached = cache_dir / f"{card_key(title, agency, site_name)}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.is_file():
        shutil.copyfile(cached, target)
        return False
    data = draw_card(title, agency, site_name)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)  # never a half-written card in the cache
    except OSError as error:
        if cache_dir not in _unwritable:
            _unwritable.add(cache_dir)
            logging.getLogger("mkdocs.hooks.cards").info(
                "Cannot write the card cache %s (%s): this build draws every card.", cache_dir, error.strerror or error)
    target.write_bytes(data)
    return True


_unwritable: set[Path] = set()  # cache folders already found read-only (said once per build)


def card_path(page_url: str) -> str:
    """The card's URL path beside its page: "templates/forgot/" -> "templates/forgot/social-card.png",
    the home page "" -> "social-card.png". A page that is a file ("404.html") uses the home card."""
    return f"{page_url}{FILE_NAME}" if page_url.endswith("/") else FILE_NAME
