"""WCAG 2.2 AA checks that axe cannot make (issue #21), over the real built site in Chromium:

- reflow at 320 CSS px (1.4.10): no sideways scroll, nothing wider than the screen;
- text spacing (1.4.12): with the spacing override applied, no clipped text and no controls
  whose words run into each other, at 360 and 1280 px;
- focus not obscured (2.4.11): tabbing through the page at 360 x 800 and 1280 x 800, every
  focus stop shows, not covered by the sticky header or anything else;
- consistent help (3.2.6): the agency's contact box and the footer's phone come in the same
  order on every built page (read from the HTML, no browser).
Target size (2.5.8) and the best-practice rules (landmark-unique too) are axe's, run on every page by
tests/test_site_browser.py: see check_axe in testkit/helpers.py; the last test here sees it fail.

One page of each type is checked in the browser; which page is derived from the project
(page_types below). Each check is first seen to fail on a page broken on purpose.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitegen.project import ROOT
from testkit.helpers import check_axe, open_page
from testkit.project_data import agency, ids_of
from testkit.site_pages import GUIDE_PAGES, page_file, page_urls, url_of

KINDS = ("home", "guide", "situation", "checklist", "message", "staff", "contact")
PHONE, DESKTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 800}
REFLOW = {"width": 320, "height": 800}
MAX_FOCUS_STOPS = 80


# --- which page of each type ------------------------------------------------------------------

def _front_matter(src: str) -> dict:
    text = (ROOT / "docs" / src).read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


class _Links(HTMLParser):
    """The links inside the footer's agency line (``.md-copyright__highlight``), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "md-copyright__highlight" in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "p":
            self.depth += 1
        if self.depth and tag == "a":
            self.links.append(attrs.get("href") or "")

    def handle_endtag(self, tag):
        if self.depth and tag == "p":
            self.depth -= 1


@pytest.fixture(scope="module")
def page_types(built_site) -> dict[str, str]:
    """kind -> URL path of one built page of that kind:
    home: the first page of the nav; staff: the hand-written page kept out of search (staff open
    it from the menu); contact: where the footer's agency name leads; guide: the first other
    top-level hand-written page; situation, checklist, message: the first data file of each."""
    home = url_of(GUIDE_PAGES[0])
    staff = [src for src in GUIDE_PAGES if (_front_matter(src).get("search") or {}).get("exclude")]
    assert len(staff) == 1, f"one staff page kept out of search, found {staff}"
    footer = _Links()
    footer.feed(page_file(built_site, home).read_text(encoding="utf-8"))
    assert footer.links, "the footer's agency line has no link to the contact page"
    contact = footer.links[0].removeprefix("./").lstrip("/")
    special = {home, url_of(staff[0]), contact}
    guide = next(url_of(src) for src in GUIDE_PAGES if "/" not in src and url_of(src) not in special)
    types = {
        "home": home, "guide": guide, "staff": url_of(staff[0]), "contact": contact,
        "situation": f"situations/{ids_of('situations')[0]}/",
        "checklist": f"checklists/{ids_of('checklists')[0]}/",
        "message": f"templates/{ids_of('templates')[0]}/",
    }
    for kind, url in types.items():
        assert page_file(built_site, url).exists(), f"no built page for {kind}: /{url}"
    return types


# --- 1.4.10 reflow ----------------------------------------------------------------------------

