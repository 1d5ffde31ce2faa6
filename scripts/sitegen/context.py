"""The build context: everything a build reads from configuration and data, loaded once.

The content hook makes it in ``on_config`` and keeps it on the MkDocs config; every other
hook, the PDFs, the cards, the link builder and the staff page read it with ``of(config)``.
Nothing else reads a data file, and nothing reads one unchecked.

What it holds:
- ``agency``: the checked details of ``extra.agency`` (plus ``phone_tel``);
- ``language`` and ``strings``: the interface strings of that language (data/strings/<lang>.yml);
- ``families``: each generated page family's checked data, by name (situations, checklists,
  templates), and ``pages``: the pages they make;
- ``situation_ids``: the four "What happened?" choices, defined once in sitegen.situations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import agency as agency_details
from sitegen import pages as page_families
from sitegen import strings as catalogue
from sitegen.situations import SITUATION_IDS

ATTRIBUTE = "mih_context"  # where the content hook keeps it on the MkDocs config


class NoContext(RuntimeError):
    """A hook ran before the content hook made the context (its order in mkdocs.yml changed)."""


@dataclass(frozen=True)
class BuildContext:
    root: Path  # the folder of the config file being built
    config_file: Path
    site_url: str  # always ends in "/"
    site_name: str
    language: str
    agency: dict[str, str]
    strings: catalogue.Strings
    families: dict[str, Any]
    pages: list[page_families.Page]
    situation_ids: tuple[str, ...] = SITUATION_IDS
    redirects: dict[str, str] = field(default_factory=dict)  # old docs path -> new docs path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def checklists(self) -> list:
        """The checked checklists, in menu order."""
        return [checklist for _located, checklist in self.families["checklists"]]

    @property
    def situations(self) -> list:
        return [situation for _located, situation in self.families["situations"][0]]

    @property
    def templates(self):
        """sitegen.templates.Loaded: the field catalogue and every message template."""
        return self.families["templates"]

    def absolute(self, src_uri: str) -> str:
        """The public address of a docs page."""
        return self.site_url + page_url(src_uri)


def page_url(src_uri: str) -> str:
    """The one rule for where a docs page is published (use_directory_urls):
    'checklists/x.md' -> 'checklists/x/', 'index.md' -> '', 'situations/index.md' -> 'situations/'."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def load(config) -> BuildContext:
    """Check the agency details, load every family and the strings; raises DataFileError
    (or nav.NavError) listing every problem."""
    config_file = Path(config.config_file_path)
    root = config_file.parent
    language = str(config.theme.get("language") or "en")
    values = agency_details.details(config.extra, config_file)
    strings = catalogue.load(catalogue.catalogue_path(root, language))
    families = page_families.load_families(root / "data", values)
    site_url = config.site_url or "https://example.invalid/"
    plugin = config.plugins.get("redirects") if hasattr(config.plugins, "get") else None
    redirects = dict(plugin.config["redirect_maps"]) if plugin is not None else {}
    return BuildContext(
        root=root, config_file=config_file, site_url=site_url if site_url.endswith("/") else site_url + "/",
        site_name=config.site_name, language=language, agency=values, strings=strings, families=families,
        pages=page_families.pages_of(families), redirects=redirects,
    )


def keep(config, context: BuildContext) -> None:
    setattr(config, ATTRIBUTE, context)


def of(config) -> BuildContext:
    """The context the content hook made for this build."""
    found = getattr(config, ATTRIBUTE, None)
    if found is None:
        raise NoContext("The content hook (scripts/hooks/content.py) must be listed first under hooks: in mkdocs.yml.")
    return found
