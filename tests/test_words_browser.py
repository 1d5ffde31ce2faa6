"""Words first, on a 360 x 800 phone in Chromium (issue #15), on every message page:

- the first line of the words to say starts within 1 screen, with at most 4 fields above it;
- each channel's send control is within 1 screen of that channel's first words, or one tap
  away through "Jump to";
- the reader's own words survive a change to a field and a reload, and "use the template's
  words again" brings the template's back;
- a choice of what happened changes the words in every channel, with and without JavaScript;
- without JavaScript, nothing inert shows and nothing says what only the script does;
- at 360 px the keyboard reaches no stop that is off screen (the closed navigation drawer and
  the closed search), and every stop shows its focus ring;
- axe finds nothing on a message page with a choice made and words changed, or without script.
The pages come from data/templates/; `pytest -s` prints the measurements.
"""

from __future__ import annotations

import pytest
import yaml

from testkit.helpers import check_axe, set_palette
from testkit.project_data import data_of, data_paths, ids_of

PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
SCREEN = 800
MAX_FIELDS_ABOVE = 4
TEMPLATE_IDS = ids_of("templates")
WITH_CHOICES = [data["id"] for data in data_of("templates") if data.get("choices")]
# The control that sends each channel's words: the call, else copying the script; the voicemail
# is spoken, so copying it; the text and email open the messages and email apps.
SEND = {
    "phone": 'a[data-action="tel"], button[data-action="copy"]',
    "voicemail": 'button[data-action="copy"]',
    "text": 'a[data-action="sms"]',
    "email": 'a[data-action="mailto"]',
}


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-module="message-template"][data-ready]')


MEASURE = """send => {
  const top = (el) => el.getBoundingClientRect().top + window.scrollY;
  const words = document.querySelector('[data-channel="phone"] .tpl-body');
  const first = top(words);
  const fields = [...document.querySelectorAll('article input, article select, article textarea')]
    .filter((el) => el.getBoundingClientRect().height > 0 && top(el) < first).length;
  const channels = {};
  for (const [name, selector] of Object.entries(send)) {
    const section = document.querySelector(`[data-channel="${name}"]`);
    const control = section.querySelector(selector);
    const body = section.querySelector('.tpl-message');
    channels[name] = { words: top(body), control: top(control), bottom: control.getBoundingClientRect().bottom + window.scrollY };
  }
  return { first, fields, channels };
}"""


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_words_come_first_and_each_send_control_is_near_its_words(new_page, template_id):
    page = new_page(**PHONE)
    _open(page, f"templates/{template_id}/")
    found = page.evaluate(MEASURE, SEND)
    channels = found["channels"]
    print(f"\nWORDS {template_id}: first words at {found['first']:.0f} px ({found['first'] / SCREEN:.2f} screens), "
          f"fields above {found['fields']}; text control at {channels['text']['control']:.0f} px "
          f"({channels['text']['control'] / SCREEN:.2f}), email control at {channels['email']['control']:.0f} px "
          f"({channels['email']['control'] / SCREEN:.2f})")
    assert found["first"] < SCREEN, f"{template_id}: the first words start {found['first']:.0f} px down"
    assert found["fields"] <= MAX_FIELDS_ABOVE, f"{template_id}: {found['fields']} fields above the words"
    for name, where in channels.items():
        near = where["bottom"] - where["words"] <= SCREEN
        if not near:  # one tap through "Jump to" must show it, then
            page.locator(f'.tpl-jump a[href$="#tpl-{name}"]').click()
            page.wait_for_function("id => location.hash === '#' + id", arg=f"tpl-{name}")
            box = page.locator(f'[data-channel="{name}"]').locator(SEND[name]).first.bounding_box()
            near = box is not None and 0 <= box["y"] and box["y"] + box["height"] <= SCREEN
        assert near, f"{template_id}: the {name} control is more than a screen from its words, and Jump to does not show it"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS[:1])
