"""A page printed from the browser takes as few sheets as it needs (issue #17): Chromium prints
each page type to US Letter with print media, blank and filled in (ticks, typed details), and
no sheet is less than a third full except the last, which carries some of the page and not
only its print footer. Which page stands for each type is derived from the built site (the
longest of its kind), so a new or longer page is what gets checked."""

from __future__ import annotations

import io
import math
import re
from html import unescape

import pytest
from pypdf import PdfReader

from testkit.helpers import open_page
from testkit.project_data import agency as project_agency
from testkit.site_pages import GENERATED_SECTIONS, page_file, page_urls

INCH = 72.0
MARGIN = 0.5 * INCH  # print.css: @page { margin: 0.5in 0.6in }
LEAST = 1 / 3


def _article_length(site, url: str) -> int:
    page = page_file(site, url).read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S)
    return len(unescape(re.sub(r"<[^>]+>", "", article.group(1)))) if article else 0


def _kind(url: str) -> str:
    if url == "":
        return "home"
    if url in {f"{section}/" for section in GENERATED_SECTIONS}:
        return "index"
    section = url.split("/")[0]
    return {"situations": "situation", "checklists": "checklist", "templates": "message"}.get(section, "guide")


def _longest_of_each_kind(site) -> dict[str, str]:
    chosen: dict[str, tuple[int, str]] = {}
    for url in page_urls(site):
        if url.endswith(".html"):
            continue
        length = _article_length(site, url)
        kind = _kind(url)
        if kind not in chosen or length > chosen[kind][0]:
            chosen[kind] = (length, url)
    return {kind: url for kind, (_, url) in sorted(chosen.items())}


# (page type, filled in, with the script on): blank pages print the same with the script off.
CASES = [(kind, False, script) for kind in ("home", "guide", "index", "situation", "checklist", "message")
         for script in (True, False)] + [("checklist", True, True), ("message", True, True)]


def _fill(page) -> int:
    """Tick every other box and type into every field, as a reader would; how many."""
    done = 0
    boxes = page.locator(".mih-checklist__box")
    for index in range(0, boxes.count(), 2):
        boxes.nth(index).check(force=True)
        done += 1
    for field in page.locator(".md-content input[type=text], .md-content input[type=tel], .md-content input[type=email], "
                              ".md-content input:not([type])").all():
        if field.is_visible() and field.is_editable():
            field.fill("Jordan Smith-Example")
            done += 1
    return done


def _sheets(pdf: bytes) -> list[tuple[float, str]]:
    """(how full, text) of each printed sheet: the share of the printable height, from the top
    margin down to the lowest line of text."""
    out = []
    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        height = float(sheet.mediabox.height)
        lows: list[float] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                lows.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - 0.25 * size)

        text = sheet.extract_text(visitor_text=visit)
        full = (height - MARGIN - min(lows)) / (height - 2 * MARGIN) if lows else 0.0
        out.append((round(min(full, 1.0), 2), re.sub(r"\s+", " ", text).strip()))
    return out


@pytest.fixture(scope="module")
def kinds(built_site) -> dict[str, str]:
    found = _longest_of_each_kind(built_site)
    assert {"home", "guide", "situation", "checklist", "message"} <= set(found), found
    return found


@pytest.mark.parametrize("kind, filled, script", CASES,
                         ids=[f"{k}-{'filled' if f else 'blank'}{'' if j else '-no-script'}" for k, f, j in CASES])
def test_printed_page_takes_as_few_sheets_as_it_needs(new_page, kinds, site_url, kind, filled, script):
    url = kinds[kind]
    page = new_page(java_script_enabled=script)
    open_page(page, site_url + url)
    if filled:
        if url.startswith("templates/"):
            page.wait_for_selector('[data-module="message-template"][data-ready]')
        assert _fill(page) > 0, f"/{url}: nothing to fill in"
    page.emulate_media(media="print")
    sheets = _sheets(page.pdf(format="Letter", print_background=False))
    fills = [full for full, _ in sheets]
    assert all(full >= LEAST for full in fills[:-1]), f"/{url}: a sheet less than a third full: {fills}"
    # The last sheet holds some of the page, not only its footer (address, agency, phone).
    agency = project_agency()
    footer = {site_url + url, agency["name"], agency["phone"], "·"}
    last = sheets[-1][1]
    for words in sorted(footer, key=len, reverse=True):
        last = last.replace(words, " ")
    assert len(re.sub(r"\W+", "", last)) > 20, f"/{url}: the last of {len(sheets)} sheets holds only the footer"
    # As few as it needs: what is left blank because a step or a message is never split adds
    # up to less than half a sheet.
    assert len(sheets) <= math.ceil(sum(fills) + 0.5), f"/{url}: {len(sheets)} sheets for {sum(fills):.2f} sheets of content"
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


def test_the_page_types_are_chosen_from_the_site(built_site, kinds):
    for kind, url in kinds.items():
        assert _kind(url) == kind
        same = [other for other in page_urls(built_site) if not other.endswith(".html") and _kind(other) == kind]
        assert all(_article_length(built_site, other) <= _article_length(built_site, url) for other in same)
