"""Print, seen by Chromium with print media emulated (print.css and the print footer), on each
page type: no navigation, search or buttons; dark type with a black title; the address of the
site's own links as a path; checklist boxes and message write-in lines; a footer with the
page's address, a QR code that decodes to it, and the agency's name and phone; no page
break inside a checklist section (in a PDF printed by Chromium itself)."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from pypdf import PdfReader

from sitegen.project import ROOT
from testkit.helpers import open_page

PAGE_TYPES = {
    "home": "",
    "guide": "what-to-do-now/",
    "situation": "situations/missed/",
    "checklist": "checklists/missed-interview/",
    "message": "templates/forgot/",
}
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer", ".md-top"]


def _agency() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"\n  agency:\n((?:    .*\n|\s*#.*\n)+)", text).group(1)
    return {k: str(v) for k, v in yaml.safe_load(block.replace("\n    ", "\n").lstrip()).items()}


def _open_for_print(page, built_site, site_url: str, path: str):
    if path and not (built_site / path / "index.html").is_file():
        pytest.skip(f"{path} is not in this build yet")
    open_page(page, site_url + path)
    page.emulate_media(media="print")


def _decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(picture)]


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_printed_page_has_no_chrome_a_black_title_and_its_address_qr_and_agency(page, built_site, site_url, kind):
    path = PAGE_TYPES[kind]
    _open_for_print(page, built_site, site_url, path)
    for selector in CHROME:
        assert page.locator(f"{selector}:visible").count() == 0, f"{selector} prints"
    assert page.locator("button:visible").count() == 0, "buttons print"
    assert page.locator("form:visible, select:visible, textarea:visible").count() == 0
    assert page.locator("input:visible:not([type=checkbox])").count() == 0

    title = page.locator("article h1").first
    assert title.evaluate("h => getComputedStyle(h).color") == "rgb(0, 0, 0)"
    assert int(title.evaluate("h => getComputedStyle(h).fontWeight")) >= 700

    footer = page.locator(".mih-print-footer")
    assert footer.is_visible()
    text = footer.inner_text()
    agency = _agency()
    assert site_url + path in text
    assert agency["name"] in text and agency["phone"] in text
    qr = footer.locator("svg")
    box = qr.bounding_box()
    assert box["width"] >= 80, "QR code large enough to scan (at least about 0.85 in)"
    assert _decode(qr.screenshot()) == [site_url + path]


@pytest.mark.parametrize("kind", ["home", "guide", "checklist"])
def test_printed_links_show_where_they_go(page, built_site, site_url, kind):
    _open_for_print(page, built_site, site_url, PAGE_TYPES[kind])
    links = page.locator("article a[data-print-path]")
    assert links.count() > 0
    for index in range(min(links.count(), 5)):
        link = links.nth(index)
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        path = link.get_attribute("data-print-path")
        assert path.startswith("/") and "://" not in path
        assert after == f'" ({path})"'
        # The path is where the link really goes.
        assert link.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == path


def test_printed_checklist_has_boxes_to_tick_and_the_readers_own_ticks(page, built_site, site_url):
    _open_for_print(page, built_site, site_url, PAGE_TYPES["checklist"])
    boxes = page.locator(".mih-checklist__box")
    assert boxes.count() > 5
    first = boxes.first
    assert first.is_visible()
    assert first.evaluate("b => getComputedStyle(b).borderTopWidth") != "0px"
    assert first.evaluate("b => getComputedStyle(b).borderTopStyle") == "solid"
    assert first.evaluate("b => getComputedStyle(b, '::before').content") in ("none", "normal", '""')
    first.check(force=True)  # the reader's copy: their tick prints
    assert first.evaluate("b => getComputedStyle(b, '::before').content") == '"\u2713"'
    assert page.locator(".mih-print-link:visible").count() == 0, "the PDF link means nothing on paper"


def test_checklist_sections_do_not_break_across_printed_pages(page, built_site, site_url):
    _open_for_print(page, built_site, site_url, PAGE_TYPES["checklist"])
    sections = page.locator(".mih-checklist__items")
    assert sections.first.evaluate("ul => getComputedStyle(ul).breakInside") == "avoid"
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter", print_background=False)))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    checklist = yaml.safe_load((ROOT / "data" / "checklists" / "missed-interview.yml").read_text(encoding="utf-8"))
    for section in checklist["sections"]:
        holders = {n for n, text in enumerate(pages) for item in section["items"]
                   if re.sub(r"\s+", " ", item["text"].split("{{")[0]).strip()[:40] in text}
        assert len(holders) == 1, f"section '{section['title']}' is split over printed pages {sorted(holders)}"


def test_printed_message_is_a_write_in_sheet(new_page, built_site, site_url):
    # Without JavaScript, as printed from the static page: message-template.js drops the
    # lines of optional fields left empty (free_time_2 and _3), which is its own business.
    page = new_page(java_script_enabled=False)
    _open_for_print(page, built_site, site_url, PAGE_TYPES["message"])
    messages = page.locator(".tpl-message")
    counts = [messages.nth(i).locator('.tpl-blank[data-field^="free_time"]').count() for i in range(messages.count())]
    frees = messages.nth(counts.index(max(counts))).locator('.tpl-blank[data-field^="free_time"]')
    assert frees.count() >= 2
    tops = [frees.nth(i).bounding_box()["y"] for i in range(frees.count())]
    assert len({round(top) for top in tops}) == len(tops), "one line for each free time"
    for i in range(frees.count()):
        line = frees.nth(i).evaluate(
            "b => { const s = getComputedStyle(b, '::before'); return [s.borderBottomStyle, parseFloat(s.width)] }")
        assert line[0] == "solid" and line[1] > 200, "a line long enough to write a day and time"
    name = page.locator('.tpl-blank[data-field="interviewer_name"]').first
    width = name.evaluate("b => parseFloat(getComputedStyle(b, '::before').width)")
    assert width >= 180, "room to write a name"
    assert page.locator(".tpl-message").first.evaluate("m => getComputedStyle(m).breakInside") == "avoid"


def test_checklist_pages_link_to_their_handout(page, built_site, site_url):
    for path in sorted((ROOT / "data" / "checklists").glob("*.yml")):
        checklist_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        open_page(page, f"{site_url}checklists/{checklist_id}/")
        link = page.get_by_role("link", name=re.compile("Print or download"))
        assert link.count() == 1
        href = link.evaluate("a => a.href")
        assert href == f"{site_url}checklists/{checklist_id}/{checklist_id}.pdf"
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"].startswith("application/pdf")


def test_every_page_carries_its_print_footer_with_its_own_address(built_site, site_url):
    from testkit.site_pages import page_file, page_urls

    agency = _agency()
    for url in page_urls(built_site):
        if url.endswith("404.html"):
            continue
        html = page_file(built_site, url).read_text(encoding="utf-8")
        footer = re.search(r'<div class="mih-print-footer">(.*?)</div>', html, re.S)
        assert footer, f"{url or 'home'}: no print footer"
        assert f">{site_url}{url}<" in footer.group(1), url
        assert "<svg" in footer.group(1) and "<script" not in footer.group(1) and "style=" not in footer.group(1)
        assert agency["phone"] in footer.group(1)
