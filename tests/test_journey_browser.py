"""The first five minutes, on a 360 x 800 phone in Chromium: from the home page to the words
to say and a call, text or email control, in at most 3 taps, within 1.5 screens, with at most
4 fields above it. Also: no layout shift on any page type, details that last for the tab,
two tabs that agree, send controls that say what is still blank, and the input cases."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from testkit.helpers import check_axe, template_field as _box
from testkit.project_data import agency
from testkit.waits import SHIFT_OBSERVER, layout_shift

PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
SCREEN = 800
MAX_SCREENS = 1.5
MAX_FIELDS_ABOVE = 4
MAX_TAPS = 3
# Call, text or email controls: tel:, sms: and mailto: links in the article.
CONTROLS = 'article :is(a[href^="tel:"], a[href^="sms:"], a[href^="mailto:"])'

# What the reader taps, in order, from the home page; the page and the words they reach.
JOURNEYS = {
    "missed": (["I missed my interview", "I was sick"], "templates/illness/", "I am sorry I missed it. I was sick."),
    "missed, any reason": (["I missed my interview"], "situations/missed/", "I am sorry I missed it."),
    "late": (["I am about to be late"], "situations/late/", "I am sorry, but I am running late."),
    "late, filled in": (["I am about to be late", "Fill in the words, with a voicemail and a text"], "templates/running-late/", "I am sorry, but I am running late."),
    "no-show": (["The interviewer did not show up or call"], "situations/no-show/", "I am here and ready"),
    "no-show, filled in": (["The interviewer did not show up or call", "Fill in the words, with a voicemail, a text and an email"], "templates/interviewer-no-show/", "Could you check that it is still on"),
    "move": (["I need to move my interview"], "situations/move/", "I cannot make that time."),
    "move, filled in": (["I need to move my interview", "Fill in the words, with a voicemail, a text and an email"], "templates/move-in-advance/", "I cannot make"),
}


def _wait_ready(page) -> None:
    page.wait_for_load_state("load")
    if page.locator('[data-module="message-template"]').count():
        page.wait_for_selector('[data-module="message-template"][data-ready]')


def _first_control(page) -> dict:
    """The first call, text or email control in the article: its top in the page (px), its
    kind, and how many input boxes sit above it."""
    return page.evaluate(
        """selector => {
            const control = document.querySelector(selector);
            if (!control) return null;
            const top = control.getBoundingClientRect().top + window.scrollY;
            const fields = [...document.querySelectorAll('article input, article select, article textarea')]
                .filter((el) => el.getBoundingClientRect().height > 0)
                .filter((el) => el.getBoundingClientRect().top + window.scrollY < top).length;
            return { top, href: control.getAttribute('href'), text: control.textContent.trim(), fields };
        }""",
        CONTROLS,
    )


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_journey_from_home_at_360x800(new_page, name):
    taps, target, words = JOURNEYS[name]
    page = new_page(**PHONE)
    page.goto("")
    _wait_ready(page)
    for label in taps:
        before = page.url
        page.evaluate("document.querySelector('article').dataset.old = '1'")
        page.locator("article").get_by_role("link", name=label, exact=True).first.click()
        # Material's instant navigation swaps the page without a load event: wait for the new one.
        page.wait_for_function(
            """url => location.href !== url && (location.pathname === new URL(url).pathname
                || !document.querySelector('article[data-old]'))""",
            arg=before,
        )
        _wait_ready(page)
    assert len(taps) <= MAX_TAPS
    assert page.url.split("#")[0].endswith(target), page.url
    assert words in page.locator("article").inner_text(), f"{name}: the words to say are not on {page.url}"
    control = _first_control(page)
    assert control is not None, f"{name}: no call, text or email control on {page.url}"
    print(f"\nJOURNEY {name}: taps={len(taps)} page={target} first control '{control['text']}' ({control['href']}) "
          f"at {control['top']:.0f} px = {control['top'] / SCREEN:.2f} screens, fields above: {control['fields']}")
    assert control["top"] <= MAX_SCREENS * SCREEN, control
    assert control["fields"] <= MAX_FIELDS_ABOVE, control


@pytest.mark.parametrize("template", ["illness", "running-late", "interviewer-no-show", "move-in-advance", "forgot"])
def test_message_page_call_to_the_interviewer_comes_first(new_page, template):
    """On a message page the channels run call, voicemail, text, email; the interviewer's Call
    control comes after the words to say (never before them), with no detail box above it but
    a choice of what happened, within 2 screens (tests/test_words_browser.py holds every page
    to 1 screen from the words)."""
    page = new_page(**PHONE)
    page.goto(f"templates/{template}/")
    _wait_ready(page)
    order = page.eval_on_selector_all(".tpl-channel", "els => els.map((el) => el.dataset.channel)")
    assert order == ["phone", "voicemail", "text", "email"]
    call = page.evaluate(
        """() => {
            const control = document.querySelector('a[data-action="tel"]');
            const top = control.getBoundingClientRect().top + window.scrollY;
            const words = document.querySelector('[data-channel="phone"] .tpl-body').getBoundingClientRect().top + window.scrollY;
            const fields = [...document.querySelectorAll('article input[data-field], article select')]
                .filter((el) => el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().top + window.scrollY < top);
            return { top, words, fields: fields.map((el) => el.dataset.field) };
        }"""
    )
    print(f"\nMESSAGE {template}: interviewer Call at {call['top']:.0f} px = {call['top'] / SCREEN:.2f} screens, words at {call['words']:.0f} px, fields above: {call['fields']}")
    assert call["words"] < call["top"], "the words to say come before the call control"
    assert call["top"] <= 2 * SCREEN
    assert call["fields"] == []


@pytest.mark.parametrize("situation", ["missed", "late", "no-show", "move"])
def test_situation_pages_have_no_axe_violations_and_keep_the_script_in_the_article(page, situation):
    page.goto(f"situations/{situation}/")
    assert page.locator("article .sit-script").count() >= 1
    # The agency's own number (extra.agency in mkdocs.yml), not any tel: link.
    assert page.locator(f'article a[href="tel:{agency()["phone_tel"]}"]').count() >= 1
    check_axe(page, situation)


# --- layout shift --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "what-to-do-now/", "checklists/missed-interview/", "situations/missed/", "templates/forgot/", "templates/running-late/", "templates/"])
def test_no_layout_shift(new_page, url):
    page = new_page(**PHONE)
    page.add_init_script(SHIFT_OBSERVER)
    page.goto(url)
    _wait_ready(page)
    shift = layout_shift(page)  # after fonts, images, requests and two frames: nothing left to move it
    print(f"\nCLS {url or 'home'}: {shift}")
    assert shift == 0, f"layout shift {shift} on /{url}"


# --- details: this tab, other tabs --------------------------------------------------------------


def _open(page, url):
    page.goto(url)
    page.wait_for_selector('[data-module="message-template"][data-ready]')
    page.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")


def test_details_survive_reload_and_another_message_page_and_are_gone_in_a_new_tab(new_page, site_url):
    page = new_page(**PHONE)
    _open(page, "templates/forgot/")
    _box(page, "interviewer_name").fill("Ms. Lee")
    _box(page, "role").fill("Cashier")
    page.reload()
    page.wait_for_selector("[data-ready]")
    assert _box(page, "interviewer_name").input_value() == "Ms. Lee"
    _open(page, "templates/illness/")
    assert _box(page, "role").input_value() == "Cashier"
    assert "Cashier" in page.locator('[data-channel="phone"] .tpl-body').text_content()
    assert page.evaluate("localStorage.getItem('mih.details')") is None, "nothing on the device unless asked"
    fresh = page.context.new_page()
    fresh.goto(site_url + "templates/forgot/")
    fresh.wait_for_selector("[data-ready]")
    assert fresh.locator('.tpl input[data-field="interviewer_name"]').input_value() == ""


def test_two_tabs_stay_consistent_and_clear_clears_both(new_page, site_url):
    first = new_page()
    _open(first, "templates/forgot/")
    second = first.context.new_page()
    _open(second, site_url + "templates/illness/")
    # Remembered details typed in one tab show in the other.
    first.locator("#tpl-remember").check()
    _box(first, "company").fill("Example Foods")
    second.wait_for_function("() => document.querySelector('.tpl input[data-field=\"company\"]').value === 'Example Foods'")
    assert second.locator("#tpl-remember").is_checked()
    # The other tab's own (not remembered) details go too when one tab clears everything.
    first.locator("#tpl-remember").uncheck()
    _box(second, "role").fill("Cook")
    first.locator('button[data-action="clear"]').click()
    second.wait_for_function("() => document.querySelector('.tpl input[data-field=\"role\"]').value === ''")
    assert _box(second, "company").input_value() == ""
    second.reload()
    second.wait_for_selector("[data-ready]")
    assert _box(second, "role").input_value() == "", "the other tab's session copy is gone too"


# --- send controls say what is still blank (confirmed, not blocked) ---------------------------

RECORD_CLICKS = """
window.__sent = [];
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-action]');
  if (!link) return;
  window.__sent.push(!event.defaultPrevented);
  event.preventDefault();  // the test never leaves for the mail app
});
"""


def test_send_with_blanks_is_confirmed_and_names_the_blanks(new_page):
    page = new_page(**PHONE)
    _open(page, "templates/forgot/")
    page.evaluate(RECORD_CLICKS)
    _box(page, "your_name").fill("Jordan Smith")
    mail = page.locator('a[data-action="mailto"]')
    mail.click()
    status = page.locator('[data-channel="email"] [role="status"]')
    page.wait_for_function("el => el.textContent.includes('Still in the words')", arg=status.element_handle())
    said = status.text_content()
    assert "Job title" in said and "Your name" not in said
    focused = page.evaluate("document.activeElement.dataset.field")
    assert focused, "the reader is taken to the first blank"
    mail.click()
    assert page.evaluate("window.__sent") == [False, True], "the second tap sends with blanks"
    # A call needs a number: blocked until one is typed.
    call = page.locator('a[data-action="tel"]')
    call.click()
    assert page.evaluate("document.activeElement.dataset.field") == "interviewer_phone"
    _box(page, "interviewer_phone").fill("(615) 555-0100 ext. 12")
    assert call.get_attribute("href") == "tel:6155550100;ext=12"
    call.click()
    assert page.evaluate("window.__sent") == [False, True, False, True]


# --- input handling, typed and through a link ---------------------------------------------------


def test_inputs_typed(new_page):
    page = new_page(**PHONE)
    _open(page, "templates/forgot/")
    _box(page, "interviewer_phone").fill("615-555-0100 x12")
    assert page.locator('a[data-action="sms"]').get_attribute("href").startswith("sms:6155550100?&body=")
    assert page.locator('a[data-action="tel"]').get_attribute("href") == "tel:6155550100;ext=12"
    _box(page, "interviewer_email").fill("o'brien@example.com")
    assert page.locator('a[data-action="mailto"]').get_attribute("href").startswith("mailto:o'brien@example.com?")
    _box(page, "interviewer_email").fill("josé@exämple.com")
    assert page.locator('a[data-action="mailto"]').get_attribute("href").startswith("mailto:jos%C3%A9@ex%C3%A4mple.com?")
    _box(page, "company").fill("Acme\u202e\u0000 Foods")
    shown = page.locator('[data-channel="email"] bdi[data-field="company"]').first.text_content()
    assert shown == "Acme Foods"
    body = unquote(page.locator('a[data-action="mailto"]').get_attribute("href").split("&body=")[1])
    assert "Acme Foods" in body and "\u202e" not in body and "\x00" not in body
    _box(page, "new_interview_at").fill("0026-12-01T10:00")
    _box(page, "new_interview_at").dispatch_event("change")
    assert _box(page, "new_interview_at").input_value().startswith("2026-12-01")
    assert "2026" in page.locator('[data-channel="phone"] .tpl-body').text_content()


def test_inputs_through_a_link(new_page):
    page = new_page(**PHONE)
    fragment = "#Company=Acme+Foods&INTERVIEWER_PHONE=615-555-0100%20ext.%2012&constructor=x&toString=y&new_interview_at=26-12-01T10:00"
    _open(page, "templates/forgot/" + fragment)
    assert _box(page, "company").input_value() == "Acme Foods", "+ is a space; names match whatever their case"
    assert page.locator('a[data-action="tel"]').get_attribute("href") == "tel:6155550100;ext=12"
    notice = page.locator(".tpl-prefilled")
    page.wait_for_function("el => el.textContent.includes('no box for')", arg=notice.element_handle())
    assert "constructor, toString" in notice.text_content()
    # Names like constructor alone never claim to have filled anything.
    _open(page, "templates/forgot/#constructor=x&__proto__=y")
    page.wait_for_function("el => el.textContent.includes('no box for')", arg=notice.element_handle())
    assert "filled in from your link" not in notice.text_content()


def test_a_stored_lone_surrogate_is_repaired(new_page):
    page = new_page(**PHONE)
    _open(page, "templates/forgot/")
    page.evaluate("""sessionStorage.setItem('mih.details', JSON.stringify({version: 1, values: {company: 'Acme \\uD800'}}))""")
    page.reload()
    page.wait_for_selector("[data-ready]")
    _box(page, "role").type("Cook")
    href = page.locator('a[data-action="mailto"]').get_attribute("href")
    assert "Acme%20%EF%BF%BD" in href
    assert page.watch.console_errors == []


# --- without JavaScript ------------------------------------------------------------------------


def test_message_pages_without_javascript_are_write_in_sheets_with_live_contents_links(new_page, built_site):
    page = new_page(java_script_enabled=False, **PHONE)
    for folder in sorted((built_site / "templates").iterdir()):
        if not (folder / "index.html").exists():
            continue
        page.goto(f"templates/{folder.name}/")
        assert page.locator('.tpl input[data-field="your_name"]').count() == 1, folder.name
        assert page.locator(".tpl-blank").count() > 0, folder.name
        dead = page.evaluate(
            """() => [...document.querySelectorAll('.md-nav--secondary a[href^="#"]')]
                .map((a) => a.getAttribute('href').slice(1))
                .filter((id) => { const el = document.getElementById(id); return !el || el.closest('[hidden]'); })"""
        )
        assert dead == [], (folder.name, dead)
