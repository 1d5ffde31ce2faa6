"""What the project under test holds, read from its sources (sitegen.project.ROOT, which
``MIH_PROJECT_ROOT`` may point at a copy): the agency's details, the nav, the redirects, the
guide pages and every data file. Tests of the real site derive what to check from here, so a
maintainer's rebrand or new page needs no test edit.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from sitegen import agency as agency_model
from sitegen.datafiles import data_files
from sitegen import translations
from sitegen.project import ROOT

CONFIG = "mkdocs.yml"


@cache
def raw_config(root: Path = ROOT) -> dict:
    """mkdocs.yml as plain YAML, every value a string (tags such as !ENV are not applied)."""
    return yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@cache
def mkdocs_config(root: Path = ROOT):
    """mkdocs.yml as MkDocs reads it (INHERIT, !ENV and defaults applied)."""
    from mkdocs.config import load_config

    return load_config(str(root / CONFIG))


@cache
def agency(root: Path = ROOT) -> dict[str, str]:
    """The checked agency details, as the build has them (with ``phone_tel``)."""
    return agency_model.details(mkdocs_config(root).extra, root / CONFIG)


def nav_sources(nav: list | None = None, root: Path = ROOT) -> list[str]:
    """Every Markdown source named in the nav, in nav order."""
    found = []
    for entry in raw_config(root)["nav"] if nav is None else nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += nav_sources(value, root) if isinstance(value, list) else [value]
    return found


def guide_pages(root: Path = ROOT) -> list[str]:
    """Every hand-written page (docs/**/*.md), in nav order, then any page the nav leaves out:
    none is left out of the checks that apply to guide pages."""
    docs = root / "docs"
    written = {path.relative_to(docs).as_posix() for path in translations.english_pages(root)}
    in_nav = [src for src in nav_sources(root=root) if src in written]
    return in_nav + sorted(written - set(in_nav))


def redirect_maps(root: Path = ROOT, *, as_written: bool = False) -> dict[str, str]:
    """``plugins: - redirects: redirect_maps:`` (old docs path -> new docs path), as published:
    each other edition (docs/es/) has every English entry and its own (written ``es/perdi.md:
    situations/missed.md``), both under its folder (es/perdi.md -> es/situations/missed.md).
    ``as_written``: the map as mkdocs.yml has it."""
    written: dict[str, str] = {}
    for plugin in raw_config(root).get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            written = dict((plugin["redirects"] or {}).get("redirect_maps") or {})
    if as_written:
        return written
    editions = [language for language in translations.LANGUAGES if (root / "docs" / language).is_dir()]
    own = tuple(language + "/" for language in translations.LANGUAGES)
    published = {old: new for old, new in written.items() if not old.startswith(own)}
    for language in editions:
        for old, new in written.items():
            if not old.startswith(own) or old.startswith(language + "/"):
                published[language + "/" + old.removeprefix(language + "/")] = language + "/" + new
    return published


def data_paths(kind: str, root: Path = ROOT) -> list[Path]:
    """Every data file of one kind ("checklists", "templates", "situations"): .yml and .yaml."""
    return data_files(root / "data" / kind)


def data_of(kind: str, root: Path = ROOT) -> list[dict]:
    """Each data file of one kind, parsed (plain YAML, no checks: the build checks them)."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in data_paths(kind, root)]


def ids_of(kind: str, root: Path = ROOT) -> list[str]:
    """The page ids of one kind, as the page addresses use them (a file's ``id``)."""
    return [data.get("id") or path.stem for path, data in zip(data_paths(kind, root), data_of(kind, root))]
