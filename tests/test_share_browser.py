"""Link sharing in Chromium: the staff page's link builder (link, QR code, copy, text) and
what it makes opening the right page with every detail filled in. The recruiter's side in
full (lengths, the message, slips, classes) is in tests/test_recruiter_links.py."""

from __future__ import annotations

import io

import pytest

from testkit.helpers import check_axe, open_page, set_palette
from testkit.waits import SHIFT_OBSERVER, layout_shift

STAFF = "for-staff/"

# Values that break hand-made links: spaces, &, #, +, =, %, accents, right-to-left text.
TRICKY = {
    "your_name": "Zoë Ménard-Núñez",
    "interviewer_name": "Ms. O'Brien & Mr. Lee",
    "company": "Smith #2 + Sons = 100% Foods",
    "role": "שרה כהן, מנהלת",
}


def builder(page):
    root = page.locator('[data-module="link-builder"]')
    root.locator("#mih-lb-link").wait_for()
    return root


# The pages the builder offers, as its data attributes list them (sitegen/share.py).
OFFERED = """(() => {
        const root = document.querySelector('[data-module="link-builder"]');
        const sets = JSON.parse(root.dataset.fieldSets);
        return JSON.parse(root.dataset.pages).map(([group, path, canonical, title, set]) => ({group, path, canonical, title, fields: sets[set]}));
    })()"""


def choose(page, path: str) -> None:
    """Picks the page published at ``path`` (its canonical address)."""
    index = next((i for i, p in enumerate(page.evaluate(OFFERED)) if p["canonical"] == path), -1)
    assert index >= 0, f"{path} is not offered"
    page.select_option("#mih-lb-page", str(index))


def make_link(page, path: str, values: dict[str, str]) -> str:
    open_page(page, STAFF)
    builder(page)
    choose(page, path)
    page.evaluate("document.querySelectorAll('.mih-lb-more').forEach((d) => { d.open = true; })")
    for name, value in values.items():
        page.fill(f"#mih-lb-f-{name}", value)
    return page.input_value("#mih-lb-link")


def test_builder_offers_each_page_with_its_own_fields(page):
    open_page(page, STAFF)
    builder(page)
    pages = page.evaluate(OFFERED)
    paths = {p["canonical"] for p in pages}
    assert "templates/forgot/" in paths and "checklists/missed-interview/" in paths
    forgot = next(p for p in pages if p["canonical"] == "templates/forgot/")
    choose(page, "templates/forgot/")
    shown = page.eval_on_selector_all("[data-link-field]", "els => els.map(e => e.name)")
    assert shown == [f for f in forgot["fields"] if not f.startswith("recruiter_")] and set(TRICKY) <= set(shown)
    label = page.locator('label[for="mih-lb-f-interviewer_name"]').text_content()
    assert label == "Interviewer's name"


def test_link_opens_its_page_with_every_field_filled_exactly(page, site_url):
    link = make_link(page, "templates/forgot/", TRICKY)
    assert link.startswith(site_url + "templates/forgot/#")
    assert " " not in link and link.count("#") == 1
    text = page.input_value("#mih-lb-text")
    assert link in text
    page.goto(link, wait_until="load")
    for name, value in TRICKY.items():
        field = page.locator(f'input[data-field="{name}"]')
        page.wait_for_function("([el, v]) => el.value === v", arg=[field.element_handle(), value])
        assert field.input_value() == value


def test_qr_code_decodes_to_the_link(new_page):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    page = new_page(accept_downloads=True)
    # The tricky values but the right-to-left one: together they make a link too long for a
    # code that prints well (tests/test_recruiter_links.py checks what the builder says then).
    link = make_link(page, "templates/forgot/", {k: v for k, v in TRICKY.items() if k != "role"})
    # The QR library is fetched only when a code is asked for (page weight).
    assert page.locator(".mih-lb-qr svg").count() == 0
    assert not page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('qrcode'))")
    page.get_by_role("button", name="Show QR code").click()
    page.wait_for_function(
        "() => document.querySelector('.mih-lb-downloads a[download$=\".png\"]').href.startsWith('blob:')"
    )
    svg = page.locator(".mih-lb-qr svg")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
    shot = Image.open(io.BytesIO(svg.screenshot()))
    assert [r.text for r in zxingcpp.read_barcodes(shot)] == [link]
    # Both downloads are the same code, as files.
    files = {}
    for kind in ("png", "svg"):
        with page.expect_download() as info:
            page.click(f'.mih-lb-downloads a[download$=".{kind}"]')
        files[kind] = open(info.value.path(), "rb").read()
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(files["png"])))] == [link]
    assert files["svg"].startswith(b"<svg") and b'xmlns="http://www.w3.org/2000/svg"' in files["svg"]
    # Once shown, the code follows the link as it changes.
    page.fill("#mih-lb-f-company", "Other Co")
    changed = page.input_value("#mih-lb-link")
    page.wait_for_function("() => document.querySelector('.mih-lb-qr svg')")
    assert changed != link
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(page.locator(".mih-lb-qr svg").screenshot())))] == [changed]
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


def test_copy_puts_the_link_on_the_clipboard(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    link = make_link(page, "templates/forgot/", TRICKY)
    page.get_by_role("button", name="Copy link").click()
    status = page.locator(".mih-lb-link-status")
    page.wait_for_function("el => el.textContent.startsWith('Link copied')", arg=status.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


def test_a_link_without_details_is_the_pages_plain_short_address(page, site_url):
    link = make_link(page, "checklists/missed-interview/", {})
    entry = next(p for p in page.evaluate(OFFERED) if p["canonical"] == "checklists/missed-interview/")
    assert link == site_url + entry["path"] and len(entry["path"]) <= len(entry["canonical"])
    assert page.locator(".mih-lb-none").is_hidden(), "a checklist carries details for the messages it leads to"


def test_without_javascript_the_manual_way_is_explained(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(STAFF)
    assert page.locator('[data-module="link-builder"]').is_hidden()
    body = page.locator("article").text_content()
    assert "%20" in body and "Fill in a message for one person by hand" in body


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_staff_page_has_no_axe_violations(page, scheme):
    make_link(page, "templates/forgot/", TRICKY)
    set_palette(page, scheme)
    check_axe(page, f"({scheme}, link builder filled)")


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 800}, {"width": 1280, "height": 800}])
def test_staff_page_has_no_layout_shift(new_page, viewport):
    page = new_page(viewport=viewport)
    page.add_init_script(SHIFT_OBSERVER)
    open_page(page, STAFF)
    builder(page)
    assert layout_shift(page) == 0  # after fonts, images, requests and two frames: nothing left to move it
