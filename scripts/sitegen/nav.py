"""Put generated pages into the navigation that mkdocs.yml declares.

mkdocs.yml lists a section's index page (for example ``checklists/index.md``); the hooks add
one entry per generated page to that same section, so the maintainer never lists them by hand.
"""

from __future__ import annotations

from typing import Any


class NavError(ValueError):
    pass


def add_pages(nav: list | None, index: str, pages: list[str]) -> None:
    """Append pages (docs paths) to the nav section that lists ``index``; idempotent,
    because ``mkdocs serve`` may run on_config twice on one config. No title is given:
    MkDocs takes each page's title from its heading, already escaped as text."""
    if nav is None:  # No nav in mkdocs.yml: MkDocs lists every page by itself.
        return
    section = _section_with(nav, index)
    if section is None:
        raise NavError(f"mkdocs.yml: no section of 'nav' lists '{index}'; the generated pages go into that section.")
    listed = {_target(entry) for entry in section}
    section.extend(src for src in pages if src not in listed)


def _section_with(nav: list, target: str) -> list | None:
    """The (possibly nested) list of nav entries that contains ``target``."""
    if any(_target(entry) == target for entry in nav):
        return nav
    for entry in nav:
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list) and (found := _section_with(value, target)) is not None:
                    return found
    return None


def _target(entry: Any) -> Any:
    """'page.md' or {'Title': 'page.md'} -> 'page.md'; sections give None."""
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else None
    return entry if isinstance(entry, str) else None
