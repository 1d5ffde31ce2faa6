"""Saved for offline (issue #19), in Chromium through nginx: "Save for offline" on the home
page, then with the network cut every page of the pack opens from the saved copy and works;
a page never saved says so and lists the saved ones; "Clear everything" removes the saved
pages; a new build replaces the saved copy on the next visit online and removes the old cache.
Each language's pack is its offline.json (sitegen/offline.py)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from sitegen import offline, translations
from sitegen.project import ROOT
from testkit import nginx
from testkit.site_pages import page_file
from testkit.helpers import template_field as field

FOLDERS = translations.folders()  # edition folders: "", "es/"
FILLED = {"your_name": "Jordan Smith", "your_phone": "(615) 555-0188", "company": "Example Foods", "role": "Cashier",
          "interviewer_email": "lee@example.com", "interviewer_phone": "(615) 555-0100", "callback_at": "2026-12-08T10:00"}
VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));"""
CACHES = "caches.keys().then((keys) => keys.filter((key) => key.startsWith('mih-')))"
# Until this build's cache is the only one (checked as the browser's caches change, every
# 100 ms); "timeout" after 30 s, so a worker that never comes fails the test instead of hanging it.
NEW_WORKER = """(name) => new Promise((resolve) => {
  const start = Date.now();
  const check = () => caches.keys().then((keys) => keys.filter((key) => key.startsWith("mih-"))).then((keys) => {
    if (keys.length === 1 && keys[0] === name) resolve(true);
    else if (Date.now() - start > 30000) resolve("timeout: " + keys.join(", "));
    else setTimeout(check, 100);
  });
  check();
})"""


def pack_of(site, folder: str) -> dict:
    return json.loads((site / folder / offline.PACK).read_text(encoding="utf-8"))


def pack_pages(site, folder: str) -> list[str]:
    return [url.lstrip("/") for url in pack_of(site, folder)["files"] if url.endswith("/")]


def offline_context(new_page, **options):
    page = new_page(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True, **options)
    page.add_init_script(VIOLATIONS)
    return page


def save_for_offline(page, folder: str = "") -> None:
    """On ``folder`` (an edition's home page, or any page with the control)."""
    page.goto(folder)
    control = page.locator('[data-module="offline-save"]')
    control.wait_for(state="visible")
    status = control.locator("[role=status]")
    done = control.get_attribute("data-done-text")
    control.locator("button").click()
    page.wait_for_function("([el, words]) => el.textContent === words", arg=[status.element_handle(), done], timeout=60000)


def open_saved(page, url: str):
    """Opens ``url`` as a reader does with no signal; the answer must be the saved copy."""
    response = page.goto(url)
    assert response is not None and response.from_service_worker, f"/{url} came from the saved copy"
    notice = page.locator(".mih-saved-copy")
    assert notice.is_visible(), f"/{url} says it is the saved copy"
    assert "{when}" not in notice.text_content() and re.search(r"20\d\d", notice.text_content()), notice.text_content()
    return response


def _use_message_page(page) -> None:
    """The form fills, and copy, mailto:, sms:, tel: and the calendar file work, offline."""
    page.wait_for_selector('[data-module="message-template"][data-ready]')
    page.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")
    for name, value in FILLED.items():
        if field(page, name).count():
            field(page, name).first.fill(value)
    body = page.locator('.tpl-words [data-channel="text"] .tpl-text[data-part="body"], [data-channel="text"] .tpl-text[data-part="body"]').first
    assert "Jordan Smith" in body.text_content()
    count = page.locator(".tpl-count").first
    page.wait_for_function("el => /\\d/.test(el.textContent)", arg=count.element_handle())
    page.locator('[data-channel="text"] button[data-action="copy"]').first.click()
    done = page.locator('[data-channel="text"] .tpl-done').first
    page.wait_for_function("el => el.textContent.length > 0", arg=done.element_handle())
    assert "Jordan Smith" in page.evaluate("navigator.clipboard.readText()")
    assert "Jordan%20Smith" in page.locator('a[data-action="mailto"]').first.get_attribute("href")
    assert "Jordan%20Smith" in page.locator('a[data-action="sms"]').first.get_attribute("href")
    assert page.locator('a[data-action="tel"]').first.get_attribute("href").endswith("6155550100")
    with page.expect_download() as info:
        page.locator('button[data-action="ics"][data-field="callback_at"]').first.click()
    assert "BEGIN:VCALENDAR" in info.value.path().read_text(encoding="utf-8")


