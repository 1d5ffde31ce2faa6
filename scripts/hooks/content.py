"""MkDocs hook: the site's content from configuration and data.

- The build context (sitegen.context) is made here, once per build: the checked agency
  details, every generated page family, the interface strings. Every other hook reads it.
- The agency's details fill the ``{{ agency.x }}`` tokens in every page, then the site's rules
  (data/rules.yml) fill the ``{{ rule.x }}`` tokens.
- Every generated page family (``sitegen.pages``: checklists, message templates, ...) is added
  to the navigation and the site, without writing into docs/.
- Theme templates get ``agency`` (the checked details), ``ui`` (the strings) and ``rules``
  as globals.

A broken detail or data file stops the build before anything is written, with one message
that names every file, line and field at fault.
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitegen import agency, context, nav, pages, render, rules, security
from sitegen.datafiles import DataFileError


@event_priority(100)  # first: other hooks and the theme read the build context
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        built = context.load(config)
        for section in {page.nav_section for page in built.pages if page.nav_section}:
            listed = [page.src_uri for page in built.pages if page.nav_section == section]
            nav.add_pages(config.nav, section, listed)
    except (DataFileError, nav.NavError, security.ThemeScriptError) as error:
        raise PluginError(str(error)) from None
    context.keep(config, built)
    if config.copyright:
        config.copyright = _fill(built, config.copyright, where="mkdocs.yml copyright")
    return config


def on_env(env, config: MkDocsConfig, files: Files):
    built = context.of(config)
    env.globals.update(agency=built.agency, ui=built.strings, rules=built.rules,
                       speaks_spanish=agency.speaks_spanish(config.extra))
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generated pages are made in memory: docs/ is never written, data files stay unpublished."""
    built = context.of(config)
    for page in built.pages:
        file = File.generated(config, page.src_uri, content=page.markdown(built.strings))
        if page.data_file:  # "edit this page" opens the data file, not a page that is not in docs/
            file.edit_uri = "../" + page.data_file.relative_to(built.root).as_posix()
        _replace(files, file)
    missing = pages.missing_links(built.pages, lambda src: _is_page(files, src))
    if missing:
        raise PluginError(str(DataFileError(missing)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    built = context.of(config)
    where = f"docs/{page.file.src_uri}"
    first_line = _first_line(page)
    # Material writes the description into <meta content="..."> as it is: escape it once, here.
    description = page.meta.get("description") or config.site_description or ""
    page.meta["description"] = html.escape(_fill(built, str(description), where=where), quote=True)
    return _fill(built, markdown, where=where, first_line=first_line)


def _first_line(page: Page) -> int:
    """The line of the source file where the Markdown starts (after any front matter), so a
    token problem names the line the maintainer sees in the editor."""
    return agency.body_first_line(page.file.content_string)


def _fill(built: context.BuildContext, text: str, *, where: str, first_line: int = 1) -> str:
    """Agency tokens, then rule tokens, in a page become their words, escaped as text for Markdown."""
    values = agency.for_markdown(built.agency, render.text)
    try:
        text = agency.fill(text, values, where=where, first_line=first_line)
        return rules.fill(text, built.rules, escape=render.text, where=where, first_line=first_line, markdown=True)
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
