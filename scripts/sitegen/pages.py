"""The one pipeline every generated page goes through: data file -> checked model -> Markdown.

A page family (checklists, message templates, ...) is a module with two functions:

- ``load(data_dir, agency) -> Loaded``: read and check its data files; raise DataFileError
  listing every problem with file, line and field;
- ``pages(loaded) -> list[Page]``: the pages to add, each rendered from a Markdown template.

The content hook adds every family's pages to the navigation and the site. To add a family,
write such a module and list it in FAMILIES.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

from sitegen import render
from sitegen.datafiles import DataFileError, Problem


@dataclass(frozen=True)
class Page:
    """One generated page, before it is rendered."""

    src_uri: str  # where it pretends to live inside docs/, e.g. "checklists/missed-interview.md"
    template: str  # a file in scripts/sitegen/markdown_templates/
    context: dict[str, Any]
    nav_section: str | None = None  # the index page whose nav section lists it; None: not listed
    data_file: Path | None = None  # the "edit" link opens this file
    # Links the page makes, as (docs path, the data file's Problem if it is missing).
    links: list[tuple[str, Problem]] = field(default_factory=list)

    def markdown(self) -> str:
        return render.render(self.template, page_src=self.src_uri, **self.context)


class Family(Protocol):
    def load(self, data_dir: Path, agency: dict[str, str]) -> Any: ...

    def pages(self, loaded: Any) -> list[Page]: ...


def families() -> list[Family]:
    """Every generated page family, in navigation order."""
    from sitegen import checklists, situations, templates  # imported here: they import this module

    return [situations, checklists, templates]


def load_all(data_dir: Path, agency: dict[str, str]) -> list[Page]:
    """Every family's pages; raises one DataFileError listing the problems of all families."""
    problems: list[Problem] = []
    found: list[Page] = []
    for family in families():
        try:
            found += family.pages(family.load(data_dir, agency))
        except DataFileError as error:
            problems += error.problems
    if problems:
        raise DataFileError(problems)
    return found


def missing_links(pages: list[Page], exists: Callable[[str], bool]) -> list[Problem]:
    """Links to pages that do not exist, reported at the data file's line (MkDocs would name
    only the generated page)."""
    return [problem for page in pages for target, problem in page.links if not exists(target.split("#")[0])]
