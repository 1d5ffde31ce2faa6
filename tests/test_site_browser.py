"""Every page in real Chromium: no console errors, no other hosts, no cookies, no axe violations."""

from __future__ import annotations

from testkit.helpers import check_axe, set_palette
from testkit.site_pages import page_urls


def _visit(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def test_every_page_loads_cleanly(page, built_site):
    problems = []
    for url in page_urls(built_site):
        if url == "404.html":
            continue
        _visit(page, url)
        problems += [f"{url}: {error}" for error in page.watch.console_errors]
        page.watch.console_errors.clear()
    assert problems == []
    assert page.context.cookies() == []
    # The page fixture also fails the test on any request to another host.


def test_unknown_address_gets_helpful_404(new_page):
    page = new_page()
    response = page.goto("no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="We could not find that page").is_visible()
    page.locator("article").get_by_role("link", name="What to do right now").click()
    page.wait_for_url("**/what-to-do-now/")


def test_every_page_has_no_axe_violations_in_both_palettes(page, built_site):
    failures = []
    for url in page_urls(built_site):
        _visit(page, url)
        for scheme in ("default", "slate"):
            set_palette(page, scheme)
            try:
                check_axe(page, label=scheme)
            except AssertionError as error:
                failures.append(str(error))
    assert failures == [], "\n\n".join(failures)


def test_palette_follows_system_dark_setting(new_page):
    page = new_page(color_scheme="dark")
    page.goto("")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


def test_search_finds_a_guide_page(page):
    page.goto("", wait_until="networkidle")
    box = page.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially("reschedule")
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "reschedule" in result.inner_text().lower()


def test_print_shows_addresses_of_external_links_only(page):
    page.goto("contact/")
    page.emulate_media(media="print")
    after = "a => getComputedStyle(a, '::after').content"
    jobs = page.locator("article a.external-link[href$='/jobs/']").first
    assert "https://www.example.com/jobs/" in jobs.evaluate(after)
    internal = page.locator("article a:not(.external-link)[href*='checklists']").first
    assert internal.evaluate(after) in ("none", "normal")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()


HOME_CHOICES = {
    "I missed my interview": ["what-to-do-now/", "checklists/missed-interview/", "templates/forgot/"],
    "I am about to be late": ["templates/running-late/", "checklists/interview-day/"],
    "The interviewer did not show up or call": ["templates/interviewer-no-show/"],
    "I need to move my interview": ["templates/move-in-advance/", "checklists/prepare-rescheduled/"],
}


def test_home_what_happened_leads_to_steps_checklist_and_message(new_page):
    page = new_page(viewport={"width": 390, "height": 800})
    page.goto("")
    for choice, targets in HOME_CHOICES.items():
        page.locator(".mih-choices").get_by_role("link", name=choice).click()
        heading = page.get_by_role("heading", name=choice, exact=True)
        heading.wait_for()
        assert heading.evaluate("h => h.getBoundingClientRect().top") < 400, f"{choice}: not scrolled to"
        section_links = heading.evaluate(
            """h => { const hrefs = [];
                for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling)
                    el.querySelectorAll('a').forEach(a => hrefs.push(new URL(a.href).pathname));
                return hrefs; }"""
        )
        for target in targets:
            assert "/" + target in section_links, f"{choice}: no link to {target}"


def test_generated_pages_list_their_sections_in_the_contents(new_page):
    page = new_page(viewport={"width": 1400, "height": 900})
    expected = {
        "templates/forgot/": ["Fill in your details", "Email", "Phone call", "Voicemail", "Text message"],
        "checklists/missed-interview/": ["The first hour", "Today"],
        "what-to-do-now/": ["Step 1: Be clear about what went wrong"],
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
