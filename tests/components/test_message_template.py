"""The message template component (components/message-template.js) on its fixture page: the
frozen ``forgot`` template of tests/fixtures/data/ rendered by sitegen.templates' page template,
with the theme's personal-link notice above it. Run alone: -k message_template."""

from __future__ import annotations

import pytest

from .components_kit import BLOCK_STORAGE, DESKTOP, PHONE

READY = "[data-module=message-template][data-ready]"
ROOT = "[data-module=message-template]"
STORE = "mih.details"  # details.js STORE


def blanks(page, field: str) -> list[str]:
    """The words in place of ``field`` in every message part (a blank, or its value once filled)."""
    return page.locator(f"{ROOT} .tpl-text [data-field={field}]").all_inner_texts()


def wait_words(page, field: str, value: str) -> None:
    page.wait_for_function(
        "([f, v]) => { const runs = document.querySelectorAll(`.tpl-text [data-field=${f}]`);"
        " return runs.length > 0 && Array.from(runs).every((run) => run.textContent === v); }", arg=[field, value])


def wording(page, name: str) -> str:
    return page.locator(ROOT).get_attribute(f"data-{name}-text")


def wait_status(page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('.tpl-keep .tpl-done').textContent.includes(t)", arg=text)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_message_template_typing_fills_the_words(open_component, viewport):
    page = open_component("templates/forgot/", ready=READY, viewport=viewport)
    before = blanks(page, "your_name")
    assert before and all("Jordan Lee" not in text for text in before)
    page.locator("#tpl-f-your_name").fill("Jordan Lee")
    wait_words(page, "your_name", "Jordan Lee")
    assert set(blanks(page, "your_name")) == {"Jordan Lee"}
    # Every channel's words say it: the call, the voicemail, the text and the email.
    # One evaluation, so a redraw in between cannot hand over nodes already replaced.
    channels = set(page.evaluate(
        "sel => [...document.querySelectorAll(sel)].map(e => e.closest('[data-channel]').dataset.channel)",
        f"{ROOT} .tpl-text [data-field=your_name]"))
    assert channels == {"phone", "voicemail", "text", "email"}
    # Values go in as text, never as markup.
    page.locator("#tpl-f-company").fill("<b>Acme</b>")
    wait_words(page, "company", "<b>Acme</b>")
    assert page.locator(f"{ROOT} .tpl-text b").count() == 0
    assert page.watch.errors == []


def test_message_template_personal_link_fills_fields(open_component):
    page = open_component("templates/forgot/#your_name=Jordan%20Lee&company=Acme%20Tools", ready=READY)
    page.wait_for_function("() => document.querySelector('#tpl-f-your_name').value === 'Jordan Lee'")
    assert page.locator("#tpl-f-company").input_value() == "Acme Tools"
    assert set(blanks(page, "company")) == {"Acme Tools"}
    page.wait_for_function("t => document.querySelector('.tpl-prefilled').textContent.includes(t)", arg=wording(page, "prefilled"))
    # The details leave the address bar at once (a shared computer's history keeps none).
    assert page.evaluate("() => location.hash") == ""
    assert page.watch.errors == []


def test_message_template_remember_on_this_device(open_component):
    page = open_component("templates/forgot/", ready=READY)
    page.locator("#tpl-f-your_name").fill("Jordan Lee")
    page.locator("#tpl-remember").check()
    wait_status(page, wording(page, "remember-on"))
    assert "Jordan Lee" in page.evaluate("k => localStorage.getItem(k)", STORE)
    # A new tab of the same browser (its own sessionStorage) gets the details from the device.
    other = page.context.new_page()
    other.goto("templates/forgot/")
    other.wait_for_selector(READY, state="attached")
    assert other.locator("#tpl-f-your_name").input_value() == "Jordan Lee"
    assert other.locator("#tpl-remember").is_checked()
    # Unticked: forgotten on the device at once.
    page.locator("#tpl-remember").uncheck()
    wait_status(page, wording(page, "remember-off"))
    assert page.evaluate("k => localStorage.getItem(k)", STORE) is None


def test_message_template_clear_empties_form_and_stores(open_component):
    page = open_component("templates/forgot/", ready=READY)
    page.locator("#tpl-f-your_name").fill("Jordan Lee")
    page.locator("#tpl-remember").check()
    wait_status(page, wording(page, "remember-on"))
    page.locator(f"{ROOT} [data-action=clear]").click()
    wait_status(page, wording(page, "cleared"))
    assert page.locator("#tpl-f-your_name").input_value() == ""
    assert not page.locator("#tpl-remember").is_checked()
    assert all("Jordan Lee" not in text for text in blanks(page, "your_name"))
    assert page.evaluate("k => localStorage.getItem(k)", STORE) is None
    assert "Jordan Lee" not in (page.evaluate("k => sessionStorage.getItem(k)", STORE) or "")
    page.reload()
    page.wait_for_selector(READY, state="attached")
    assert page.locator("#tpl-f-your_name").input_value() == ""


def test_message_template_storage_blocked_still_fills_and_says_so(open_component):
    page = open_component("templates/forgot/", ready=READY, init_script=BLOCK_STORAGE)
    page.locator("#tpl-f-your_name").fill("Jordan Lee")
    wait_words(page, "your_name", "Jordan Lee")
    page.locator("#tpl-remember").click()  # the component unticks it again at once
    wait_status(page, wording(page, "remember-failed"))
    assert not page.locator("#tpl-remember").is_checked()
    assert page.locator("#tpl-f-your_name").input_value() == "Jordan Lee"  # nothing typed is lost
    assert page.watch.errors == []
