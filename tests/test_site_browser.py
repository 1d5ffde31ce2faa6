"""Every page in real Chromium: no console errors, no other hosts, no cookies, no axe violations."""

from __future__ import annotations

import re

import pytest

from sitegen.project import ROOT
from testkit.helpers import check_axe, open_page, set_palette, settle
from testkit.project_data import agency, data_of
from testkit.site_pages import page_urls, source_page_urls

# Known when the tests are collected, so each page is a test of its own that names it.
PAGES = source_page_urls(ROOT)
PALETTES = {"light": "default", "dark": "slate"}


def test_every_built_page_is_checked(built_site):
    """The per-page tests below cover exactly the pages the build made."""
    assert PAGES == sorted(page_urls(built_site)), "update source_page_urls() in tests/testkit/site_pages.py"


@pytest.fixture(scope="module", params=PAGES, ids=lambda url: url or "home")
def site_page(request, shared_page):
    """One page of the site, opened once for all the checks of that page (pytest runs the
    tests that use the same page one after another)."""
    shared_page.context.clear_cookies()  # so a cookie is blamed on the page that set it
    open_page(shared_page, request.param)
    return shared_page


def test_page_loads_cleanly(site_page):
    assert site_page.watch.console_errors == []
    assert site_page.watch.foreign_requests == []
    assert site_page.context.cookies() == []


@pytest.mark.parametrize("palette", PALETTES)
def test_page_has_no_axe_violations(site_page, palette):
    set_palette(site_page, PALETTES[palette])
    check_axe(site_page, label=f"({palette} palette)")


def test_unknown_address_gets_helpful_404(new_page):
    page = new_page()
    response = page.goto("no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="We could not find that page").is_visible()
    page.locator("article").get_by_role("link", name="What to do right now").click()
    page.wait_for_url("**/what-to-do-now/")


def test_palette_follows_system_dark_setting(new_page):
    page = new_page(color_scheme="dark")
    page.goto("")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


SEARCH_FILES = re.compile(r"/search/search_index\.json$|/workers/search\.[^/]*\.js$")


def test_search_loads_when_first_used_and_finds_a_guide_page(page):
    """The search index and worker stay off a visit that never searches (docs/assets/
    javascripts/on-demand.js); opening search fetches both, and search works."""
    asked = []
    page.on("request", lambda request: asked.append(request.url) if SEARCH_FILES.search(request.url) else None)
    page.goto("", wait_until="load")
    settle(page)
    assert asked == [], "a visit that never searches fetches no search files"
    box = page.get_by_role("textbox", name="Search")
    with page.expect_request_finished(lambda request: request.url.endswith("search_index.json")):
        box.click()
    box.press_sequentially("reschedule")
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "reschedule" in result.inner_text().lower()
    # Both were seen once asked for: the empty list above was a real "not yet".
    assert sorted(SEARCH_FILES.search(url).group(0).split("/")[-1].split(".")[0] for url in asked) == ["search", "search_index"]


def test_print_shows_full_addresses_outside_and_short_paths_inside(page):
    page.goto("contact/")
    page.emulate_media(media="print")
    after = "a => getComputedStyle(a, '::after').content"
    jobs_url = agency()["jobs_url"]  # the contact page links the agency's job listings
    jobs = page.locator(f"article a.external-link[href='{jobs_url}']").first
    assert jobs_url in jobs.evaluate(after)
    internal = page.locator("article a:not(.external-link)[href*='checklists']").first
    assert internal.evaluate(after) == '" (/checklists/)"', "a page of this site prints as a short path"
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()


def _home_choices() -> dict[str, str]:
    """The "What happened?" choices of the home page (docs/index.md): link text -> page."""
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    block = re.search(r'<div class="mih-choices" markdown>(.*?)</div>', text, re.S)
    assert block, "docs/index.md has no mih-choices block"
    return {name: src.removesuffix(".md") + "/" for name, src in re.findall(r"^- \[([^\]]+)\]\(([^)]+\.md)\)", block.group(1), re.M)}


HOME_CHOICES = _home_choices()


def test_home_what_happened_leads_to_the_situation_pages(new_page):
    page = new_page(viewport={"width": 390, "height": 800})
    for choice, target in HOME_CHOICES.items():
        page.goto("")
        page.locator(".mih-choices").get_by_role("link", name=choice).click()
        page.wait_for_url(f"**/{target}")


def _first_section(src: str) -> str:
    """The first ## heading of a guide page, as the contents list it."""
    text = (ROOT / "docs" / src).read_text(encoding="utf-8")
    return re.search(r"^## (.+?)(?:\s*\{[^}]*\})?\s*$", text, re.M).group(1)


def test_generated_pages_list_their_sections_in_the_contents(new_page):
    page = new_page(viewport={"width": 1400, "height": 900})
    checklist = data_of("checklists")[0]
    expected = {
        "templates/forgot/": ["1. Call", "2. If no one answers, leave a voicemail", "3. Send a text", "4. Send an email", "Keep or clear your details"],
        f"checklists/{checklist['id']}/": [section["title"] for section in checklist["sections"]],
        "what-to-do-now/": [_first_section("what-to-do-now.md")],
    }
    for url, names in expected.items():
        page.goto(url)
        contents = page.get_by_role("navigation", name="Table of contents")
        for name in names:
            assert contents.get_by_role("link", name=name, exact=True).is_visible(), f"{url}: {name}"


def test_one_control_clears_everything_the_site_kept(page):
    """Shared computers: ticks, remembered details and the palette choice all go at once."""
    page.goto("checklists/missed-interview/")
    page.locator("[data-checklist-ready]").wait_for()
    page.locator("input[data-item-id]").first.check()
    page.goto("templates/forgot/")
    page.locator(".tpl[data-ready]").wait_for()
    page.locator("#tpl-remember").check()
    name = page.locator('input[data-field="your_name"]')
    name.fill("Jordan Smith")
    set_palette(page, "slate")
    assert page.evaluate("Object.keys(localStorage).length") >= 3
    page.get_by_role("button", name="Clear everything this site saved on this device").click()
    status = page.locator(".mih-forget [role=status]")
    page.wait_for_function("el => el.textContent.includes('keeps nothing')", arg=status.element_handle())
    assert page.evaluate("Object.keys(localStorage)") == []
    assert name.input_value() == "" and not page.locator("#tpl-remember").is_checked()
    page.goto("checklists/missed-interview/")
    page.locator("[data-checklist-ready]").wait_for()
    assert not page.locator("input[data-item-id]").first.is_checked()


def test_clear_control_only_shows_with_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("")
    assert page.locator(".mih-forget").is_hidden()
