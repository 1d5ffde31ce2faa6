"""Checklists in Chromium: ticking, saving, keyboard, reset, instant navigation, storage trouble,
no JavaScript, print, and axe in both palettes."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT
from playwright.sync_api import expect

from testkit.helpers import check_axe, set_palette
from testkit.project_data import agency
from testkit.site_pages import url_of
from testkit.waits import attribute_changes, watch_attribute

from sitegen import checklists

URL = "checklists/missed-interview/"
KEY = "mih.checklist.missed-interview"
LOADED = {c.id: c for _, c in checklists.load(ROOT / "data", agency())}  # as the pages show them
ITEMS = [item.id for item in LOADED["missed-interview"].items]
TOTAL = len(ITEMS)
# Another checklist of the project, reached through the menu.
OTHER = next(c for c in LOADED.values() if c.id != "missed-interview")
# The first item's link to a guide page (not a generated one), followed by instant navigation.
GUIDE_LINK = next(item.link for item in LOADED["missed-interview"].items
                  if item.link and not item.link.to.startswith(("checklists/", "templates/", "situations/")))

BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('blocked', 'SecurityError'); },
});
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
"""


def box(page, item_id: str):
    return page.locator(f'input[data-item-id="{item_id}"]')


def progress(page):
    return page.locator(".mih-checklist__progress")


def stored(page):
    """What the page keeps in localStorage for this checklist, parsed (None when nothing)."""
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if raw is None else json.loads(raw)


def wait_ready(page, checklist_id: str = "missed-interview") -> None:
    """Until components/checklist.js has set up this checklist (after instant navigation the old page's
    checklist may still be in the document for a moment, so the id matters)."""
    page.wait_for_selector(f'[data-checklist-id="{checklist_id}"][data-checklist-ready]')


def open_checklist(page, url: str = URL) -> None:
    page.goto(url)
    wait_ready(page)