REFLOW_JS = """() => {
  const width = window.innerWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  // Content that scrolls inside its own box (code blocks, tables in their scroll wrapper).
  const scrollsInside = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;  // visually hidden text for screen readers
    if ((box.width > width + 1 || box.right > width + 1) && !scrollsInside(el)) {
      wide.push(`${name(el)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def reflow_problems(page) -> list[str]:
    found = page.evaluate(REFLOW_JS)
    problems = [f"wider than the {found['width']} px screen: {w}" for w in found["wide"]]
    if found["scroll"] > found["width"]:
        problems.insert(0, f"scrolls sideways: {found['scroll']} px of content in {found['width']} px")
    return problems


def test_reflow_check_fails_on_a_box_wider_than_the_screen(new_page, page_types):
    page = new_page(viewport=REFLOW)
    open_page(page, page_types["guide"])
    assert reflow_problems(page) == []
    page.evaluate("""() => {
        const box = document.createElement('div');
        box.id = 'wcag-too-wide';
        box.style.width = '400px';
        box.textContent = 'A box 400 px wide.';
        document.querySelector('article').append(box);
    }""")
    problems = reflow_problems(page)
    assert problems and problems[0].startswith("scrolls sideways"), problems
    assert any("div#wcag-too-wide" in p for p in problems), problems


@pytest.mark.parametrize("kind", KINDS)
def test_page_reflows_at_320_px_without_sideways_scroll(kind, new_page, page_types):
    page = new_page(viewport=REFLOW)
    open_page(page, page_types[kind])
    assert reflow_problems(page) == [], f"/{page_types[kind]} at 320 px"


# --- 1.4.12 text spacing ----------------------------------------------------------------------

# The override WCAG 1.4.12 names: content must survive it without loss.
TEXT_SPACING_CSS = """
* {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""

TEXT_SPACING_JS = """() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  const clips = s => ['hidden', 'clip'].includes(s.overflowY) || ['hidden', 'clip'].includes(s.overflowX);
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const clipped = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const hasText = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!hasText || !shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;  // visually hidden text for screen readers
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      if (clips(getComputedStyle(a)) && a.scrollHeight > a.clientHeight + 1) {
        clipped.add(`${name(a)} (${a.scrollHeight} px of text in ${a.clientHeight} px)`);
        break;
      }
    }
  }
  // The words of buttons and labels: where each control's text is drawn.
  const controls = [...document.body.querySelectorAll(
      'button, label, [role=button], .md-button, input[type=submit], input[type=button]')]
    .filter(el => shown(el) && el.getBoundingClientRect().width >= 2);
  const textBoxes = el => {
    const boxes = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !shown(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      boxes.push(...[...range.getClientRects()].filter(r => r.width > 0 && r.height > 0));
    }
    return boxes;
  };
  const drawn = controls.map(el => ({el, boxes: textBoxes(el)}));
  const overlaps = [];
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i], b = drawn[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const hit = a.boxes.some(p => b.boxes.some(q =>
        Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 &&
        Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1));
      if (hit) overlaps.push(`${name(a.el)} and ${name(b.el)}`);
    }
  }
  return {clipped: [...clipped], overlaps};
}"""


def text_spacing_problems(page) -> list[str]:
    page.add_style_tag(content=TEXT_SPACING_CSS)
    page.wait_for_function("getComputedStyle(document.body).letterSpacing !== 'normal'")
    found = page.evaluate(TEXT_SPACING_JS)
    return [f"clipped: {c}" for c in found["clipped"]] + [f"words overlap: {o}" for o in found["overlaps"]]


BROKEN_SPACING = """() => {
    const article = document.querySelector('article');
    const box = document.createElement('div');
    box.id = 'wcag-clipped';
    box.style.cssText = 'height: 1.3em; overflow: hidden; line-height: 1.3';
    box.textContent = 'A box of fixed height that hides what does not fit.';
    const row = document.createElement('p');
    row.id = 'wcag-tight-row';
    row.innerHTML = '<button type="button" style="width: 4em; white-space: nowrap; overflow: visible">Call the agency</button>' +
      '<button type="button">Email</button>';
    article.append(box, row);
}"""


def test_text_spacing_check_fails_on_a_clipped_box_and_crowded_buttons(new_page, page_types):
    page = new_page(viewport=PHONE, bypass_csp=True)
    open_page(page, page_types["guide"])
    page.evaluate(BROKEN_SPACING)
    problems = text_spacing_problems(page)
    assert any("div#wcag-clipped" in p for p in problems), problems
    assert any(p.startswith("words overlap") for p in problems), problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=lambda v: f"{v['width']}px")
@pytest.mark.parametrize("kind", KINDS)
def test_text_spacing_override_clips_no_text(kind, viewport, new_page, page_types):
    page = new_page(viewport=viewport, bypass_csp=True)  # the strict CSP refuses an added style
    open_page(page, page_types[kind])
    assert text_spacing_problems(page) == [], f"/{page_types[kind]} at {viewport['width']} px"


# --- 2.4.11 focus not obscured ----------------------------------------------------------------

