"""Storage (storage.js, and details.js as the message pages use it) under what browsers do to
it: missing, throwing on every touch, refusing writes, or holding garbage. The components still
work, and say so where something will not be kept. Run alone: -k storage."""

from __future__ import annotations

import pytest

from .components_kit import BLOCK_STORAGE, REFUSE_WRITES

# Neither area exists (some embedded browsers).
MISSING = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { configurable: true, value: null });
}
"""
# Only the tab's area throws; the device's works.
SESSION_THROWS = """
Object.defineProperty(window, "sessionStorage", { configurable: true, get() { throw new DOMException("blocked", "SecurityError"); } });
"""
CASES = {"missing": MISSING, "throwing": BLOCK_STORAGE, "refusing": REFUSE_WRITES}

TICKS = ".mih-checklist[data-checklist-ready]"
MESSAGES = "[data-module=message-template][data-ready]"
BUILDER = "#mih-lb-link"


def words_say(page, field: str, value: str) -> None:
    page.wait_for_function(
        "([f, v]) => { const runs = document.querySelectorAll(`.tpl-text [data-field=${f}]`);"
        " return runs.length > 0 && Array.from(runs).every((run) => run.textContent === v); }", arg=[field, value])


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_storage_unusable_ticks_still_work_and_say_not_kept(open_component, case):
    page = open_component("checklists/practice/", ready=TICKS, init_script=CASES[case])
    assert page.locator("[data-checklist-unsaved]").is_visible()
    assert page.locator("[data-checklist-saved]").is_hidden()
    page.get_by_label("Do the first thing.").check()
    page.wait_for_function("() => document.querySelector('.mih-checklist [role=status]').textContent.startsWith('1 ')")
    assert page.watch.errors == []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_storage_unusable_messages_still_fill_and_say_not_remembered(open_component, case):
    page = open_component("templates/forgot/", ready=MESSAGES, init_script=CASES[case])
    page.locator("#tpl-f-your_name").fill("Jordan Lee")
    words_say(page, "your_name", "Jordan Lee")
    page.locator("#tpl-remember").click()
    failed = page.locator("[data-module=message-template]").get_attribute("data-remember-failed-text")
    page.wait_for_function("t => document.querySelector('.tpl-keep .tpl-done').textContent.includes(t)", arg=failed)
    assert not page.locator("#tpl-remember").is_checked()
    assert page.locator("#tpl-f-your_name").input_value() == "Jordan Lee"
    assert page.watch.errors == []


# With the tab's storage unusable, a link's details are kept in the page's memory
# (details.js): the notice says "Filled in from your link", and the form holds them.
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_storage_unusable_personal_link_still_fills_the_form(open_component, case):
    page = open_component("templates/forgot/#your_name=Jordan%20Lee", ready=MESSAGES, init_script=CASES[case])
    # The page has taken the link once it says so; the details must be in the form by then.
    page.wait_for_function("() => document.querySelector('.tpl-prefilled').textContent.trim() !== ''")
    assert page.locator("#tpl-f-your_name").input_value() == "Jordan Lee"
    words_say(page, "your_name", "Jordan Lee")
    assert page.evaluate("() => location.hash") == ""
    assert page.watch.errors == []


def test_storage_session_throwing_device_remembers(open_component):
    """details.js keeps the tab's details in sessionStorage: with only that area blocked, the
    device's area still remembers, and a reload brings the details back from it."""
    page = open_component("templates/forgot/", ready=MESSAGES, init_script=SESSION_THROWS)
    page.locator("#tpl-f-your_name").fill("Jordan Lee")
    page.locator("#tpl-remember").check()
    on = page.locator("[data-module=message-template]").get_attribute("data-remember-on-text")
    page.wait_for_function("t => document.querySelector('.tpl-keep .tpl-done').textContent.includes(t)", arg=on)
    page.reload()
    page.wait_for_selector(MESSAGES, state="attached")
    assert page.locator("#tpl-f-your_name").input_value() == "Jordan Lee"


def test_storage_garbage_counts_as_nothing(open_component):
    garbage = """
    localStorage.setItem("mih.checklist.practice", "{not json");
    localStorage.setItem("mih.details", JSON.stringify({ version: 99, values: { your_name: "<img src=x>" } }));
    sessionStorage.setItem("mih.details", "[1, 2");
    """
    page = open_component("checklists/practice/", ready=TICKS, init_script=garbage)
    assert page.locator("input[data-item-id]:checked").count() == 0
    assert page.locator("[data-checklist-saved]").is_visible()
    messages = page.context.new_page()
    messages.goto("templates/forgot/")
    messages.wait_for_selector(MESSAGES, state="attached")
    assert messages.locator("#tpl-f-your_name").input_value() == ""
    assert page.watch.errors == []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_storage_unusable_builder_says_recruiter_not_kept(open_component, case):
    page = open_component("staff/", ready=BUILDER, init_script=CASES[case])
    page.fill("#mih-lb-you-name", "Sam Recruiter")
    page.locator("#mih-lb-you-keep").click()
    failed = page.locator("[data-module=link-builder]").get_attribute("data-you-keep-failed")
    page.wait_for_function("t => document.querySelector('.mih-lb-you .mih-lb-status').textContent === t", arg=failed)
    assert page.input_value("#mih-lb-you-name") == "Sam Recruiter"
    assert page.watch.errors == []