def test_ticks_survive_a_reload_with_progress(page):
    open_checklist(page)
    assert progress(page).inner_text() == f"0 of {TOTAL} done"
    assert progress(page).get_attribute("role") == "status"
    page.get_by_text(next(item.text for item in LOADED["missed-interview"].items if item.id == "contact-interviewer")).click()
    box(page, ITEMS[3]).click()
    assert progress(page).inner_text() == f"2 of {TOTAL} done"
    assert stored(page) == {"version": 1, "ticked": ["contact-interviewer", ITEMS[3]]}
    page.reload()
    wait_ready(page)
    assert box(page, "contact-interviewer").is_checked()
    assert box(page, ITEMS[3]).is_checked()
    assert not box(page, ITEMS[0]).is_checked()
    assert progress(page).inner_text() == f"2 of {TOTAL} done"
    box(page, ITEMS[3]).click()
    assert progress(page).inner_text() == f"1 of {TOTAL} done"
    assert stored(page) == {"version": 1, "ticked": ["contact-interviewer"]}


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _focus_ring(page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


def test_a_page_loads_only_the_scripts_it_uses(page):
    """main.js imports a component only where an element asks for it (data-module)."""
    scripts: list[str] = []
    # Built files carry a content hash (main.1a2b3c4d.js); compare by source name.
    page.on("request", lambda request: scripts.append(re.sub(r"\.[0-9a-f]{8}(?=\.js$)", "", request.url.split("/assets/javascripts/")[-1])))
    open_checklist(page)
    page.locator('.mih-forget[data-module-started]:not([hidden])').wait_for()
    assert {"main.js", "components/checklist.js", "components/forget.js", "storage.js"} <= set(scripts)
    assert not {"components/message-template.js", "device.js", "lib/ics.js", "lib/dates.js"} & set(scripts)
    assert page.locator('.mih-checklist[data-module-started]').count() == 1


def test_keyboard_only_tick_and_reset(page):
    open_checklist(page)
    _tab_to(page, f'input[data-item-id="{ITEMS[0]}"]')
    assert _focus_ring(page) != "none", "focus is visible"
    page.keyboard.press("Space")
    _tab_to(page, f'input[data-item-id="{ITEMS[1]}"]')
    page.keyboard.press("Space")
    assert box(page, ITEMS[0]).is_checked() and box(page, ITEMS[1]).is_checked()
    assert progress(page).inner_text() == f"2 of {TOTAL} done"

    _tab_to(page, "[data-checklist-reset]")
    assert _focus_ring(page) != "none"
    page.keyboard.press("Enter")
    confirm = page.locator(".mih-checklist__confirm")
    assert confirm.is_visible()
    _tab_to(page, "[data-checklist-confirm]", limit=3)
    page.keyboard.press("Space")
    assert not confirm.is_visible()
    assert page.evaluate("document.activeElement.matches('[data-checklist-reset]')"), "focus returns to reset"
    assert not box(page, ITEMS[0]).is_checked() and not box(page, ITEMS[1]).is_checked()
    assert progress(page).inner_text() == f"All ticks cleared. 0 of {TOTAL} done"
    assert stored(page) is None


def test_reset_asks_first_and_cancel_keeps_ticks(page):
    open_checklist(page)
    box(page, ITEMS[0]).click()
    reset = page.locator("[data-checklist-reset]")
    confirm = page.locator(".mih-checklist__confirm")
    assert reset.get_attribute("aria-expanded") == "false" and not confirm.is_visible()
    reset.click()
    assert reset.get_attribute("aria-expanded") == "true" and confirm.is_visible()
    page.get_by_role("button", name="No, keep them").click()
    assert not confirm.is_visible() and box(page, ITEMS[0]).is_checked()
    reset.click()
    page.keyboard.press("Escape")
    assert not confirm.is_visible() and box(page, ITEMS[0]).is_checked()
    reset.click()
    page.get_by_role("button", name="Yes, clear them").click()
    assert not box(page, ITEMS[0]).is_checked()
    page.reload()
    wait_ready(page)
    assert not box(page, ITEMS[0]).is_checked()
    assert progress(page).inner_text() == f"0 of {TOTAL} done"


def test_instant_navigation_away_and_back(page):
    open_checklist(page)
    box(page, ITEMS[0]).click()
    box(page, ITEMS[1]).click()
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a", has_text=GUIDE_LINK.text).first.click()
    page.wait_for_url(f"**/{url_of(GUIDE_LINK.to)}")
    page.go_back()
    page.wait_for_url(f"**/{URL}")
    wait_ready(page)
    assert page.evaluate("window.__sameDocument === true"), "Material's instant navigation, not a full load"
    # The boxes of the checklist the script has set up, waited for: a bare locator read at once
    # failed now and then on a busy machine (unticked boxes, most likely a copy of the page not
    # yet started while instant navigation swapped it in).
    ready = page.locator('[data-checklist-id="missed-interview"][data-checklist-ready]')
    expect(ready.locator(f'input[data-item-id="{ITEMS[0]}"]')).to_be_checked()
    expect(ready.locator(f'input[data-item-id="{ITEMS[1]}"]')).to_be_checked()
    assert progress(page).inner_text() == f"2 of {TOTAL} done"
    box(page, ITEMS[2]).click()
    assert progress(page).inner_text() == f"3 of {TOTAL} done"
    # Bound twice, the reset button would open and close its confirm step in one click: every
    # value the step's `hidden` took is recorded, so a second toggle shows however fast it was.
    watch_attribute(page, ".mih-checklist__confirm", "hidden")
    page.locator("[data-checklist-reset]").click()
    assert attribute_changes(page, ".mih-checklist__confirm", "hidden") == [None], "opened once, and left open"
    assert page.locator(".mih-checklist__confirm").is_visible()


def test_the_same_page_again_through_the_menu_binds_once(page):
    open_checklist(page)
    box(page, ITEMS[0]).click()
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text=OTHER.title).first.click()
    page.wait_for_url(f"**/checklists/{OTHER.id}/")
    wait_ready(page, OTHER.id)
    page.locator(".md-nav__link", has_text=LOADED["missed-interview"].title).first.click()
    page.wait_for_url(f"**/{URL}")
    wait_ready(page)
    assert page.evaluate("window.__sameDocument === true")
    assert progress(page).inner_text() == f"1 of {TOTAL} done"
    box(page, ITEMS[1]).click()
    assert progress(page).inner_text() == f"2 of {TOTAL} done"
    watch_attribute(page, ".mih-checklist__confirm", "hidden")
    page.locator("[data-checklist-reset]").click()
    assert attribute_changes(page, ".mih-checklist__confirm", "hidden") == [None], "opened once, and left open"
    assert page.locator(".mih-checklist__confirm").is_visible()


@pytest.mark.parametrize("script", [BLOCK_STORAGE, FULL_STORAGE], ids=["blocked", "full"])
def test_storage_trouble_still_ticks_and_says_ticks_are_not_kept(new_page, script):
    page = new_page()
    stacks: list[str] = []
    page.on("pageerror", lambda error: stacks.append(f"{error.message}\n{error.stack}"))
    page.context.add_init_script(script)
    open_checklist(page)
    box(page, ITEMS[0]).click()
    box(page, ITEMS[1]).click()
    assert box(page, ITEMS[0]).is_checked() and box(page, ITEMS[1]).is_checked()
    assert progress(page).inner_text() == f"2 of {TOTAL} done"
    assert page.get_by_text("Your ticks will not be saved on this device.").is_visible()
    assert not page.locator("[data-checklist-saved]").is_visible()
    page.locator("[data-checklist-reset]").click()
    page.get_by_role("button", name="Yes, clear them").click()
    assert not box(page, ITEMS[0]).is_checked()
    assert [stack for stack in stacks if "checklist.js" in stack] == []
    assert [text for text in page.watch.console_errors if not text.startswith("uncaught:")] == []
    assert page.watch.foreign_requests == []


