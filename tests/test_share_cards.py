"""Link previews: every page has the full set of meta, Open Graph and Twitter tags with
absolute addresses, and a 1200 x 630 preview card made at build time, cached by content."""

from __future__ import annotations

import re
from html import unescape

from PIL import Image

from sitegen import cards
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
        if 'http-equiv="refresh"' not in html and url != "404.html":
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


def test_card_text_is_drawn_as_text_and_long_titles_fit():
    png = cards.draw_card("<b>Zoë & Co</b> " * 12, "A & B <i>Agency</i>", "Site")
    from io import BytesIO

    with Image.open(BytesIO(png)) as image:
        assert image.size == (1200, 630)
