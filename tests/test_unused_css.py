"""Material's stylesheets cut to the rules the site can use (sitegen.unused_css): the cut
keeps every rule that could match, and in Chromium every element of every kind of page looks
exactly as it does with Material's whole stylesheet, on a phone and a desktop, in both
palettes, with search open and showing results."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import material
import pytest

from sitegen.unused_css import prune
from testkit.helpers import open_page, set_palette, settle

PALETTE = {"primary": {"indigo"}, "accent": {"indigo"}, "scheme": {"default", "slate"}}


def test_rules_that_cannot_match_go_and_the_rest_stay_as_written():
    css = (
        ".used{color:red}.unused{color:blue}.used .unused,.used>p{margin:0}"
        ".used:not(.unused){top:0}:is(.unused,.used) a{left:0}"
        "@media screen{.unused{x:1}.used{y:2}}@media print{.unused{z:3}}"
        "@keyframes spin{0%{opacity:0}to{opacity:1}}@font-face{font-family:x;src:url(x.woff)}"
        ":root{--a:1}p{color:black}"
        "[data-md-color-primary=pink]{--c:pink}[data-md-color-primary=indigo]{--c:indigo}"
        "[data-md-color-scheme=slate]{--s:1}[data-other=pink]{--o:1}"
    )
    kept = prune(css, {"used", "p", "a"}, PALETTE)
    assert ".unused{" not in kept and ".used .unused" not in kept and "pink]" not in kept.replace("[data-other=pink]", "")
    for still in (".used{color:red}", ".used>p{margin:0}", ".used:not(.unused){top:0}", ":is(.unused,.used) a{left:0}",
                  "@media screen{.used{y:2}}", "@keyframes spin", "@font-face", ":root{--a:1}", "p{color:black}",
                  "[data-md-color-primary=indigo]", "[data-md-color-scheme=slate]", "[data-other=pink]"):
        assert still in kept, still
    assert "@media print" not in kept, "an at-rule left empty goes too"


def test_the_built_site_ships_the_cut_sheets_and_they_are_much_smaller(built_site):
    original = next(Path(material.__file__).parent.glob("templates/assets/stylesheets/main.*.min.css")).read_bytes()
    shipped = [p for p in (built_site / "assets" / "stylesheets").glob("main.*.css") if not p.name.endswith(".map")]
    assert len(shipped) == 1 and re.fullmatch(r"main\.[0-9a-f]{8}\.min\.[0-9a-f]{8}\.css", shipped[0].name)
    assert not list((built_site / "assets" / "stylesheets").glob("*.map")), "source maps that no longer match"
    cut = shipped[0].read_bytes()
    assert len(gzip.compress(cut)) < 0.8 * len(gzip.compress(original))
    assert shipped[0].name in (built_site / "index.html").read_text(encoding="utf-8")


# --- in Chromium: nothing looks different ----------------------------------------------------

# (page, palette, with search open): every kind of page; the dark palette and search results on some.
LOOKS = [(path, "default", False) for path in ("what-to-do-now/", "situations/missed/", "checklists/missed-interview/",
                                               "for-staff/", "no-such-page/")] + \
        [("", "default", True), ("", "slate", True), ("templates/illness/", "default", False),
         ("templates/illness/", "slate", False)]
VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}

# What a stylesheet can change that a reader sees (all 1,200 computed values of 800 elements
# take a minute a page to read).
PROPERTIES = """display visibility position top right bottom left z-index float clear box-sizing width height
min-width max-width min-height max-height margin-top margin-right margin-bottom margin-left
padding-top padding-right padding-bottom padding-left overflow-x overflow-y color background-color
background-image border-top-width border-right-width border-bottom-width border-left-width
border-top-style border-bottom-style border-top-color border-bottom-color border-radius box-shadow outline-style
font-family font-size font-weight font-style line-height letter-spacing text-align text-decoration-line
text-transform white-space word-break vertical-align list-style-type opacity transform mask-image
-webkit-mask-image fill cursor pointer-events flex-direction flex-wrap flex-grow flex-shrink flex-basis
justify-content align-items gap grid-template-columns order content""".split()
# Transitions and animations stop, so both pages are compared at rest.
_STILL = "*, *::before, *::after { transition: none !important; animation: none !important }"

# Every element's computed style, and its ::before and ::after (these PROPERTIES): one
# {property: value} each.
_STYLES = """properties => {
    return Array.from(document.querySelectorAll('body *'), element => {
        const found = {element: element.tagName + '.' + String(element.className || '')};
        for (const pseudo of ['', '::before', '::after']) {
            const style = getComputedStyle(element, pseudo || null);
            if (pseudo && style.content === 'none') continue;
            for (const name of properties) found[pseudo + name] = style.getPropertyValue(name);
        }
        return found;
    });
}"""


def _difference(mine: dict, theirs: dict) -> str:
    names = sorted(set(mine) | set(theirs))
    return f"{mine['element']}: " + ", ".join(
        f"{n}={mine.get(n)!r} (whole sheet: {theirs.get(n)!r})" for n in names if mine.get(n) != theirs.get(n))[:600]


def _material_sheet(name: str) -> bytes:
    """Material's own stylesheet for a cut one (main.57a0d79d.min.1a2b3c4d.css)."""
    original = re.sub(r"\.[0-9a-f]{8}\.css$", ".css", name)
    return (Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / original).read_bytes()


def _with_material_sheets(page) -> None:
    def whole(route):
        route.fulfill(body=_material_sheet(route.request.url.rsplit("/", 1)[-1]), content_type="text/css")

    page.route(re.compile(r".*/assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.[0-9a-f]{8}\.css$"), whole)


def _look(page, path: str, scheme: str, search: bool) -> list[dict]:
    open_page(page, path)
    page.add_style_tag(content=_STILL)
    set_palette(page, scheme)
    styles = page.evaluate(_STYLES, PROPERTIES)
    if not search:
        return styles
    # Search open, with results: the part of the page Material's script builds.
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone, the search button opens it
        page.locator("label.md-header__button[for='__search']").click()
    box.focus()
    box.press_sequentially("interview")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    settle(page)
    # Material adds results and their highlights in steps: wait until the list is still.
    page.evaluate("""() => new Promise(resolve => {
        const list = document.querySelector('.md-search-result');
        let timer = setTimeout(done, 300);
        const watcher = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 300); });
        function done() { watcher.disconnect(); resolve(); }
        watcher.observe(list, {childList: true, subtree: true, characterData: true, attributes: true});
    })""")
    return styles + page.evaluate(_STYLES, PROPERTIES)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_element_looks_as_with_materials_whole_stylesheet(new_page, built_site, viewport):
    # bypass_csp: only so that the test may stop transitions with a <style> of its own.
    cut, whole = (new_page(viewport=VIEWPORTS[viewport], bypass_csp=True) for _ in range(2))
    _with_material_sheets(whole)
    for path, scheme, search in LOOKS:
        mine, theirs = _look(cut, path, scheme, search), _look(whole, path, scheme, search)
        assert [e["element"] for e in mine] == [e["element"] for e in theirs], f"{path} {scheme}: a different page"
        changed = [_difference(a, b) for a, b in zip(mine, theirs) if a != b]
        assert not changed, f"{path} ({viewport}, {scheme}) looks different without the cut rules:\n" + \
            "\n".join(changed[:5])
