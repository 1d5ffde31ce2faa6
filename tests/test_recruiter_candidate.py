"""A recruiter's link on the candidate's phone (issues #16 and #22): whatever page it opens, the
details are kept for the tab, the notice at the top of the first screen names them, and the
message the candidate taps through to is filled in word for word; through every redirect too.
A link starts a new person (never a mix of two people's details), asks before it replaces
details typed by hand, and can never make the page say a sentence of its own.

Pages, labels and redirects come from the data (the builder's data-pages, data/fields.yml,
redirect_maps in mkdocs.yml); the people and values are the tests' own.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from sitegen import translations
from sitegen.project import ROOT
from testkit.helpers import check_axe, set_palette
from testkit.project_data import redirect_maps
from testkit.site_pages import page_file, url_of

from test_recruiter_links import FIELDS, FIVE, PHONE, UI, choose, copy_link, offered, open_builder, type_details

# The five details as the builder writes them (tests/js/personal-link.test.mjs checks it does).
FIVE_FRAGMENT = "#n=Jordan+Smith&i=Ms.+Lee&c=Example+Foods&r=Cashier&t=Tue+May+6,+2+PM"
SHIFT_OBSERVER = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({ type: 'layout-shift', buffered: true });
"""


def notice(page):
    page.wait_for_selector(".mih-details--shown")
    return page.locator(".mih-details")


def _labels(language: str) -> dict[str, str]:
    """Each field's label as the edition's pages show it (data/fields.yml, or its translation)."""
    if language == translations.MAIN:
        return {name: field["label"] for name, field in FIELDS.items()}
    translated = yaml.safe_load((ROOT / "data" / language / "fields.yml").read_text(encoding="utf-8"))
    return {field["id"]: field.get("label", FIELDS[field["id"]]["label"]) for field in translated["fields"]}


def assert_notice_names(page, names, language: str = translations.MAIN) -> None:
    """The notice lists these details by name, within the first screen of the phone."""
    box = notice(page)
    text = box.text_content()
    labels = _labels(language)
    for name in names:
        assert labels.get(name, name) in text, (name, text)
    top = page.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY", box.element_handle())
    assert top <= 800, f"the notice ends {top} px down, below the first screen"


def message_box(page, name):
    return page.locator(f'[data-module="message-template"] :is(input, select)[data-field="{name}"]')


def wait_message(page) -> None:
    page.wait_for_selector('[data-module="message-template"][data-ready]', state="attached")


def messages_text(page) -> str:
    return "\n".join(page.eval_on_selector_all(".tpl-text", "els => els.map(e => e.textContent)"))


def assert_filled_word_for_word(page, values) -> None:
    wait_message(page)
    for name, value in values.items():
        box = message_box(page, name)
        if box.count():
            page.wait_for_function("([el, v]) => el.value === v", arg=[box.element_handle(), value])
    text = messages_text(page)
    for name, value in values.items():
        if message_box(page, name).count():
            assert value in text, f"{value!r} is not in the messages"


TAP_TOWARD_A_MESSAGE = """() => {
  if (document.querySelector('article [data-module="message-template"]')) return "done";
  const links = [...document.querySelectorAll('article a[href]')].filter(a => !a.hash && !a.closest('.mih-share, .mih-contact, .md-footer'));
  const path = (a) => new URL(a.href, location.href).pathname;
  const message = links.find(a => /\\/templates\\/[^/]+\\/$/.test(path(a)));
  const next = message || links.find(a => /\\/templates\\/$/.test(path(a))) || links.find(a => /\\/situations\\/[^/]+\\/$/.test(path(a)));
  if (!next) return null;
  document.querySelector('article').setAttribute('data-test-left', '');
  next.click();  // found and tapped at once: a component may redraw its links meanwhile
  return path(next);
}"""


def tap_through_to_a_message(page) -> str:
    """Taps links as a candidate would until a message page opens (at most three taps), each
    time waiting for the next page to replace the one tapped on."""
    for _ in range(4):
        tapped = page.wait_for_function(TAP_TOWARD_A_MESSAGE).json_value()
        if tapped == "done":
            return page.url
        page.wait_for_url(re.compile(re.escape(tapped) + "(#.*)?$"))
        page.wait_for_function("() => !document.querySelector('article[data-test-left]')")
    raise AssertionError(f"no message within three taps; at {page.url}")


def entry_of_kind(page, kind: str, built_site) -> dict:
    pages = offered(page)

    def links_on(entry) -> bool:
        html = page_file(built_site, entry["canonical"]).read_text(encoding="utf-8")
        return "templates/" in html.split("<article", 1)[-1].split("</article>", 1)[0]

    if kind in ("short address", "situation page"):
        return next(p for p in pages if p["group"] == "situation" and p["path"] != p["canonical"])
    if kind == "message page":
        return next(p for p in pages if p["group"] == "template" and set(FIVE) <= set(p["fields"]))
    group = {"checklist": "checklist", "guide": "guide"}[kind]
    return next(p for p in pages if p["group"] == group and p["canonical"] and links_on(p))


