"""Print, seen by Chromium with print media emulated (print.css and the print footer), on each
page type: no navigation, search or buttons; dark type with a black title; the address of the
site's own links as a path; checklist boxes and message write-in lines; a footer with the
page's address, a QR code that decodes to it, and the agency's name and phone; no page
break inside a checklist section (in a PDF printed by Chromium itself). With the script on, a
message page still prints as a write-in sheet, with what the reader typed, while the message on
screen keeps leaving out empty optional lines. On US Letter, printed by Chromium: the
missed-interview checklist on one page, a message page on two at most, page 1 well filled."""

from __future__ import annotations

import io
import re
from html import unescape
from urllib.parse import unquote

import pytest
import yaml
from pypdf import PdfReader

from sitegen.project import ROOT
from testkit.helpers import open_page
from testkit.project_data import agency as project_agency, data_paths

PAGE_TYPES = {
    "home": "",
    "guide": "what-to-do-now/",
    "situation": "situations/missed/",
    "checklist": "checklists/missed-interview/",
    "message": "templates/forgot/",
}
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer", ".md-top",
          ".mih-share", ".mih-print-guide"]


def _agency() -> dict:
    return project_agency()


def _open_for_print(page, built_site, site_url: str, path: str):
    # A page type missing from the build is a regression: it fails, never skips.
    assert (built_site / path / "index.html").is_file(), f"/{path} is not in the build"
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
    """In "Print the whole guide" (overrides/partials/print-guide.html): the handout and its
    large-print edition, each a PDF the site serves."""
    from sitegen import strings

    ui = strings.load(strings.catalogue_path(ROOT, "en"))
    for path in data_paths("checklists"):
        checklist_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        open_page(page, f"{site_url}checklists/{checklist_id}/")
        block = page.locator(".mih-print-guide")
        for words, name in ((ui.print_guide.handout, f"{checklist_id}.pdf"),
                            (ui.print_guide.handout_large, f"{checklist_id}-large-print.pdf")):
            link = block.get_by_role("link", name=words, exact=True)
            assert link.count() == 1, words
            href = link.evaluate("a => a.href")
            assert href == f"{site_url}checklists/{checklist_id}/{name}"
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


# --- Printed with the script on, and printed to Letter by Chromium itself ----------------------


def _pdf_pages(page) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter", print_background=False)))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def _open_message(page, site_url: str) -> None:
    open_page(page, site_url + PAGE_TYPES["message"])
    page.wait_for_selector('[data-module="message-template"][data-ready]')
    page.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")


def _blank_words(page, site_url: str) -> dict[str, str]:
    """The words each blank shows in the static page: {"free_time_3": "[a third day and time]"}."""
    html = page.request.get(site_url + PAGE_TYPES["message"]).text()
    found = re.findall(r'<span class="tpl-blank" data-field="([\w-]+)">([^<]*)</span>', html)
    return {name: unescape(words) for name, words in found}


def test_printed_message_with_the_script_on_is_a_write_in_sheet_with_what_was_typed(page, site_url):
    _open_message(page, site_url)
    frees = page.locator('.tpl input[data-field^="free_time"]')
    assert frees.count() >= 2
    names = [frees.nth(i).get_attribute("data-field") for i in range(frees.count())]
    words = _blank_words(page, site_url)
    page.locator('.tpl input[data-field="your_name"]').fill("Jordan Smith")
    # On screen the email leaves out the free times left empty (they are optional)...
    assert words[names[-1]] not in page.locator('[data-channel="email"] .tpl-text[data-part="body"]').text_content()
    page.emulate_media(media="print")
    # ...on paper each one is a line to write on.
    email = page.locator('[data-channel="email"] .tpl-message')
    lines = email.locator('.tpl-blank[data-field^="free_time"]:visible')
    assert lines.count() == len(names), "one write-in line for each free time"
    tops = [lines.nth(i).bounding_box()["y"] for i in range(lines.count())]
    assert len({round(top) for top in tops}) == len(tops), "each free time on its own line"
    for i in range(lines.count()):
        line = lines.nth(i).evaluate(
            "b => { const s = getComputedStyle(b, '::before'); return [s.borderBottomStyle, parseFloat(s.width)] }")
        assert line[0] == "solid" and line[1] >= 200, "a line long enough to write a day and time"
    # What the reader typed is their copy: it prints, and their name has no line instead.
    assert "Jordan Smith" in email.inner_text()
    assert email.locator('.tpl-blank[data-field="your_name"]:visible').count() == 0
    assert email.locator('[data-field="interviewer_name"]:visible').evaluate(
        "b => parseFloat(getComputedStyle(b, '::before').width)") >= 180, "room to write a name"
    printed = "".join(_pdf_pages(page)).replace(" ", "")
    assert "JordanSmith" in printed
    for name in names:
        assert words[name].replace(" ", "") in printed, f"{name} has no line on paper"


