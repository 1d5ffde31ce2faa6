"""MkDocs hook: the site's content from configuration and data.

- The agency's details (``extra.agency`` in mkdocs.yml) are checked and fill the
  ``{{ agency.x }}`` tokens in every page.
- Every generated page family (``sitegen.pages``: checklists, message templates, ...) is
  loaded, checked and added to the navigation and the site, without writing into docs/.

A broken detail or data file stops the build before anything is written, with one message
that names every file, line and field at fault.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitegen import agency, nav, pages, render
from sitegen.datafiles import DataFileError

_state: dict = {"agency": {}, "pages": []}


@event_priority(100)  # first: other hooks and the theme read the checked agency details
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        values = agency.details(config.extra, Path(config.config_file_path))
        generated = pages.load_all(root / "data", values)
        for section in {page.nav_section for page in generated if page.nav_section}:
            listed = [page.src_uri for page in generated if page.nav_section == section]
            nav.add_pages(config.nav, section, listed)
    except (DataFileError, nav.NavError) as error:
        raise PluginError(str(error)) from None
    _state.update(agency=values, pages=generated)
    config.extra["agency"] = dict(values)
    if config.copyright:
        config.copyright = _fill(config.copyright, where="mkdocs.yml copyright")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generated pages are made in memory: docs/ is never written, data files stay unpublished."""
    generated = _state["pages"]
    for page in generated:
        file = File.generated(config, page.src_uri, content=page.markdown())
        if page.data_file:  # "edit this page" opens the data file, not a page that is not in docs/
            file.edit_uri = "../" + page.data_file.relative_to(Path(config.config_file_path).parent).as_posix()
        _replace(files, file)
    missing = pages.missing_links(generated, lambda src: _is_page(files, src))
    if missing:
        raise PluginError(str(DataFileError(missing)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material writes the description into <meta content="..."> as it is: escape it once, here.
    description = page.meta.get("description") or config.site_description or ""
    page.meta["description"] = html.escape(_fill(str(description), where=f"docs/{page.file.src_uri}"), quote=True)
    return _fill(markdown, where=f"docs/{page.file.src_uri}")


def _fill(text: str, *, where: str) -> str:
    """Agency tokens in a page become its details, escaped as text for Markdown."""
    try:
        return agency.fill(text, agency.for_markdown(_state["agency"], render.text), where=where)
    except DataFileError as error:
        raise PluginError(str(error)) from None


def _is_page(files: Files, src: str) -> bool:
    file = files.get_file_from_path(src)
    return file is not None and file.is_documentation_page()


def _replace(files: Files, file: File) -> None:
    """A generated page wins over a stray docs/ file of the same name, without a duplicate warning."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