@pytest.mark.parametrize("kind", ["situation page", "checklist", "guide", "short address", "message page"])
def test_from_the_builder_to_the_candidates_phone(new_page, site_url, built_site, kind):
    recruiter = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_builder(recruiter)
    entry = entry_of_kind(recruiter, kind, built_site)
    choose(recruiter, entry)
    type_details(recruiter, FIVE)
    link = copy_link(recruiter)
    if kind == "situation page":
        link = link.replace(site_url + entry["path"], site_url + entry["canonical"], 1)
    candidate = new_page(**PHONE)  # a fresh context: nothing of the recruiter's
    candidate.add_init_script(SHIFT_OBSERVER)
    candidate.goto(link)
    assert_notice_names(candidate, FIVE)
    assert "#" not in candidate.url, "the details leave the address bar"
    page_shift = candidate.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(window.__shift))))")
    assert page_shift == 0, "the notice and the filled-in words arrive without moving the page"
    tap_through_to_a_message(candidate)
    assert_filled_word_for_word(candidate, FIVE)
    assert_notice_names(candidate, [name for name in FIVE if message_box(candidate, name).count()])
    assert candidate.evaluate("localStorage.getItem('mih.details')") is None, "nothing on the device unless asked"
    assert candidate.watch.console_errors == [] and candidate.watch.foreign_requests == []


@pytest.mark.parametrize("old, new", sorted(redirect_maps().items()))
def test_every_redirect_keeps_the_details(new_page, site_url, old, new):
    page = new_page(**PHONE)
    page.goto(url_of(old) + FIVE_FRAGMENT)
    page.wait_for_url(site_url + url_of(new))
    edition, _, inside = new.partition("/") if new.split("/")[0] in translations.LANGUAGES else (translations.MAIN, "", new)
    assert_notice_names(page, FIVE if not inside.startswith("templates/") else [], edition)
    stored = json.loads(page.evaluate("sessionStorage.getItem('mih.details')"))
    assert stored["values"] == FIVE
    if inside.startswith("templates/"):
        assert_filled_word_for_word(page, FIVE)
    assert page.watch.console_errors == []


# --- a shared computer: one candidate's details never reach the next ----------------------------

ANA = {"your_name": "Ana Lopez", "your_phone": "(555) 555-0101", "your_email": "ana.lopez@example.com"}
BEN = {"your_name": "Ben Okafor"}
CAL = {"your_name": "Cal Diaz", "company": "Cal Foods"}
SHORT = {"your_name": "n", "your_phone": "p", "your_email": "e", "company": "c"}


def link_for(path: str, person: dict[str, str]) -> str:
    return path + "#" + "&".join(f"{SHORT[k]}={v.replace(' ', '+')}" for k, v in person.items())


def everything_the_page_holds(page) -> str:
    """The page's words, every link's target, every box, and both storage areas."""
    return page.evaluate("""() => [
        document.body.innerText,
        ...[...document.querySelectorAll('a[href]')].map(a => decodeURIComponent(a.getAttribute('href'))),
        ...[...document.querySelectorAll('input, textarea')].map(i => i.value),
        JSON.stringify(Object.entries(sessionStorage)), JSON.stringify(Object.entries(localStorage)),
    ].join('\\n')""")


def assert_nothing_of(page, person: dict[str, str]) -> None:
    held = everything_the_page_holds(page).replace("+", " ")
    for value in person.values():
        assert value not in held, f"{value!r} of another person is still on the page or in storage"


@pytest.fixture
def message_path(built_site) -> str:
    data = [p for p in sorted((built_site / "templates").glob("*/index.html"))
            if all(f'data-field="{name}"' in p.read_text(encoding="utf-8") for name in ("your_name", "your_phone", "your_email", "company"))]
    return f"templates/{data[0].parent.name}/"


def test_two_links_for_two_people_in_one_tab_then_one_after_typing_by_hand(new_page, message_path):
    page = new_page(**PHONE)
    page.goto(link_for(message_path, ANA))
    assert_filled_word_for_word(page, ANA)
    # The second person's link (on the page the tab already shows) carries only a name.
    page.goto(link_for(message_path, BEN))
    page.wait_for_function("() => document.querySelector('.tpl input[data-field=\"your_name\"]').value === 'Ben Okafor'")
    assert message_box(page, "your_phone").input_value() == "" and message_box(page, "your_email").input_value() == ""
    assert_nothing_of(page, ANA)
    assert notice(page).text_content().count(",") == 0, "the notice names only what this link filled in"
    # Ben types a detail by hand; a third link must ask before it replaces anything.
    message_box(page, "company").fill("Okafor Cleaning")
    page.goto(link_for(message_path, CAL))
    page.get_by_role("button", name=UI.details_notice.keep).wait_for()
    # Nothing is replaced before the reader says so: the form still shows Ben's details (waited
    # for, as the page may still be redrawing them from the tab's record when the question shows).
    page.wait_for_function("() => document.querySelector('.tpl input[data-field=\"your_name\"]').value === 'Ben Okafor'")
    assert message_box(page, "company").input_value() == "Okafor Cleaning"
    page.get_by_role("button", name=UI.details_notice.keep).click()
    page.wait_for_function("t => document.querySelector('.mih-details__say').textContent === t", arg=UI.details_notice.kept)
    assert message_box(page, "company").input_value() == "Okafor Cleaning"
    assert_nothing_of(page, CAL)
    # The same link again, and this time the reader takes it: only Cal's details are left.
    page.goto(link_for(message_path, CAL))
    page.get_by_role("button", name=UI.details_notice.use).click()
    page.wait_for_function("() => document.querySelector('.tpl input[data-field=\"your_name\"]').value === 'Cal Diaz'")
    assert message_box(page, "company").input_value() == "Cal Foods"
    assert_nothing_of(page, {"name": "Ben Okafor", "company": "Okafor Cleaning"})
    assert_nothing_of(page, ANA)
    assert page.watch.console_errors == []