def test_the_paper_copy_leaves_the_message_on_screen_as_it_was(page, site_url):
    _open_message(page, site_url)
    body = page.locator('[data-channel="email"] .tpl-text[data-part="body"]')
    page.locator('.tpl input[data-field="free_time_1"]').fill("Thursday after 1 PM")
    screen = body.text_content()
    # Empty optional lines are still left out on screen and in what is sent.
    assert "- Thursday after 1 PM\n\n" in screen
    words = _blank_words(page, site_url)
    assert words["free_time_2"] not in screen and words["free_time_3"] not in screen
    mailto = page.locator('a[data-action="mailto"]').get_attribute("href")
    assert unquote(re.search(r"[?&]body=([^&]*)", mailto).group(1)).replace("\r\n", "\n") == screen
    paper = page.locator('[data-channel="email"] .tpl-paper')
    assert paper.count() == 1 and paper.is_hidden() and paper.get_attribute("aria-hidden") == "true"
    assert body.is_visible()
    page.emulate_media(media="print")
    assert paper.is_visible() and body.is_hidden()
    page.emulate_media(media="screen")
    assert body.text_content() == screen and body.is_visible() and paper.is_hidden()
    # Once every optional line is filled in, the message on screen is the one on paper too.
    filled = {"free_time_2": "Friday", "free_time_3": "Friday", "your_email": "x@example.com", "what_changed": "I now set two reminders"}
    for name, value in filled.items():
        page.locator(f'.tpl input[data-field="{name}"]').fill(value)
    assert "- Friday\n- Friday\n\n" in body.text_content()
    assert paper.count() == 0
    page.emulate_media(media="print")
    assert body.is_visible()


@pytest.mark.parametrize("ticked", [False, True], ids=["blank", "ticked"])
def test_missed_interview_checklist_prints_on_one_letter_page(page, built_site, site_url, ticked):
    path = PAGE_TYPES["checklist"]
    _open_for_print(page, built_site, site_url, path)
    if ticked:
        boxes = page.locator(".mih-checklist__box")
        for index in range(0, boxes.count(), 2):
            boxes.nth(index).check(force=True)
        assert page.locator(".mih-checklist__box:checked").count() >= 3
    # Readable on paper: the items at 10.5pt (14px) at least, what they mean at 9pt (12px).
    assert page.locator(".mih-checklist__text").first.evaluate("t => parseFloat(getComputedStyle(t).fontSize)") >= 14
    assert page.locator(".mih-checklist__detail").first.evaluate("t => parseFloat(getComputedStyle(t).fontSize)") >= 12
    pages = _pdf_pages(page)
    assert len(pages) == 1, f"printed on {len(pages)} pages"
    checklist = yaml.safe_load((ROOT / "data" / "checklists" / "missed-interview.yml").read_text(encoding="utf-8"))
    for section in checklist["sections"]:
        assert section["title"] in pages[0]
        for item in section["items"]:
            assert re.sub(r"\s+", " ", item["text"].split("{{")[0]).strip() in pages[0], item["id"]
    agency = _agency()
    assert (site_url + path).replace(" ", "") in pages[0].replace(" ", ""), "the footer is on the page"
    assert agency["phone"] in pages[0]


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_printed_message_page_fills_its_first_page_and_takes_two_at_most(new_page, built_site, site_url, script):
    page = new_page(java_script_enabled=script)
    _open_for_print(page, built_site, site_url, PAGE_TYPES["message"])
    if script:
        page.wait_for_selector('[data-module="message-template"][data-ready]')
    pages = _pdf_pages(page)
    assert len(pages) <= 2, f"printed on {len(pages)} pages"
    average = sum(len(text) for text in pages) / len(pages)
    assert len(pages[0]) >= 0.4 * average, f"page 1 is mostly empty: {[len(text) for text in pages]} characters"
    # No break before the messages: the first one starts on page 1.
    first = page.locator(".tpl-channel h2").first.inner_text().strip()
    assert re.sub(r"\s+", " ", first) in pages[0]
    assert page.watch.console_errors == [], "console errors (a blocked style would be one)"