FOCUS_JS = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  el.dataset.wcagStop ||= String(Math.random());  // to know the stop again when tabbing comes round
  // Wait for the browser's scroll into view and any transition the focus starts (the skip link).
  for (let y = -1; y !== window.scrollY;) {
    y = window.scrollY;
    await new Promise(done => requestAnimationFrame(done));
  }
  // Transitions the move starts anywhere (a closing search veil fades out over the page) end
  // before the page is judged; endless animations, and changes of colour alone (every link's
  // hover colour), are left out of the wait.
  await Promise.all(document.getAnimations()
    .filter(a => a.playState === 'running' && Number.isFinite(a.effect && a.effect.getComputedTiming().endTime))
    .filter(a => !/color|shadow/.test(a.transitionProperty || ''))
    .map(a => a.finished.catch(() => null)));
  const name = e => !e ? 'nothing' : e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    [...e.classList].map(c => '.' + c).join('') +
    (e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : '');
  // A control drawn by its label (Material's palette switch is a visually hidden radio and the
  // label to press): the label is what must show.
  let shows = [el];
  const box = el.getBoundingClientRect();
  if (box.width < 2 || box.height < 2) {
    const labels = [...(el.labels || []), ...(el.parentElement ? el.parentElement.querySelectorAll(':scope > label') : [])];
    shows = labels.filter(l => l.checkVisibility({visibilityProperty: true}) && l.getBoundingClientRect().width >= 2);
  }
  // The centre of the part on screen of each box the target is drawn in (a link that wraps has
  // one per line, and the centre of its bounding box may fall between them; a box taller than
  // the screen, or partly below it, shows only in part). 2.4.11 asks that it is not all hidden.
  const onScreen = r => {
    const left = Math.max(r.left, 0), right = Math.min(r.right, window.innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
    return right - left >= 1 && bottom - top >= 1 ? [(left + right) / 2, (top + bottom) / 2] : null;
  };
  let at = null;
  const seen = shows.some(target => [...target.getClientRects()].some(r => {
    const c = onScreen(r);
    if (!c) return false;
    at = at || c;
    const hit = document.elementFromPoint(...c);
    return hit && (hit === target || target.contains(hit) || (el.labels && [...el.labels].includes(hit)));
  }));
  const where = at || [box.left + box.width / 2, box.top + box.height / 2];
  return {name: name(el), key: el.dataset.wcagStop, seen, at: where.map(Math.round),
          covered_by: seen ? '' : at ? name(document.elementFromPoint(...at)) : 'nothing: off the screen'};
}"""


def hidden_focus_stops(page) -> tuple[int, list[str]]:
    """Tab through the page from its top; (focus stops seen, the stops not in plain view)."""
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    seen: list[str] = []
    hidden = []
    first = None
    for _ in range(MAX_FOCUS_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_JS)
        if stop is None:
            if seen:
                break  # out of the page, past its last control
            continue
        key = stop["key"]
        if key == first:
            break  # round again
        first = first or key
        seen.append(stop["name"])
        if not stop["seen"]:
            hidden.append(f"{stop['name']} at {stop['at']}, under {stop['covered_by']}")
    print(f"{page.url} {page.viewport_size['width']} px: {len(seen)} focus stops")
    return len(seen), hidden


def test_focus_check_fails_under_a_box_over_the_page(new_page, page_types):
    page = new_page(viewport=PHONE, bypass_csp=True)
    open_page(page, page_types["guide"])
    page.add_style_tag(content="""
        #wcag-cover { position: fixed; left: 0; right: 0; bottom: 0; height: 60vh; z-index: 10;
                      background: #fff; }""")
    page.evaluate("""() => {
        const cover = document.createElement('div');
        cover.id = 'wcag-cover';
        document.body.append(cover);
    }""")
    stops, hidden = hidden_focus_stops(page)
    assert stops and any("div#wcag-cover" in h for h in hidden), hidden


# Every page type on a phone, where the sticky header covers the most; on a desktop, the page
# types whose layout differs most there (the home page, a message page, the staff page), to
# keep the suite's time down (issue #21).
FOCUS_CASES = [(kind, PHONE) for kind in KINDS] + [(kind, DESKTOP) for kind in ("home", "message", "staff")]