def test_a_new_link_on_another_page_replaces_the_details_too(new_page, message_path, built_site):
    page = new_page(**PHONE)
    page.goto(link_for(message_path, ANA))
    assert_filled_word_for_word(page, ANA)
    other = next(p.parent.name for p in sorted((built_site / "situations").glob("*/index.html")))
    page.goto(link_for(f"situations/{other}/", BEN))
    notice(page)
    tap_through_to_a_message(page)
    assert_filled_word_for_word(page, BEN)
    assert_nothing_of(page, ANA)


def test_remembered_details_never_mix_with_a_new_persons_link(new_page, message_path):
    first = new_page(**PHONE)
    first.goto(message_path)
    wait_message(first)
    first.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")
    for name, value in ANA.items():
        message_box(first, name).fill(value)
    first.locator("#tpl-remember").check()
    remembered = first.evaluate("localStorage.getItem('mih.details')")
    second = first.context.new_page()
    second.watch = first.watch
    second.goto(link_for(message_path, BEN))
    second.get_by_role("button", name=UI.details_notice.use).click()
    second.wait_for_function("() => document.querySelector('.tpl input[data-field=\"your_name\"]').value === 'Ben Okafor'")
    assert not second.locator("#tpl-remember").is_checked()
    # Ana asked this device to remember her details; they stay there, and nowhere else.
    held = second.evaluate("""() => [document.body.innerText, JSON.stringify(Object.entries(sessionStorage)),
        ...[...document.querySelectorAll('a[href]')].map(a => decodeURIComponent(a.getAttribute('href'))),
        ...[...document.querySelectorAll('input')].map(i => i.value)].join('\\n')""")
    assert not [v for v in ANA.values() if v in held]
    message_box(second, "company").fill("Okafor Cleaning")
    assert second.evaluate("localStorage.getItem('mih.details')") == remembered, "the new person is never written into the remembered details"


def test_not_you_clears_the_links_details_from_the_tab(new_page, message_path):
    page = new_page(**PHONE)
    page.goto(link_for(message_path, ANA))
    assert_filled_word_for_word(page, ANA)
    page.get_by_role("button", name=UI.details_notice.clear).click()
    page.wait_for_function("() => document.querySelector('.tpl input[data-field=\"your_name\"]').value === ''")
    assert_nothing_of(page, ANA)
    page.reload()
    wait_message(page)
    assert message_box(page, "your_name").input_value() == ""


# --- a link can never make the page say anything ----------------------------------------------

SENTENCE = "URGENT: your interview was cancelled, call 555-0199 now"


@pytest.mark.parametrize("where", ["situation", "message"])
def test_unknown_names_are_counted_never_echoed(new_page, message_path, built_site, where):
    page = new_page(**PHONE)
    path = message_path if where == "message" else f"situations/{next(p.parent.name for p in sorted((built_site / 'situations').glob('*/index.html')))}/"
    many = "&".join(f"x{i}=1" for i in range(40))
    page.goto(path + "#" + SENTENCE.replace(" ", "+") + "=1&" + "A" * 300 + "=2&" + many)
    if where == "message":
        wait_message(page)
        page.wait_for_function("() => document.querySelector('.tpl-prefilled').textContent.length > 0")
        said = page.locator(".tpl-prefilled").text_content()
    else:
        said = notice(page).text_content()
    body = page.evaluate("document.body.innerText")
    assert "URGENT" not in body and "cancelled" not in body and "A" * 30 not in body
    assert len(said) < 200, said
    assert "x0, x1, x2" in said and "x3" not in said
    assert page.watch.console_errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_notice_and_its_question_have_no_axe_violations(new_page, message_path, scheme):
    page = new_page(**PHONE)
    page.goto(link_for(message_path, ANA))
    notice(page)
    set_palette(page, scheme)
    check_axe(page, f"({scheme}, filled from a link)")
    message_box(page, "company").fill("Typed by hand")
    page.goto(link_for(message_path, BEN))
    page.get_by_role("button", name=UI.details_notice.use).wait_for()
    check_axe(page, f"({scheme}, asking before replacing)")
