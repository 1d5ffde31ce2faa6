"""Waits for "nothing happened" without a fixed sleep: make the thing that would have caused
it observable, wait for that, then check.

- ``after_frames(page)``: two animation frames and then a task. Whatever a click, a key or a
  change of the DOM set off (listeners, microtasks, a rAF callback, a layout, a
  PerformanceObserver entry) has run by then.
- ``watch_attribute(page, selector, name)`` / ``attribute_changes(page, selector, name)``: every
  value an attribute took, in order, from a MutationObserver; a second listener that undoes
  the first shows up as a second change, however fast.
- ``layout_shift(page)``: the page's layout-shift total so far, once its fonts, images and
  requests are done and two frames have been drawn, with the observer's pending entries
  taken (``SHIFT_OBSERVER`` must be an init script).
"""

from __future__ import annotations

from testkit.helpers import settle

AFTER_FRAMES = """() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
})"""


def after_frames(page) -> None:
    """Return once two animation frames have been drawn and a task has run after them."""
    page.evaluate(AFTER_FRAMES)


WATCH_ATTRIBUTE = """([selector, name]) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`nothing matches ${selector}`);
    const key = `${selector}|${name}`;
    window.__attributeChanges = window.__attributeChanges || {};
    const seen = (window.__attributeChanges[key] = []);
    new MutationObserver((records) => {
        for (const record of records) seen.push(record.target.getAttribute(name));
    }).observe(element, { attributes: true, attributeFilter: [name] });
}"""


def watch_attribute(page, selector: str, name: str) -> None:
    """Record every value the attribute ``name`` of the first ``selector`` takes from now on."""
    page.evaluate(WATCH_ATTRIBUTE, [selector, name])


def attribute_changes(page, selector: str, name: str) -> list:
    """The values recorded since ``watch_attribute`` (None where the attribute was removed),
    after the frames and task any pending change needs to be delivered."""
    after_frames(page)
    return page.evaluate("key => (window.__attributeChanges || {})[key] || []", f"{selector}|{name}")


# An init script: the page's layout-shift total from its first paint, not counting shifts
# right after input. The observer is kept so a reader can take the entries not yet delivered.
SHIFT_OBSERVER = """
window.__shift = 0;
window.__shiftObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
});
window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
"""

_SETTLED = """() => Promise.all([
    document.fonts.ready,
    ...[...document.images].map((image) => image.complete ? null
        : new Promise((resolve) => { image.addEventListener('load', resolve, { once: true });
                                     image.addEventListener('error', resolve, { once: true }); })),
])"""

_TAKE_SHIFT = """() => {
    for (const entry of window.__shiftObserver.takeRecords()) if (!entry.hadRecentInput) window.__shift += entry.value;
    return window.__shift;
}"""


def layout_shift(page) -> float:
    """The layout shift so far, once everything that could still move the page has happened:
    the load event, every font and image, every request (``settle``), two frames drawn."""
    page.wait_for_load_state("load")
    page.evaluate(_SETTLED)
    settle(page)
    after_frames(page)
    return page.evaluate(_TAKE_SHIFT)
