"""Helpers for browser tests."""

from __future__ import annotations

import json
import time

from axe_playwright_python.sync_playwright import Axe, AxeResults

_AXE = Axe()
# axe-core runs every rule it enables by default (WCAG 2.0/2.1 A and AA, and the best-practice
# rules such as landmark-unique, region and heading-order); WCAG 2.2's target-size (2.5.8, 24 x 24
# CSS px or spaced apart) is off by default, so it is turned on here (issue #21).
AXE_RULES_ON = ("target-size",)
# Rules that must have run on every checked page: a check that silently skipped them would pass.
AXE_RULES_RAN = ("target-size", "landmark-unique", "region", "heading-order")
_AXE_OPTIONS = json.dumps({
    "resultTypes": ["violations"],
    "rules": {rule: {"enabled": True} for rule in AXE_RULES_ON},
})


def check_axe(page, label: str = "") -> None:
    """Fail with axe-core's readable report when the page has any accessibility violation,
    WCAG 2.2's target size and the best-practice rules included (_AXE_OPTIONS).

    axe-core is injected once per document (half a megabyte of script), so checking the same
    page again, say in the other palette or after instant navigation, only runs the rules."""
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(_AXE.axe_script)
    raw = page.evaluate(f"axe.run({_AXE_OPTIONS})")
    ran = {rule["id"] for kind in ("violations", "passes", "incomplete", "inapplicable") for rule in raw.get(kind, [])}
    assert not set(AXE_RULES_RAN) - ran, f"axe did not run {sorted(set(AXE_RULES_RAN) - ran)} on {page.url}"
    results = AxeResults(raw)
    assert results.violations_count == 0, f"axe violations {label} on {page.url}:\n{results.generate_report()}"


def settle(page, quiet: float = 0.1, timeout: float = 15.0) -> None:
    """Wait until every request the page started (its search worker's too) has finished and
    none has started or ended for ``quiet`` seconds: Playwright's "networkidle" with a
    fifth of its fixed half-second wait. The browser asks for the favicon as the load event
    fires; the quiet spell covers that. Needs a page from the conftest fixtures (page.watch)."""
    watch = page.watch
    deadline = time.monotonic() + timeout
    while watch.pending or time.monotonic() - watch.last_activity < quiet:
        if time.monotonic() > deadline:
            raise AssertionError(f"requests still open after {timeout} s: {[r.url for r in watch.pending]}")
        page.wait_for_timeout(10)  # a short poll, which also lets Playwright deliver events


def template_field(page, name: str):
    """A message template's input or menu for the detail ``name`` (data-field="your_name")."""
    return page.locator(f'.tpl :is(input, select)[data-field="{name}"]')


def open_page(page, url: str) -> None:
    """Load ``url`` afresh: after the load event, wait for the requests the page started,
    and start its watch (console errors, other hosts) from this page."""
    page.watch.clear()
    page.goto(url, wait_until="load")
    settle(page)


def set_palette(page, scheme: str) -> None:
    """Switch Material's palette ("default" light or "slate" dark) the way its toggle does."""
    page.evaluate(
        """scheme => {
            const input = [...document.querySelectorAll('[name="__palette"]')]
                .find(el => el.getAttribute('data-md-color-scheme') === scheme);
            if (input && !input.checked) input.click();
        }""",
        scheme,
    )
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=scheme
    )