def test_blocked_storage_gives_no_error_at_all(new_page):
    page = new_page()
    page.context.add_init_script(BLOCK_STORAGE)
    open_checklist(page)
    box(page, ITEMS[0]).click()
    assert page.watch.console_errors == []


@pytest.mark.parametrize(
    "saved",
    [
        "not json",
        "null",
        "[1, 2]",
        '{"version": 0, "ticked": ["contact-interviewer"]}',
        '{"version": 1, "ticked": "contact-interviewer"}',
        '{"version": 1, "ticked": ["contact-interviewer", 5, null, "an-item-removed-since"]}',
    ],
)
def test_old_or_garbage_stored_data_never_breaks_the_page(page, saved):
    open_checklist(page)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, saved])
    page.reload()
    wait_ready(page)
    understood = "an-item-removed-since" in saved
    assert box(page, "contact-interviewer").is_checked() == understood
    assert progress(page).inner_text() == f"{int(understood)} of {TOTAL} done"
    box(page, ITEMS[0]).click()
    expected = [ITEMS[0], "contact-interviewer"] if understood else [ITEMS[0]]
    assert stored(page) == {"version": 1, "ticked": expected}, "removed and unknown ids are dropped"


def test_without_javascript_every_item_shows_with_a_box(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    boxes = page.locator('.mih-checklist input[type="checkbox"]')
    assert boxes.count() == TOTAL
    for index in range(TOTAL):
        assert boxes.nth(index).is_visible()
        assert page.locator(f'label[for="{boxes.nth(index).get_attribute("id")}"]').is_visible()
    assert not page.locator("[data-checklist-reset]").is_visible()
    assert not progress(page).is_visible()
    boxes.first.click()
    assert boxes.first.is_checked(), "still a checkbox to tick for this visit"


def test_print_shows_boxes_to_tick_by_hand_and_no_buttons(page):
    open_checklist(page)
    box(page, ITEMS[0]).click()
    page.emulate_media(media="print")
    assert not page.locator("[data-checklist-reset]").is_visible()
    assert not progress(page).is_visible()
    style = page.evaluate(
        """() => {
            const box = document.querySelector('.mih-checklist__box');
            const css = getComputedStyle(box);
            return {appearance: css.appearance, border: css.borderTopStyle,
                    tick: getComputedStyle(box, '::before').content,
                    breakInside: getComputedStyle(box.closest('li')).breakInside};
        }"""
    )
    assert style == {"appearance": "none", "border": "solid", "tick": '"✓"', "breakInside": "avoid"}
    second = page.evaluate("getComputedStyle(document.querySelectorAll('.mih-checklist__box')[1], '::before').content")
    assert second in ("none", "normal"), "an unticked box prints empty"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page, scheme):
    open_checklist(page)
    set_palette(page, scheme)
    box(page, ITEMS[0]).click()
    page.locator("[data-checklist-reset]").click()  # the confirm step open, so it is checked too
    check_axe(page, f"checklist, {scheme}")  # the index page is checked with every page in test_site_browser


def test_storage_blocked_page_passes_axe(new_page):
    page = new_page()
    page.context.add_init_script(BLOCK_STORAGE)
    open_checklist(page)
    check_axe(page, "storage blocked note")


def test_what_is_kept_is_said_above_the_list(page):
    """The reader learns that ticks are kept before ticking the first box, not after the list."""
    open_checklist(page)
    note = page.locator("[data-checklist-saved]")
    assert note.is_visible()
    assert note.evaluate("n => !!(n.compareDocumentPosition(document.querySelector('input[data-item-id]')) & Node.DOCUMENT_POSITION_FOLLOWING)")


def test_two_tabs_stay_consistent_and_clear_everything_clears_both(new_page):
    first = new_page()
    second = first.context.new_page()
    for tab in (first, second):
        open_checklist(tab)
    box(first, ITEMS[0]).check()
    expect_checked = "id => document.querySelector(`input[data-item-id='${id}']`).checked"
    second.wait_for_function(expect_checked, arg=ITEMS[0])
    second.locator(".mih-checklist__progress").filter(has_text="1 of").wait_for()
    first.locator(".mih-forget button").click()
    second.wait_for_function(f"id => !({expect_checked.split(' => ')[1]})", arg=ITEMS[0])
    assert second.locator(".mih-checklist__progress").inner_text().startswith("0 of")
