"""The one pipeline every generated page goes through: data file -> checked model -> Markdown.

A page family (checklists, message templates, ...) is a module with two functions:

- ``load(data_dir, agency) -> Loaded``: read and check its data files; raise DataFileError
  listing every problem with file, line and field;
- ``pages(loaded) -> list[Page]``: the pages to add, each rendered from a Markdown template.

The build context (sitegen.context) loads every family once per build and keeps what each
loaded, by the module's short name; the content hook adds their pages to the navigation and
the site. To add a family, write such a module and list it in ``families()``.
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

    def markdown(self, ui: Any = None) -> str:
        """The page's Markdown; ``ui`` is the interface strings catalogue (sitegen.strings),
        English when not given (tests of one family)."""
        if ui is None:
            from sitegen import strings
            from sitegen.project import ROOT

            ui = strings.load(strings.catalogue_path(ROOT, "en"))
        return render.render(self.template, page_src=self.src_uri, ui=ui, **self.context)


class Family(Protocol):
    def load(self, data_dir: Path, agency: dict[str, str]) -> Any: ...

    def pages(self, loaded: Any) -> list[Page]: ...


def families() -> list[Family]:
    """Every generated page family, in navigation order."""
    from sitegen import checklists, situations, templates  # imported here: they import this module

    return [situations, checklists, templates]


def name_of(family: Family) -> str:
    """'sitegen.checklists' -> 'checklists'."""
    return family.__name__.rsplit(".", 1)[-1]


def load_families(data_dir: Path, agency: dict[str, str]) -> dict[str, Any]:
    """Every family's checked data, by name; raises one DataFileError listing the problems
    of all families."""
    problems: list[Problem] = []
    loaded: dict[str, Any] = {}
    for family in families():
        try:
            loaded[name_of(family)] = family.load(data_dir, agency)
        except DataFileError as error:
            problems += error.problems
    if problems:
        raise DataFileError(problems)
    return loaded


def pages_of(loaded: dict[str, Any]) -> list[Page]:
    """The pages every family makes from what it loaded, in navigation order."""
    return [page for family in families() for page in family.pages(loaded[name_of(family)])]


def load_all(data_dir: Path, agency: dict[str, str]) -> list[Page]:
    """Every family's pages, for tools and tests that need no build context."""
    return pages_of(load_families(data_dir, agency))


def missing_links(pages: list[Page], exists: Callable[[str], bool]) -> list[Problem]:
    """Links to pages that do not exist, reported at the data file's line (MkDocs would name
    only the generated page)."""
    return [problem for page in pages for target, problem in page.links if not exists(target.split("#")[0])]
