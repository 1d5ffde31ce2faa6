"""The share control on every page: plain links (email, text message, WhatsApp) carrying the
page's title and public address, a copy button, and the system share sheet where there is one."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from testkit.helpers import open_page
from testkit.site_pages import page_file, page_urls

ANCHOR = re.compile(r'<a class="md-button" data-share="(?P<kind>\w+)" href="(?P<href>[^"]*)"')


def share_block(html: str) -> str:
    match = re.search(r'<aside class="mih-share".*?</aside>', html, re.S)
    assert match, "no share control"
    return match.group(0)


def test_every_page_has_a_share_control_with_correct_links(built_site, site_url):
    pages = [url for url in page_urls(built_site) if url != "404.html" and "/assets/" not in url]
    assert len(pages) > 20
    for url in pages:
        html = page_file(built_site, url).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page (tests/test_links_never_break.py)
        block = share_block(html)
        address = unescape(re.search(r'data-url="([^"]*)"', block).group(1))
        title = unescape(re.search(r'data-title="([^"]*)"', block).group(1))
        canonical = re.search(r'<link rel="canonical" href="([^"]*)"', html).group(1)
        assert address == unescape(canonical) == site_url + url, url
        assert "#" not in address
        links = {m["kind"]: unescape(m["href"]) for m in ANCHOR.finditer(block)}
        assert set(links) == {"email", "sms", "whatsapp"}, url
        expected = f"{title}: {address}"
        mail = urlsplit(links["email"])
        assert mail.scheme == "mailto" and mail.path == ""
        query = parse_qs(mail.query)
        assert query == {"subject": [title], "body": [expected]}, url
        sms = links["sms"]
        assert sms.startswith("sms:?&body=") and unquote(sms.removeprefix("sms:?&body=")) == expected
        wa = urlsplit(links["whatsapp"])
        assert (wa.scheme, wa.netloc, wa.path) == ("https", "wa.me", "/")
        assert parse_qs(wa.query) == {"text": [expected]}
        assert 'data-share="copy"' in block and 'data-share="native"' in block


def test_copy_shares_the_public_address_only(new_page, site_url):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_page(page, "templates/forgot/#your_name=Private%20Person")
    page.get_by_role("button", name="Copy this page's link").click()
    status = page.locator(".mih-share__status")
    page.wait_for_function("el => el.textContent.startsWith('Link copied')", arg=status.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "templates/forgot/"
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


def test_share_sheet_button_appears_only_where_the_browser_has_one(new_page, site_url):
    page = new_page()
    page.add_init_script(
        "window.__shared = []; navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };"
    )
    open_page(page, "checklists/missed-interview/#x=1")
    button = page.get_by_role("button", name="Share this page…")
    button.click()
    assert page.evaluate("window.__shared") == [
        {"title": page.evaluate("document.querySelector('.mih-share').dataset.title"),
         "url": site_url + "checklists/missed-interview/"}
    ]
    plain = new_page()
    open_page(plain, "checklists/missed-interview/")
    if not plain.evaluate("typeof navigator.share === 'function'"):
        assert plain.locator('[data-share="native"]').is_hidden()