@pytest.mark.parametrize("kind, viewport", FOCUS_CASES, ids=lambda v: f"{v['width']}px" if isinstance(v, dict) else v)
def test_every_focus_stop_is_in_plain_view(kind, viewport, new_page, page_types):
    page = new_page(viewport=viewport)
    open_page(page, page_types[kind])
    stops, hidden = hidden_focus_stops(page)
    assert stops >= 3, f"/{page_types[kind]}: only {stops} focus stops"
    assert hidden == [], f"/{page_types[kind]} at {viewport['width']} px: focus hidden\n" + "\n".join(hidden)


# --- 3.2.6 consistent help --------------------------------------------------------------------

class _HelpOrder(HTMLParser):
    """The order, in the HTML, of the page's main content, the agency's contact box with its
    phone link, and the footer with its phone link."""

    def __init__(self, tel: str) -> None:
        super().__init__()
        self.tel = tel
        self.order: list[str] = []
        self.open: list[tuple[str, str]] = []  # (tag, marker) of the marked elements still open

    def _inside(self, marker: str) -> bool:
        return any(m == marker for _, m in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        marker = ("main" if tag == "main" else "contact box" if "mih-contact" in classes
                  else "footer" if tag == "footer" else "footer agency line" if "md-copyright__highlight" in classes
                  else None)
        if marker:
            self.order.append(marker)
            self.open.append((tag, marker))
        elif tag == "a" and attrs.get("href") == self.tel:
            if self._inside("contact box"):
                self.order.append("contact box phone")
            elif self._inside("footer agency line"):
                self.order.append("footer phone")

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                if self.open[i][1] == "main":
                    self.order.append("end of main")
                del self.open[i]
                break


HELP_ORDER = ["main", "contact box", "contact box phone", "end of main", "footer", "footer agency line", "footer phone"]


def help_order(html: str) -> list[str]:
    parser = _HelpOrder("tel:" + agency()["phone_tel"])
    parser.feed(html)
    return parser.order


def help_order_problems(pages: dict[str, str]) -> list[str]:
    """Pages whose contact help is missing or not in the order every page uses."""
    return [f"/{url}: {help_order(html)}" for url, html in pages.items() if help_order(html) != HELP_ORDER]


def _built_pages(site: Path) -> dict[str, str]:
    return {url: page_file(site, url).read_text(encoding="utf-8") for url in page_urls(site)}


def test_help_order_check_fails_on_a_page_with_its_contact_moved(built_site, page_types):
    home = page_file(built_site, page_types["home"]).read_text(encoding="utf-8")
    start = home.index('<aside class="mih-contact"')
    end = home.index("</aside>", start) + len("</aside>")
    box = home[start:end]
    moved = home[:start] + home[end:]
    moved = moved.replace("</footer>", box + "</footer>", 1)  # after the footer's phone
    missing = home[:start] + home[end:]
    problems = help_order_problems({"home": home, "moved": moved, "missing": missing})
    assert [p.split(":")[0] for p in problems] == ["/moved", "/missing"], problems


def test_agency_contact_is_in_the_same_order_on_every_page(built_site):
    pages = _built_pages(built_site)
    assert len(pages) > len(KINDS)
    assert help_order_problems(pages) == [], f"expected on every page: {HELP_ORDER}"


# --- 2.5.8 target size and the best-practice rules: axe's, as check_axe runs it ----------------

CROWDED_PAGE = """<!doctype html><html lang="en"><head><title>Crowded</title></head><body>
<header><nav><a href="#a">A</a></nav></header>
<main><h1>Crowded controls</h1>
<p><button type="button" style="width:16px;height:16px;padding:0;margin:0">1</button><button
  type="button" style="width:16px;height:16px;padding:0;margin:0">2</button></p>
<nav><a href="#b">B</a></nav></main></body></html>"""


def test_axe_check_fails_on_small_crowded_targets_and_twin_landmarks(browser):
    """check_axe turns on WCAG 2.2's target-size and keeps the best-practice rules: two 16 px
    buttons side by side, and two navigation landmarks with no names, fail it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(CROWDED_PAGE)
        with pytest.raises(AssertionError) as failed:
            check_axe(page, "crowded fixture")
    finally:
        context.close()
    assert "target-size" in str(failed.value) and "landmark-unique" in str(failed.value), failed.value
