"""The share control on every page: plain links (email, text message, WhatsApp) carrying the
page's title and public address, a copy button, and the system share sheet where there is one."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from testkit.helpers import open_page
from testkit.waits import after_frames
from testkit.site_pages import page_file, page_urls

ANCHOR = re.compile(r'<a class="md-button" data-share="(?P<kind>\w+)" href="(?P<href>[^"]*)"')


def share_block(html: str) -> str:
    match = re.search(r'<aside class="mih-share".*?</aside>', html, re.S)
    assert match, "no share control"
    return match.group(0)


def test_every_page_has_a_share_control_with_correct_links(built_site, site_url):
    pages = [url for url in page_urls(built_site) if not url.endswith("404.html") and "/assets/" not in url]
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


# A browser with a share sheet (the stub records what it is asked to share), and one without.
SHARE_STUB = "window.__shared = []; navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };"
# Without one: navigator.share reads as undefined, and each read is counted, so a test can wait
# until the component has asked before it checks that the button stays hidden.
NO_SHARE = """window.__askedForShare = 0;
Object.defineProperty(Navigator.prototype, "share", {configurable: true, get() { window.__askedForShare += 1; return undefined; }});"""
PAGE = "checklists/missed-interview/"
OG_TITLE = "document.querySelector('meta[property=\"og:title\"]').content"


def test_share_sheet_button_appears_only_where_the_browser_has_one(new_page, site_url):
    page = new_page()
    page.add_init_script(SHARE_STUB)
    open_page(page, PAGE + "#x=1")
    button = page.get_by_role("button", name="Share this page…")
    button.wait_for(state="visible")
    button.click()
    # The page's share title (the rule the preview tags use) and its public address, no fragment.
    page.wait_for_function("window.__shared.length > 0")
    assert page.evaluate("window.__shared") == [{"title": page.evaluate(OG_TITLE), "url": site_url + PAGE}]
    plain = new_page()
    plain.add_init_script(NO_SHARE)
    open_page(plain, PAGE)
    plain.wait_for_function("window.__askedForShare > 0")  # the component looked for a share sheet
    after_frames(plain)
    assert plain.evaluate("typeof navigator.share") == "undefined"
    assert plain.locator('[data-share="native"]').is_hidden()
