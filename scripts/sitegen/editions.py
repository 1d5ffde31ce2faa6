"""The site's other editions: the Spanish one at /es/ is the same project built again, from the
same mkdocs.yml, with the theme in Spanish, its pages from docs/es/ and its data read with the
Spanish words (sitegen.translations), into site/es/.

- ``edition_config`` makes that build's configuration: the Spanish words of mkdocs.yml come
  from data/<language>/site.yml (the site's name, the menu's titles, the palette switch);
  short addresses written ``es/perdi.md: situations/missed.md`` in the redirects map belong to
  that edition, with every English short address too (/es/missed/ leads to /es/situations/missed/).
- ``build`` runs it from the English build's post-build steps (sitegen.postbuild), before the
  steps that finish the whole site: the fingerprints, the policy and the compressed twins then
  cover both editions at once.
- ``share_assets`` removes the edition's copy of every asset the English site has too, and
  points its pages at the English site's copy: a reader who switches language downloads
  nothing again, and every file has one fingerprinted name.
- ``alternates`` gives each page the address of its counterpart in every edition, for the
  language switcher and ``<link rel="alternate" hreflang>``.
"""

from __future__ import annotations

import logging
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from sitegen import datafiles, translations
from sitegen.context import MAIN_CONFIG, page_url
from sitegen.datafiles import DataFileError, Problem

MAIN = translations.MAIN
OTHERS = translations.LANGUAGES
# Each language's name as its readers write it: the switcher shows these, whatever the page's language.
NAMES = {"en": "English", "es": "Español"}
WORDS_FILE = "site.yml"  # data/<language>/site.yml


log = logging.getLogger("mkdocs.editions")


class EditionError(RuntimeError):
    """The other edition could not be built; the message names the file at fault."""


def present(config: Any) -> list[str]:
    """The other editions this project has: those with their pages (docs/<language>/). A
    maintainer who removes docs/es/ publishes the English site alone."""
    docs = Path(config.docs_dir)
    return [language for language in OTHERS if (docs / language).is_dir()]


def language_of(config: Any) -> str:
    return str(config.theme.get("language") or MAIN)


def main_config(config: Any) -> Any | None:
    """The English build's config when ``config`` is another edition's, else None."""
    return getattr(config, MAIN_CONFIG, None)


def assets_docs(config: Any) -> Path:
    """The docs/ folder whose assets every edition publishes: the English build's."""
    return Path((main_config(config) or config).docs_dir)


def site_root_url(config: Any) -> str:
    """The address of the whole site (the English edition's), where the shared assets are."""
    return (main_config(config) or config).site_url or "/"


