"""MkDocs hook: put the agency's details (``extra.agency``) wherever a page asks for them."""

from __future__ import annotations

import html

from mkdocs.exceptions import PluginError

from sitegen import agency

_values: dict[str, str] = {}
_escaped: dict[str, str] = {}  # for Markdown and HTML, where '&' or '<' in a name must stay text


def on_config(config):
    try:
        _values.clear()
        _values.update(agency.details(config.extra))
        _escaped.clear()
        _escaped.update({key: html.escape(value) for key, value in _values.items()})
        config.extra["agency"] = dict(_values)
        if config.copyright:
            config.copyright = agency.fill(config.copyright, _escaped, where="mkdocs.yml copyright")
    except agency.AgencyError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    try:
        return agency.fill(markdown, _escaped, where=f"docs/{page.file.src_uri}")
    except agency.AgencyError as error:
        raise PluginError(str(error)) from None
