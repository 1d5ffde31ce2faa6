"""The link builder (components/link-builder.js) on its fixture staff page: the element
sitegen.share.link_builder_html writes, from a build context made of fixture data (the frozen
``forgot`` template, the fixture checklist, two fixture guide pages). Run alone: -k link_builder."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .components_kit import DESKTOP, PHONE

READY = "#mih-lb-link"
FIVE = {  # sitegen.share.FIRST_FIELDS: the five the builder shows at once
    "your_name": "Jordan Lee",
    "interviewer_name": "Ms. Rivera",
    "company": "Acme Tools",
    "role": "Night stocker",
    "original_time": "2026-12-03T10:30",
}


def pick_page(page, title: str) -> None:
    value = page.locator("#mih-lb-page option", has_text=title).first.get_attribute("value")
    page.select_option("#mih-lb-page", value)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_link_builder_five_details_open_the_page_with_them(open_component, component_url, viewport):
    page = open_component("staff/", ready=READY, viewport=viewport)
    pick_page(page, "You forgot")
    for field, value in FIVE.items():
        page.fill(f"#mih-lb-f-{field}", value)
    page.wait_for_function("() => document.querySelector('#mih-lb-link').value.includes('#')")
    link = page.input_value("#mih-lb-link")
    assert link.startswith(component_url + "templates/forgot/#")
    # The link opens the message page with every detail in its box.
    message = page.context.new_page()
    message.goto(link)
    message.wait_for_function("v => document.querySelector('#tpl-f-your_name').value === v", arg=FIVE["your_name"])
    for field, value in FIVE.items():
        assert message.locator(f"#tpl-f-{field}").input_value() == value, field
    assert page.watch.errors == []


def test_link_builder_sends_nothing_typed_to_the_network(open_component, component_url):
    page = open_component("staff/", ready=READY)
    pick_page(page, "You forgot")
    for field, value in FIVE.items():
        page.fill(f"#mih-lb-f-{field}", value)
    page.fill("#mih-lb-you-name", "Sam Recruiter")
    page.wait_for_function("() => document.querySelector('#mih-lb-text').value.includes('Sam Recruiter')")
    page.get_by_role("button", name=page.locator("[data-module=link-builder]").get_attribute("data-label-show-qr")).click()
    page.wait_for_selector(".mih-lb-qr svg")
    own = urlsplit(component_url).netloc
    typed = [*FIVE.values(), "Sam Recruiter", "Jordan", "Acme", "Rivera"]
    assert page.watch.requests, "the watch saw the page's own requests"
    for url in page.watch.requests:
        assert urlsplit(url).netloc == own, url
        assert not any(word.replace(" ", "") in url.replace("+", "").replace("%20", "") for word in typed), url
    assert page.watch.errors == []
