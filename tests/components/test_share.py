"""The share control (components/share.js) on its fixture page: the theme's own partial
(overrides/partials/share.html) rendered for a fixture address. Run alone: -k share."""

from __future__ import annotations

import pytest

from .components_kit import DESKTOP, PHONE

READY = ".mih-share[data-module-started]"
ROOT = ".mih-share"

NO_SHARE = "Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: undefined });"
# A share sheet that records what it was asked to share, and resolves as a closed sheet does.
STUB_SHARE = """
window.__shared = [];
Object.defineProperty(Navigator.prototype, 'share', { configurable: true,
  value(data) { window.__shared.push(JSON.parse(JSON.stringify(data))); return Promise.resolve(); } });
"""
NO_CLIPBOARD = NO_SHARE + """
Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true,
  get() { return { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }; } });
"""


def status(page) -> str:
    return page.locator(f"{ROOT} .mih-share__status").inner_text().strip()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_share_copy_link_when_no_share_sheet(open_component, viewport):
    page = open_component("share/#n=Jordan", ready=READY, viewport=viewport, init_script=NO_SHARE,
                          permissions=["clipboard-read", "clipboard-write"])
    root = page.locator(ROOT)
    url = root.get_attribute("data-url")
    page.wait_for_function("() => document.querySelector('.mih-share').hasAttribute('data-module-started')")
    assert page.locator("[data-share=native]").is_hidden()
    page.locator("[data-share=copy]").click()
    page.wait_for_function("t => document.querySelector('.mih-share__status').textContent === t", arg=root.get_attribute("data-copied"))
    # Only the page's public address: never the fragment the page was opened with.
    assert page.evaluate("() => navigator.clipboard.readText()") == url
    assert "#" not in url
    assert page.watch.errors == []


def test_share_copy_refused_says_so(open_component):
    page = open_component("share/", ready=READY, init_script=NO_CLIPBOARD)
    page.locator("[data-share=copy]").click()
    root = page.locator(ROOT)
    page.wait_for_function("t => document.querySelector('.mih-share__status').textContent === t", arg=root.get_attribute("data-copy-failed"))
    assert status(page) == root.get_attribute("data-copy-failed")


def test_share_calls_navigator_share_when_present(open_component):
    page = open_component("share/#n=Jordan", ready=READY, init_script=STUB_SHARE)
    root = page.locator(ROOT)
    native = page.locator("[data-share=native]")
    native.wait_for(state="visible")  # shown only where the browser has a share sheet
    native.click()
    page.wait_for_function("() => window.__shared.length > 0")
    assert page.evaluate("() => window.__shared") == [{"title": root.get_attribute("data-title"), "url": root.get_attribute("data-url")}]
    assert page.watch.errors == []