def test_jump_to_leads_to_each_channel(new_page, template_id):
    page = new_page(**PHONE)
    _open(page, f"templates/{template_id}/")
    targets = page.eval_on_selector_all(".tpl-jump a", "links => links.map((a) => a.hash)")
    assert {"#tpl-phone", "#tpl-voicemail", "#tpl-text", "#tpl-email"} <= set(targets)
    for target in targets:
        page.locator(f'.tpl-jump a[href$="{target}"]').click()
        heading = page.locator(target)
        page.wait_for_function("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                               arg=heading.element_handle())


# --- the reader's own words -------------------------------------------------------------------


def _body(page, channel: str):
    return page.locator(f'[data-channel="{channel}"] .tpl-body')


def test_own_words_survive_a_field_change_and_a_reload_until_the_template_s_are_asked_for(new_page):
    template_id = TEMPLATE_IDS[0]
    page = new_page(**PHONE)
    _open(page, f"templates/{template_id}/")
    page.evaluate("document.querySelectorAll('.tpl-more').forEach((d) => { d.open = true; })")
    page.locator('.tpl input[data-field="your_name"]').fill("Jordan Smith")
    text = _body(page, "text")
    assert text.get_attribute("role") == "textbox" and text.get_attribute("contenteditable")
    mine = "Hi, this is Jordan. I am sorry I missed it. Could we talk today?"
    text.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(mine)
    assert text.inner_text() == mine
    notice = page.locator('[data-channel="text"] .tpl-edited')
    assert notice.is_visible()
    sms = page.locator('a[data-action="sms"]')
    assert mine.replace(" ", "%20") in sms.get_attribute("href").replace("%2C", ",").replace("%3F", "?"), "the text app gets the reader's words"
    # A change to a detail leaves the reader's words alone, and says so.
    page.locator('.tpl input[data-field="your_name"]').fill("Sam Lee")
    assert text.inner_text() == mine
    status = page.locator('[data-channel="text"] [role="status"]')
    page.wait_for_function("el => el.textContent.includes('stay as you wrote them')", arg=status.element_handle())
    assert "Sam Lee" in _body(page, "email").inner_text(), "the other channels follow the details"
    # A reload keeps them, for this tab.
    page.reload()
    page.wait_for_selector("[data-ready]")
    assert _body(page, "text").inner_text() == mine
    assert page.locator('[data-channel="text"] .tpl-edited').is_visible()
    # The template's words come back, with the details.
    page.locator('[data-channel="text"] button[data-action="reset"]').click()
    assert "Sam Lee" in _body(page, "text").inner_text() and mine not in _body(page, "text").inner_text()
    assert page.locator('[data-channel="text"] .tpl-edited').is_hidden()
    page.reload()
    page.wait_for_selector("[data-ready]")
    assert "Sam Lee" in _body(page, "text").inner_text()


def test_clearing_the_details_clears_the_reader_s_own_words_too(new_page):
    page = new_page(**PHONE)
    _open(page, f"templates/{TEMPLATE_IDS[0]}/")
    email = _body(page, "email")
    email.click()
    page.keyboard.type(" Extra words. ")
    assert page.locator('[data-channel="email"] .tpl-edited').is_visible()
    page.locator('button[data-action="clear"]').click()
    assert "Extra words." not in email.inner_text()
    assert page.locator('[data-channel="email"] .tpl-edited').is_hidden()
    page.reload()
    page.wait_for_selector("[data-ready]")
    assert "Extra words." not in _body(page, "email").inner_text()


# --- choices ----------------------------------------------------------------------------------


def _answers(template_id: str) -> list[dict]:
    data = yaml.safe_load(next(p for p in data_paths("templates") if p.stem == template_id).read_text(encoding="utf-8"))
    return data["choices"][0]["options"], data["choices"][0]["id"]


@pytest.mark.parametrize("template_id", WITH_CHOICES)
@pytest.mark.parametrize("script", [True, False], ids=["script", "no script"])
def test_a_choice_changes_the_words_in_every_channel(new_page, template_id, script):
    options, choice = _answers(template_id)
    page = new_page(java_script_enabled=script, **PHONE)
    page.goto(f"templates/{template_id}/")
    if script:
        page.wait_for_selector("[data-ready]")
    channels = ["phone", "voicemail", "text", "email"]
    for option in options:
        page.locator(f'label[for="tpl-c-{choice}-{option["id"]}"]').click()
        for channel in channels:
            said = _body(page, channel).inner_text()
            others = [o["words"] for o in options if o is not option and o["words"] not in option["words"]]
            assert option["words"] in said, (channel, option["id"])
            assert not any(words in said for words in others), (channel, option["id"])
    if script:  # kept for the tab
        page.reload()
        page.wait_for_selector("[data-ready]")
        assert page.locator(f'input[data-choice="{choice}"][value="{options[-1]["id"]}"]').is_checked()


# --- without JavaScript -----------------------------------------------------------------------

INERT = """() => [...document.querySelectorAll('button, input:not([type=radio]), select, textarea, [data-action], [data-share="copy"]')]
  .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; })
  .map((el) => el.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_without_javascript_a_message_page_is_an_honest_write_in_sheet(new_page, template_id):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(f"templates/{template_id}/")
    assert page.evaluate(INERT) == [], "a control that does nothing without the script is shown"
    assert page.locator(".tpl-nojs").is_visible(), "the page says what to do with the words"
    for only_script in (".tpl-privacy", ".tpl-count", ".tpl-keep", ".tpl-details", ".tpl-calendar"):
        assert page.locator(only_script).count() == 0 or page.locator(only_script).first.is_hidden(), only_script
    gaps = page.evaluate("""() => [...document.querySelectorAll('.tpl-js, .tpl-actions')]
        .filter((el) => el.getBoundingClientRect().height > 0).length""")
    assert gaps == 0, "no empty gap where the script's buttons would be"
    dead = page.evaluate("""() => [...document.querySelectorAll('.md-nav--secondary a[href^="#"], .tpl-jump a')]
        .filter((a) => a.getBoundingClientRect().height > 0)
        .map((a) => a.getAttribute('href').slice(1))
        .filter((id) => { const el = document.getElementById(id); return !el || el.getBoundingClientRect().height === 0; })""")
    assert dead == [], ("links to parts that are not shown", dead)


# --- the keyboard at 360 px -------------------------------------------------------------------

KEYBOARD_PAGES = ["", "what-to-do-now/", "situations/missed/", f"templates/{TEMPLATE_IDS[0]}/", "checklists/", "contact/"]
# The focused element, or for Material's hidden palette radio the visible label it belongs to.
FOCUSED = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const option = focused.matches('.md-option') && focused.closest('.md-header__option');
  const el = option ? option.querySelector('label:not([hidden])') || focused : focused;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  return { what: focused.outerHTML.slice(0, 90), top: r.top, left: r.left, bottom: r.bottom, right: r.right,
           width: r.width, height: r.height, visible: style.visibility !== 'hidden' && parseFloat(style.opacity) > 0, ring,
           drawer: Boolean(el.closest('.md-sidebar--primary')), search: Boolean(el.closest('.md-search__inner')) };
}"""


@pytest.mark.parametrize("url", KEYBOARD_PAGES, ids=lambda url: url or "home")
def test_every_keyboard_stop_at_360_px_is_on_screen_with_a_focus_ring(new_page, url):
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto(url)
    page.wait_for_load_state("load")
    seen, problems = set(), []
    for _ in range(250):
        page.keyboard.press("Tab")
        # Material fades some stops in (the skip link): wait for the animation, not a fixed time.
        page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
        found = page.evaluate(FOCUSED)
        if found is None or found["what"] in seen:
            break
        seen.add(found["what"])
        on_screen = found["width"] > 0 and found["height"] > 0 and found["bottom"] > 0 and found["top"] < 800 \
            and found["right"] > 0 and found["left"] < 360 and found["visible"]
        if not on_screen or found["drawer"] or found["search"]:
            problems.append(f"off screen: {found['what']}")
        elif not found["ring"]:
            problems.append(f"no focus ring: {found['what']}")
    assert len(seen) > 5, "the keyboard reached almost nothing"
    assert problems == [], "\n".join(problems)


def test_the_drawer_takes_focus_once_it_is_open(new_page):
    """Hidden while closed, the navigation comes back when the reader opens it."""
    page = new_page(viewport={"width": 360, "height": 800})
    page.goto("what-to-do-now/")
    link = page.locator(".md-sidebar--primary .md-nav__link").first
    assert link.is_hidden()
    page.locator('.md-header label[for="__drawer"]').click()
    link.wait_for(state="visible")
    link.focus()
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")


# --- accessibility of the new states ----------------------------------------------------------


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_with_a_choice_made_and_words_changed(new_page, scheme):
    template_id = WITH_CHOICES[0] if WITH_CHOICES else TEMPLATE_IDS[0]
    page = new_page(**PHONE)
    _open(page, f"templates/{template_id}/")
    set_palette(page, scheme)
    radios = page.locator("input[data-choice]")
    if radios.count():
        page.locator(f'label[for="{radios.last.get_attribute("id")}"]').click()
    _body(page, "email").click()
    page.keyboard.type(" My own words.")
    assert page.locator('[data-channel="email"] .tpl-edited').is_visible()
    check_axe(page, f"edited message page, {scheme}")


# The page as a browser without script shows it, in a page where axe can run: the site's own
# scripts blocked, and the stylesheets' "(scripting: none)" rules applied.
AS_WITHOUT_SCRIPT = """() => {
  const rules = [];
  for (const sheet of document.styleSheets) {
    let list;
    try { list = sheet.cssRules; } catch (error) { continue; }
    for (const rule of list) {
      if (rule.media && /scripting:\\s*none/.test(rule.media.mediaText)) rules.push(...Array.from(rule.cssRules, (r) => r.cssText));
    }
  }
  // Through the CSSOM: the site's policy refuses a <style> element.
  const sheet = new CSSStyleSheet();
  rules.forEach((rule) => sheet.insertRule(rule, sheet.cssRules.length));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return rules.length;
}"""


def test_no_axe_violations_without_javascript(new_page):
    page = new_page(**PHONE)
    page.route("**/assets/javascripts/**", lambda route: route.abort())
    page.goto(f"templates/{WITH_CHOICES[0] if WITH_CHOICES else TEMPLATE_IDS[0]}/")
    assert page.evaluate(AS_WITHOUT_SCRIPT) > 0
    assert page.locator(".tpl-nojs").is_visible() and page.locator(".tpl-details").is_hidden()
    check_axe(page, "message page without JavaScript")
