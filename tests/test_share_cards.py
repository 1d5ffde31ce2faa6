"""Link previews: every page has the full set of meta, Open Graph and Twitter tags with
absolute addresses, and a 1200 x 630 preview card made at build time, cached by content."""

from __future__ import annotations

import re
from html import unescape

import pytest
from PIL import Image

from sitegen import cards
from testkit.project_data import agency
from testkit.site_pages import page_file, page_urls

OG = ("og:title", "og:description", "og:image", "og:url", "og:type", "og:site_name")
TWITTER = ("twitter:card", "twitter:title", "twitter:description", "twitter:image")


def tags(html: str) -> dict[str, str]:
    found = {}
    for match in re.finditer(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        found.setdefault(match.group(1), unescape(match.group(2)))
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    if canonical:
        found["canonical"] = unescape(canonical.group(1))
    return found


def site_pages(site):
    for url in page_urls(site):
        html = page_file(site, url).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in html and not url.endswith("404.html"):
            yield url, html


def test_every_page_has_the_full_tag_set_with_absolute_urls(built_site, site_url):
    checked = 0
    for url, html in site_pages(built_site):
        found = tags(html)
        missing = [name for name in ("canonical", "description", *OG, *TWITTER) if not found.get(name)]
        assert missing == [], f"{url}: missing {missing}"
        assert found["canonical"] == found["og:url"] == site_url + url
        assert found["og:image"] == found["twitter:image"] == site_url + cards.card_path(url)
        assert found["twitter:card"] == "summary_large_image"
        assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")
        checked += 1
    assert checked >= 25


def test_every_preview_card_exists_at_1200_by_630(built_site):
    for url, html in site_pages(built_site):
        card = built_site / cards.card_path(url)
        with Image.open(card) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), url


def test_cards_are_cached_by_content(tmp_path):
    cache = tmp_path / "cache"
    first, again, other = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    assert cards.write_card(first, "You forgot", "Example Staffing", "Missed Interview Help", cache) is True
    assert cards.write_card(again, "You forgot", "Example Staffing", "Missed Interview Help", cache) is False
    assert first.read_bytes() == again.read_bytes()
    assert cards.write_card(other, "You forgot", "Another Agency", "Missed Interview Help", cache) is True
    assert cards.write_card(other, "You were late", "Example Staffing", "Missed Interview Help", cache) is True
    assert len(list(cache.glob("*.png"))) == 3 and not list(cache.glob("*.tmp"))


def test_every_card_says_its_page_title_and_the_agency(built_site):
    """The words a card says (its PNG Description) are the page's share title, by the one rule
    the preview tags use (og:title), between the site's name and the agency's."""
    name = agency()["name"]
    for url, html in site_pages(built_site):
        found = tags(html)
        said = cards.description(built_site / cards.card_path(url))
        assert said == "\n".join([found["og:site_name"], " ".join(found["og:title"].split()), name]), url


def _title_rows(image) -> list[int]:
    """The rows of the title's band (between the site's name and the rule above the agency)
    that hold any pixel of text (white, or its edge blended into the background)."""
    background = Image.new("RGB", (1, 1), cards.BACKGROUND).getpixel((0, 0))
    top, bottom = 110, cards.HEIGHT - 140
    pixels = image.convert("RGB").load()
    return [y for y in range(top, bottom)
            if any(pixels[x, y] != background for x in range(cards.MARGIN - 10, cards.WIDTH - cards.MARGIN + 10, 2))]


def _lines(rows: list[int]) -> int:
    """Runs of text rows with a gap between them: the lines drawn."""
    return sum(1 for i, y in enumerate(rows) if i == 0 or y - rows[i - 1] > 4)


def _margin_is_empty(image) -> bool:
    """Nothing drawn in the right margin, top to bottom: no word runs off the card."""
    background = Image.new("RGB", (1, 1), cards.BACKGROUND).getpixel((0, 0))
    pixels = image.convert("RGB").load()
    return all(pixels[x, y] == background for x in range(cards.WIDTH - cards.MARGIN + 4, cards.WIDTH) for y in range(cards.HEIGHT))


# Markup and ampersands drawn as the characters they are; the longest title the data models
# allow (80 characters), in wide letters and in the markup test's words.
LONG_TITLES = [("<b>Zoë & Co</b> " * 5).strip(), " ".join(["WWWWWWW"] * 10)]


@pytest.mark.parametrize("title", LONG_TITLES, ids=["markup", "wide"])
def test_card_text_is_drawn_as_text_and_long_titles_fit(title):
    from io import BytesIO

    png = cards.draw_card(title, "A & B <i>Agency</i>", "Site")
    with Image.open(BytesIO(png)) as image:
        assert image.size == (1200, 630)
        # Drawn as text: every word of the title, markup and all, and nothing else.
        assert image.text[cards.DESCRIPTION] == "\n".join(["Site", title, "A & B <i>Agency</i>"])
        rows = _title_rows(image)
        # Long titles fit: wrapped onto 2 to 4 lines, inside the margins.
        assert 2 <= _lines(rows) <= 4, f"{_lines(rows)} lines"
        assert _margin_is_empty(image), "text runs into the right margin"


def test_a_title_longer_than_four_lines_is_not_cut_silently():
    """A guide page's title has no length limit: a card may not drop part of it unseen."""
    from io import BytesIO

    title = ("<b>Zoë & Co</b> " * 12).strip()
    with Image.open(BytesIO(cards.draw_card(title, "Agency", "Site"))) as image:
        assert image.text[cards.DESCRIPTION].split("\n")[1] == title
