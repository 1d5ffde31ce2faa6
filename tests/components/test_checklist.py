"""The checklist component (components/checklist.js) on its fixture page: a checklist of the
tests' own rendered by sitegen.checklists' page template. Run alone: -k checklist."""

from __future__ import annotations

import pytest

from .components_kit import BLOCK_STORAGE, DESKTOP, PHONE, REFUSE_WRITES

READY = ".mih-checklist[data-checklist-ready]"
STATUS = ".mih-checklist [role=status]"
KEY = "mih.checklist.practice"


def progress_text(page) -> str:
    return page.locator(STATUS).inner_text().strip()


def expected(page, done: int, lead: str = "") -> str:
    """The progress line as the page's own wording (data-progress-text) says it."""
    template = page.locator(STATUS).get_attribute("data-progress-text")
    total = page.locator("input[data-item-id]").count()
    text = template.replace("{done}", str(done)).replace("{total}", str(total))
    return f"{lead} {text}" if lead else text


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_checklist_tick_shows_progress_and_saves(open_component, viewport):
    page = open_component("checklists/practice/", ready=READY, viewport=viewport)
    assert progress_text(page) == expected(page, 0)
    page.get_by_label("Do the first thing.").check()
    page.wait_for_function("s => document.querySelector(s).textContent.startsWith('1 ')", arg=STATUS)
    assert progress_text(page) == expected(page, 1)
    saved = page.evaluate("key => JSON.parse(localStorage.getItem(key))", KEY)
    assert saved == {"version": 1, "ticked": ["first-thing"]}
    assert page.locator("[data-checklist-saved]").is_visible()
    assert page.locator("[data-checklist-unsaved]").is_hidden()
    assert page.watch.errors == []


def test_checklist_ticks_kept_across_reload(open_component):
    page = open_component("checklists/practice/", ready=READY)
    page.get_by_label("Do the second thing.").check()
    page.get_by_label("Call Test Agency at (615) 555-0100.").check()
    page.wait_for_function("s => document.querySelector(s).textContent.startsWith('2 ')", arg=STATUS)
    page.reload()
    page.wait_for_selector(READY, state="attached")
    assert page.get_by_label("Do the second thing.").is_checked()
    assert page.get_by_label("Call Test Agency at (615) 555-0100.").is_checked()
    assert not page.get_by_label("Do the first thing.").is_checked()
    assert progress_text(page) == expected(page, 2)


def test_checklist_reset_asks_first_then_clears(open_component):
    page = open_component("checklists/practice/", ready=READY)
    page.get_by_label("Do the first thing.").check()
    reset = page.locator("[data-checklist-reset]")
    confirm = page.locator(".mih-checklist__confirm")
    assert reset.is_visible() and confirm.is_hidden()
    reset.click()
    assert confirm.is_visible() and reset.get_attribute("aria-expanded") == "true"
    page.locator("[data-checklist-cancel]").click()  # "No, keep them": nothing lost
    assert confirm.is_hidden()
    assert page.get_by_label("Do the first thing.").is_checked()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-checklist-reset')")
    reset.click()
    page.locator("[data-checklist-confirm]").click()
    lead = page.locator(STATUS).get_attribute("data-cleared-text")
    assert progress_text(page) == expected(page, 0, lead)
    assert not page.get_by_label("Do the first thing.").is_checked()
    assert page.evaluate("key => localStorage.getItem(key)", KEY) is None
    assert confirm.is_hidden()


@pytest.mark.parametrize("script", [BLOCK_STORAGE, REFUSE_WRITES], ids=["blocked", "refused"])
def test_checklist_storage_blocked_says_so_and_still_ticks(open_component, script):
    page = open_component("checklists/practice/", ready=READY, init_script=script)
    assert page.locator("[data-checklist-unsaved]").is_visible()
    assert page.locator("[data-checklist-saved]").is_hidden()
    page.get_by_label("Do the first thing.").check()
    page.get_by_label("Do the second thing.").check()
    page.wait_for_function("s => document.querySelector(s).textContent.startsWith('2 ')", arg=STATUS)
    # Nothing the reader did is lost on the page: both ticks stay, and the count is right.
    assert page.get_by_label("Do the first thing.").is_checked()
    assert progress_text(page) == expected(page, 2)
    assert page.watch.errors == []