def words(root: Path, language: str) -> dict[str, Any]:
    """data/<language>/site.yml, checked: the Spanish words of mkdocs.yml."""
    path = root / "data" / language / WORDS_FILE
    located = datafiles.read_english(path)
    data = located.data if isinstance(located.data, dict) else {}
    problems = []
    for key in ("site_name", "site_description", "copyright"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(Problem(path, located.line_of((key,)), key, "write this in the edition's language"))
    for key in ("nav", "palette"):
        group = data.get(key, {})
        if not isinstance(group, dict) or not all(isinstance(v, str) and v.strip() for v in group.values()):
            problems.append(Problem(path, located.line_of((key,)), key, "write each English title, a colon, then its translation"))
    if problems:
        raise DataFileError(problems)
    return data


def nav_titles(nav: Any) -> list[str]:
    """Every title the menu in mkdocs.yml gives (sections and pages)."""
    found: list[str] = []
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, value in entry.items():
                found.append(title)
                if isinstance(value, list):
                    found += nav_titles(value)
    return found


def translate_nav(nav: Any, titles: dict[str, str]) -> Any:
    """The menu with each title in the edition's language; the pages are the same paths."""
    if isinstance(nav, list):
        return [translate_nav(entry, titles) for entry in nav]
    if isinstance(nav, dict):
        return {titles.get(title, title): translate_nav(value, titles) for title, value in nav.items()}
    return nav


def redirects_for(maps: dict[str, str], language: str) -> dict[str, str]:
    """The short addresses of one edition: the English map without any edition's own entries,
    or, for another edition, every English one and its own (the ``es/`` taken off)."""
    own = {key[len(language) + 1:]: value for key, value in maps.items() if key.startswith(language + "/")}
    shared = {key: value for key, value in maps.items() if not key.startswith(tuple(code + "/" for code in OTHERS))}
    return shared if language == MAIN else {**shared, **own}


def edition_config(config: Any, language: str) -> Any:
    """The configuration of the ``language`` edition of the project ``config`` builds."""
    from mkdocs.config import load_config

    root = Path(config.config_file_path).parent
    said = words(root, language)
    edition = load_config(
        config_file=str(config.config_file_path),
        docs_dir=str(Path(config.docs_dir) / language),
        site_dir=str(Path(config.site_dir) / language),
        site_url=(config.site_url or "/") + language + "/",
        strict=config.strict,
    )
    edition.theme["language"] = language
    for scheme in edition.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle and toggle.get("name") in said.get("palette", {}):
            toggle["name"] = said["palette"][toggle["name"]]
    edition.site_name = said["site_name"]
    edition.site_description = said["site_description"]
    edition.copyright = said["copyright"]
    edition.nav = translate_nav(edition.nav, said.get("nav", {}))
    plugin = edition.plugins.get("redirects")
    if plugin is not None:
        plugin.config["redirect_maps"] = redirects_for(dict(plugin.config["redirect_maps"]), language)
    setattr(edition, MAIN_CONFIG, config)
    return edition


def build(config: Any, language: str, command: str | None) -> None:
    """Builds the ``language`` edition into <site>/<language>/."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    edition = edition_config(config, language)
    try:
        edition.plugins.on_startup(command=command or "build", dirty=False)
        mkdocs_build.build(edition)
    except MkDocsException as error:
        raise EditionError(f"The {NAMES.get(language, language)} edition (/{language}/) did not build: {error}") from None
    finally:
        edition.plugins.on_shutdown()
    behind = translations.found_gaps(Path(config.config_file_path).parent, language)
    if behind:  # listed, not fatal: `make test` fails on them (tests/test_translations.py)
        log.info("The %s edition has %d text(s) to update (scripts/tools/translations.py):\n  %s",
                 NAMES.get(language, language), len(behind), "\n  ".join(str(gap) for gap in behind))


def docs_assets(docs: Path) -> list[Path]:
    """Everything in docs/ that is not a page nor another edition's: the files each edition
    publishes too (stylesheets, scripts, images)."""
    return sorted(path for path in docs.rglob("*") if path.is_file() and path.suffix != ".md"
                  and path.relative_to(docs).parts[0] not in OTHERS)


# A relative address into an edition's assets/ folder, as the theme writes it: "assets/x",
# "../../assets/x" (in attributes and in the theme's configuration JSON).
RELATIVE_ASSET = re.compile(r"(?<=[\"'])((?:\.\./)*)assets/")


def share_assets(site: Path, language: str, site_path: str = "/") -> None:
    """Removes <site>/<language>/assets/ where the English site holds the same files, and
    points the edition's pages one folder further up, at the English copies (``site_path``:
    the site's path on its host, for the addresses the 404 page writes from the root)."""
    own, shared = site / language / "assets", site / "assets"
    if not own.is_dir():
        return
    for path in sorted(own.rglob("*")):
        if path.is_file() and not _same(path, shared / path.relative_to(own)):
            raise EditionError(f"{path.relative_to(site)} differs from {(shared / path.relative_to(own)).relative_to(site)}: "
                               "both editions must publish the same assets")
    shutil.rmtree(own)
    for page in (site / language).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        moved = RELATIVE_ASSET.sub(lambda found: "../" + found.group(1) + "assets/", text)
        moved = moved.replace(f'"{site_path}{language}/assets/', f'"{site_path}assets/')
        if moved != text:
            page.write_text(moved, encoding="utf-8")


def _same(path: Path, other: Path) -> bool:
    return other.is_file() and path.stat().st_size == other.stat().st_size and path.read_bytes() == other.read_bytes()


def has_page(root: Path, language: str, src_uri: str, generated: set[str]) -> bool:
    """Whether the ``language`` edition has the page ``src_uri`` (a docs path)."""
    folder = root / "docs" if language == MAIN else root / "docs" / language
    return src_uri in generated or (folder / src_uri).is_file()


def alternates(main_site_url: str, src_uri: str | None, language: str, exists) -> list[dict[str, Any]]:
    """One entry per edition for the page at ``src_uri`` of the ``language`` edition:
    {language, name, href (absolute), path (from the site's root), current}. An edition
    without that page leads to its home page (``exists(language, src_uri)`` says)."""
    found = []
    for code in (MAIN, *OTHERS):
        prefix = "" if code == MAIN else code + "/"
        here = src_uri if src_uri and (code == language or exists(code, src_uri)) else "index.md"
        path = prefix + page_url(here)
        found.append({"language": code, "name": NAMES.get(code, code), "path": path, "href": main_site_url + path,
                      "current": code == language, "same": here == src_uri and src_uri is not None})
    return found


def relative(from_dir: str, to_path: str) -> str:
    """The link from a page at ``from_dir`` to ``to_path`` (both from the site's root, like
    "es/contact/"), relative as the theme writes links, so the site works in any folder."""
    link = posixpath.relpath("/" + to_path, "/" + from_dir)
    if link == ".":
        return "./"
    return link + "/" if to_path.endswith("/") or not to_path else link
