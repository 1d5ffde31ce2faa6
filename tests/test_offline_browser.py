"""A message page that loses its connection after it loaded (issue #19's mid-journey case):
the helpers it loads on first touch (dates, text length, copy) cannot come, so the page says
what waits for a connection, tries again once the browser is online (not on every key), and
copying still works."""

from __future__ import annotations

from testkit.project_data import data_of

# A message page with a text channel (its length count) and a form; from the data.
TEMPLATE = next(t["id"] for t in data_of("templates") if "text" in t["channels"])
HELPERS = ("lib/dates.", "lib/sms.", "/device.")


def _offline_words(page) -> str:
    return page.locator('[data-module="message-template"]').get_attribute("data-offline-text")


def test_no_connection_is_said_once_and_the_page_tries_again_when_online(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    asked = []
    page.on("request", lambda request: asked.append(request.url) if any(h in request.url for h in HELPERS) else None)
    page.goto(f"templates/{TEMPLATE}/")
    page.wait_for_selector('[data-module="message-template"][data-ready]')
    # As for a reader a few seconds in: the service worker has taken over the page (it answers
    # the helpers' requests from here on; none of them is saved yet).
    assert page.evaluate("navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)")
    page.context.set_offline(True)
    box = page.locator('.tpl input[data-field="your_name"]')
    box.click()
    count = page.locator(".tpl-count")
    page.wait_for_function("([el, words]) => el.textContent === words", arg=[count.element_handle(), _offline_words(page)])
    tries, errors = len(asked), len(page.watch.console_errors)
    assert tries >= 1, "the helpers were asked for"
    box.press_sequentially("Jordan Smith")
    page.locator('.tpl input[data-field="role"]').fill("Cashier")
    # Each key redraws the page at once; two frames later every redraw has run.
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert len(asked) == tries, "no new try on every key"
    assert len(page.watch.console_errors) == errors, "no console error on every key"
    assert "Jordan Smith" in page.locator('[data-channel="text"] .tpl-text[data-part="body"]').text_content()
    # Copying still works without the helpers: the browser's own clipboard call.
    page.locator('[data-channel="text"] button[data-action="copy"]').first.click()
    done = page.locator('[data-channel="text"] .tpl-done')
    page.wait_for_function("el => el.textContent.length > 0", arg=done.element_handle())
    assert "Jordan Smith" in page.evaluate("navigator.clipboard.readText()")
    # Back online: the helpers come, and the count shows.
    page.context.set_offline(False)
    page.wait_for_function("el => /\\d/.test(el.textContent)", arg=count.element_handle())
    assert len(asked) > tries


def test_search_with_no_signal_and_no_saved_copy_says_it_needs_a_connection(new_page):
    """A page read online, then search opened with the signal gone and nothing saved: the
    index cannot come (docs/assets/javascripts/on-demand.js), and the results say why, in the
    page's words, instead of "Initializing search" for ever. Both editions."""
    for home in ("", "es/"):
        page = new_page()
        page.goto(home)
        assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.context.set_offline(True)
        words = page.locator("script[data-offline-text]").get_attribute("data-offline-text")
        assert words and ("connection" in words.lower() or "conexión" in words.lower()), words
        box = page.locator(".md-search__input")
        box.click()
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("([el, words]) => el.textContent.trim() === words", arg=[meta.element_handle(), words])
        assert meta.is_visible()
        box.press_sequentially("entrevista" if home else "interview")
        assert meta.text_content().strip() == words, "typing leaves the note in place"
