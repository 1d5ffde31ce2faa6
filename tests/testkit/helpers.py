"""Helpers for browser tests."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def check_axe(page, label: str = "") -> None:
    """Fail with axe-core's readable report when the page has any accessibility violation."""
    results = _AXE.run(page)
    assert results.violations_count == 0, f"axe violations {label} on {page.url}:\n{results.generate_report()}"


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