def _use_checklist(page) -> None:
    """A tick is kept across a reload from the saved copy."""
    page.wait_for_selector("[data-checklist-ready]")
    first = page.locator('.mih-checklist input[type="checkbox"]').first
    first.check()
    page.reload()
    page.wait_for_selector("[data-checklist-ready]")
    assert page.locator('.mih-checklist input[type="checkbox"]').first.is_checked()


# A word each edition's search must find in the saved copy (Spanish stems it: "entrevistas").
SEARCHED = {"": "reschedule", "es/": "entrevistas"}


def _use_search(page, folder: str) -> None:
    """Search, never opened online, loads its index, worker and stemmers from the saved copy."""
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(SEARCHED[folder])
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15000)
    assert SEARCHED[folder][:8] in result.inner_text().lower()


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.rstrip("/") or "en")
def test_saved_for_offline_every_page_opens_and_works_with_no_signal(folder, new_page, built_site):
    page = offline_context(new_page)
    pages = pack_pages(built_site, folder)
    for kind in ("situations/", "templates/", "checklists/", "what-to-do-now/"):
        assert any(url.startswith(folder + kind) for url in pages), f"the pack has /{folder}{kind}"
    assert folder + "for-staff/" not in pages, "the staff page stays online"
    page.goto(folder)
    size = page.locator("[data-offline-size]").text_content()
    assert re.search(r"\d", size) and str(offline.kilobytes(pack_of(built_site, folder)["bytes"])) in size.replace(",", "")
    save_for_offline(page, folder)
    assert page.evaluate("navigator.storage.persisted()") in (True, False)  # asked; the browser decides
    page.context.set_offline(True)
    errors = page.watch.console_errors
    for url in pages:
        open_saved(page, url)
        assert page.evaluate("window.__violations") == [], f"/{url}: CSP violations"
        assert errors == [], f"/{url}: {errors}"
    message = next(url for url in pages if url.startswith(folder + "templates/") and url.count("/") > folder.count("/") + 1
                   and page_file(built_site, url).read_text(encoding="utf-8").count('data-field="callback_at"'))
    open_saved(page, message)
    _use_message_page(page)
    open_saved(page, next(url for url in pages if url.startswith(folder + "checklists/") and url != folder + "checklists/"))
    _use_checklist(page)
    open_saved(page, folder)
    _use_search(page, folder)
    assert errors == [] and page.evaluate("window.__violations") == []


PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}


def test_on_a_phone_the_control_and_the_saved_copy_notice_fit_the_screen(new_page, built_site):
    page = offline_context(new_page, **PHONE)
    save_for_offline(page, "situations/missed/")
    button = page.locator('[data-module="offline-save"] button').bounding_box()
    assert button["height"] >= 44 and button["x"] >= 0 and button["x"] + button["width"] <= 360, button
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling"
    page.context.set_offline(True)
    open_saved(page, "templates/forgot/")
    notice = page.locator(".mih-saved-copy").bounding_box()
    assert notice["x"] >= 0 and notice["x"] + notice["width"] <= 360 and notice["y"] < 800, "on the first screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_saved_state_is_shown_again_with_its_date(new_page, built_site):
    page = offline_context(new_page)
    save_for_offline(page)
    page.reload()
    status = page.locator('[data-module="offline-save"] [role=status]')
    page.wait_for_function("el => /20\\d\\d/.test(el.textContent)", arg=status.element_handle())
    assert status.text_content().startswith("Saved on this device on")


def test_a_page_never_saved_says_so_and_lists_the_pages_read(new_page, built_site):
    """Pages read are kept as they are read (nothing else is): with no signal, an address never
    opened answers with a short page that lists them."""
    page = offline_context(new_page)
    page.goto("")
    page.evaluate("navigator.serviceWorker.ready")
    page.goto("what-to-do-now/")  # read once the worker runs: kept
    title = page.title()
    page.context.set_offline(True)
    open_saved(page, "what-to-do-now/")
    page.goto("employer-view/")
    assert page.locator("h1").text_content() == "No connection"
    assert page.locator("main li a").all_text_contents() == [title]
    # Nothing was saved that was not read.
    assert page.evaluate("caches.match('employer-view/')") is None


def test_clear_everything_removes_the_saved_pages(new_page, built_site):
    page = offline_context(new_page)
    save_for_offline(page)
    assert len(page.evaluate(CACHES)) == 1
    forget = page.locator('[data-module="forget"]')
    forget.locator("button").click()
    page.wait_for_function("el => el.textContent.length > 0", arg=forget.locator("[role=status]").element_handle())
    assert page.evaluate(CACHES) == []
    page.context.set_offline(True)
    page.goto("situations/missed/")
    assert page.locator("h1").text_content() == "No connection"


@pytest.fixture
def second_site(built_site):
    """The built site on its own nginx, to build "again": (the folder nginx serves, its URL)."""
    server = nginx.bind()
    url = nginx.start(server, built_site)
    yield server.site_dir, url
    server.shutdown()


def _write(path, text: str) -> None:
    """As a build writes a file: its gzip twin (made by the last step) goes with the old words."""
    path.write_text(text, encoding="utf-8")
    path.with_name(path.name + ".gz").unlink(missing_ok=True)


def _rebuild(site, page_url: str, words: str, asset: str) -> str:
    """What a new build with one changed page and one changed asset leaves: the page's new
    words, the asset under a new hashed name everywhere it is named, and the packs and the
    worker written again. Returns the asset's new name."""
    page = page_file(site, page_url)
    _write(page, page.read_text(encoding="utf-8").replace("</h1>", f" {words}</h1>", 1))
    old = site / asset
    new_name = re.sub(r"\.[0-9a-f]{8}\.css$", ".0badcafe.css", old.name)
    _write(old.parent / new_name, old.read_text(encoding="utf-8") + "\n.mih-new{}\n")
    old.unlink()
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if old.name in text:
            _write(html, text.replace(old.name, new_name))
    for gz in [site / offline.WORKER, *(site / folder / offline.PACK for folder in FOLDERS), *site.rglob("index.html")]:
        gz.with_name(gz.name + ".gz").unlink(missing_ok=True)  # offline.write rewrites these
    offline.write(site, (ROOT / "docs" / offline.WORKER).read_text(encoding="utf-8"), FOLDERS)
    return new_name


def test_a_new_build_replaces_the_saved_copy_and_the_old_cache(new_page, second_site):
    site, url = second_site
    page = offline_context(new_page, base_url=url)
    save_for_offline(page)
    before = page.evaluate(CACHES)
    asset = next(name.lstrip("/") for name in pack_of(site, "")["files"] if "/stylesheets/site." in name)
    new_asset = _rebuild(site, "situations/missed/", "(new words)", asset)
    version = pack_of(site, "")["version"]
    assert [f"mih-{version}"] != before
    page.goto("what-to-do-now/")  # the next visit online: the browser finds the new worker
    # It saves the pack again, then deletes the old cache.
    assert page.evaluate(NEW_WORKER, f"mih-{version}") is True
    page.context.set_offline(True)
    open_saved(page, "situations/missed/")
    assert "(new words)" in page.locator("h1").text_content()
    assert page.evaluate(f"caches.match('{url}{asset.rsplit('/', 1)[0]}/{new_asset}').then(Boolean)")
    assert not page.evaluate(f"caches.match('{url}{asset}').then(Boolean)"), "the old asset is gone"


def test_a_page_that_cannot_come_while_saving_loses_nothing_and_says_so(new_page, second_site):
    """One file of the pack does not come (here: gone from the server): the reader is told,
    nothing is marked saved, and saving again once it answers completes."""
    site, url = second_site
    page = offline_context(new_page, base_url=url)
    page.goto("")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    missing = page_file(site, next(u.lstrip("/") for u in pack_of(site, "")["files"] if u.startswith("/checklists/") and u != "/checklists/"))
    kept = missing.read_bytes()
    missing.unlink()
    missing.with_name(missing.name + ".gz").unlink(missing_ok=True)
    control = page.locator('[data-module="offline-save"]')
    control.locator("button").click()
    status = control.locator("[role=status]")
    page.wait_for_function("([el, words]) => el.textContent === words", arg=[status.element_handle(), control.get_attribute("data-failed-text")])
    assert control.locator("button").is_enabled(), "the reader can try again"
    assert page.evaluate(f"caches.match(new URL('{offline.PACK}', location.href).href)") is None, "not marked saved"
    missing.write_bytes(kept)
    save_for_offline(page)
    assert page.evaluate(f"caches.match(new URL('{offline.PACK}', location.href).href).then(Boolean)")
