"""The build context: everything a build reads from configuration and data, loaded once.

The content hook makes it in ``on_config`` and keeps it on the MkDocs config; every other
hook, the PDFs, the cards, the link builder and the staff page read it with ``of(config)``.
Nothing else reads a data file, and nothing reads one unchecked.

What it holds:
- ``agency``: the checked details of ``extra.agency`` (plus ``phone_tel``);
- ``language`` and ``strings``: the interface strings of that language (data/strings/<lang>.yml);
- ``families``: each generated page family's checked data, by name (situations, checklists,
  templates), and ``pages``: the pages they make;
- ``situation_ids``: the four "What happened?" choices, defined once in sitegen.situations;
- ``rules``: whom to contact first and when to text (data/rules.yml), agency details filled in;
- ``theme_scripts``: the inline scripts the theme's templates write (security.THEME_SCRIPTS),
  the only ones a page may hold and the policy hashes.

Before anything is loaded, ``load`` checks what the theme prints as it is: ``site_name``,
``site_url``, ``site_description`` and ``copyright`` (``settings_problems``), and that no link
in docs/, data/ or overrides/ leads outside the project (``outside_links``): the build would
publish whatever such a link points at.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sitegen import agency as agency_details
from sitegen import datafiles
from sitegen import pages as page_families
from sitegen import rules as site_rules
from sitegen import security
from sitegen import strings as catalogue
from sitegen import translations
from sitegen.datafiles import DataFileError, Problem
from sitegen.model import MARKUP, hidden_problem
from sitegen.situations import SITUATION_IDS

ATTRIBUTE = "mih_context"  # where the content hook keeps it on the MkDocs config
MAIN_CONFIG = "mih_edition_of"  # on another edition's config: the English build's (sitegen.editions)


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
    rules: Any = None  # sitegen.rules.Rules: whom to contact first, when to text (data/rules.yml)
    theme_scripts: list = field(default_factory=list)  # security.ThemeScript: the theme's own inline scripts

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


# site_url: http or https, a host name (or an IP address), an optional port and a path of
# plain URL characters: nothing that could end the attribute it is printed in (Material
# writes it into <link rel="canonical" href="..."> as it is).
SITE_URL = re.compile(r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                      r"|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~!$+,;=:@%/-]*)?")
SITE_URL_EXAMPLE = "https://advice.example.com/"
# An & that starts a character reference (&amp; &#38; &copy): Material prints site_name as it
# is in some places and escaped in others, so it would read differently from place to place.
CHARACTER_REFERENCE = re.compile(r"&(?:#|[A-Za-z0-9]+;?)")


def _setting_lines(config_file: Path) -> dict[tuple, int]:
    try:
        return datafiles.line_index(config_file)
    except DataFileError:
        return {}


def settings_problems(config, config_file: Path) -> list[Problem]:
    """What is wrong with the settings the theme prints as they are: site_name (in <title>,
    the header and an aria-label), site_url (in every page's <head>), site_description and
    copyright (HTML, in every footer). Each problem names mkdocs.yml and the line."""
    lines = _setting_lines(config_file)
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(config_file, lines.get((key,), 1), key, message))

    name = config.site_name or ""
    scripts = [found for found in security.content_problems(name) if found.script]
    if scripts:
        problem("site_name", scripts[0].advice)
    elif not name.strip():
        problem("site_name", "write the site's name, like 'Missed Interview Help'")
    elif hidden_problem(name) or "\n" in name:
        problem("site_name", hidden_problem(name) or "write the site's name on one line")
    elif len(name) > 80:
        problem("site_name", f"the name has {len(name)} characters; keep it to 80 or fewer, as it shows in every page's header")
    else:
        markup = MARKUP.search(name) or re.search(r'"', name) or CHARACTER_REFERENCE.search(name)
        if markup:
            problem("site_name", f"plain text only: remove '{markup.group(0)}' (the name is printed into pages as it is, so no "
                                 "HTML, double quotes, tokens or &-codes; a lone & followed by a space is fine)")

    url = config.site_url or ""
    if not url:
        problem("site_url", f"set site_url to the address the site will have, like {SITE_URL_EXAMPLE}; "
                            "links in the PDFs, the link builder and the preview cards need it")
    elif not SITE_URL.fullmatch(url):
        problem("site_url", f"'{url[:80]}' is not a web address the site can have: write it like {SITE_URL_EXAMPLE} "
                            "(http:// or https://, a host name, an optional port and path; no quotes, spaces, ? or #)")

    description = config.site_description or ""
    hidden = hidden_problem(description)
    scripts = [found for found in security.content_problems(description) if found.script]
    if scripts:
        problem("site_description", scripts[0].advice)
    elif hidden:
        problem("site_description", hidden)
    elif len(description) > 300:
        problem("site_description", f"the description has {len(description)} characters; keep it to 300 or fewer")

    copyright_text = config.copyright or ""
    hidden = hidden_problem(copyright_text)
    if hidden:
        problem("copyright", hidden)
    for found in security.content_problems(copyright_text):
        problem("copyright", found.advice)
    return problems


def outside_links(root: Path, folders: Iterable[Path]) -> list[Problem]:
    """A problem for each symbolic link in ``folders`` (and below) that leads outside the
    project at ``root``: the build would publish what it points at (a system file, a whole
    folder). Links that stay inside the project are fine, and are followed."""
    home = root.resolve()
    problems: list[Problem] = []
    seen: set[Path] = set()

    def check(path: Path) -> bool:
        """True when ``path`` may be used; a problem otherwise."""
        if not path.is_symlink():
            return True
        target = path.resolve()
        if target.is_relative_to(home):
            return True
        problems.append(Problem(path, 1, "", f"this is a link to {target}, outside the project: the build would publish what "
                                             "it points at. Copy the file into the project instead, or remove the link"))
        return False

    for folder in folders:
        if not (folder.exists() or folder.is_symlink()) or not check(folder):
            continue
        for top, dirs, files in os.walk(folder, followlinks=True):
            real = Path(top).resolve()
            if real in seen:  # a link back up the tree: walked once is enough
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = [name for name in dirs if check(Path(top) / name)]
            for name in files:
                check(Path(top) / name)
    return problems


def _project_folders(config, root: Path) -> list[Path]:
    """docs/, data/ and the theme's folders that belong to the project (overrides/)."""
    folders = [Path(config.docs_dir), root / "data", root / "overrides"]
    for folder in getattr(config.theme, "dirs", []):
        if Path(folder).resolve().is_relative_to(root.resolve()) and Path(folder) not in folders:
            folders.append(Path(folder))
    return list(dict.fromkeys(folders))


def load(config) -> BuildContext:
    """Check the settings and the links in the project's folders, then the agency details,
    and load every family, the strings and the theme's inline scripts; raises DataFileError
    (or nav.NavError, security.ThemeScriptError) listing every problem."""
    config_file = Path(config.config_file_path)
    root = config_file.parent
    problems = settings_problems(config, config_file) + outside_links(root, _project_folders(config, root))
    if problems:
        raise DataFileError(problems)
    language = str(config.theme.get("language") or "en")
    values = agency_details.details(config.extra, config_file, language)
    strings = catalogue.load(catalogue.catalogue_path(root, language))
    # Another edition reads each data file with its translation's words laid over it.
    with datafiles.in_language(None if language == translations.MAIN else language):
        families = page_families.load_families(root / "data", values)  # they check data/rules.yml too
        the_rules = site_rules.load(root / "data", values)
    main = getattr(config, MAIN_CONFIG, None)  # another edition's build: the English build's config
    if main is not None:  # its message pages send the English words by default
        families["templates"].english = {template.id: template for template in of(main).templates.templates}
    theme_scripts = security.theme_scripts(Path(folder) for folder in config.theme.dirs)
    site_url = config.site_url
    plugin = config.plugins.get("redirects") if hasattr(config.plugins, "get") else None
    redirects = dict(plugin.config["redirect_maps"]) if plugin is not None else {}
    return BuildContext(
        root=root, config_file=config_file, site_url=site_url if site_url.endswith("/") else site_url + "/",
        site_name=config.site_name, language=language, agency=values, strings=strings, families=families,
        pages=page_families.pages_of(families), redirects=redirects, rules=the_rules, theme_scripts=theme_scripts,
    )


def keep(config, context: BuildContext) -> None:
    setattr(config, ATTRIBUTE, context)


def of(config) -> BuildContext:
    """The context the content hook made for this build."""
    found = getattr(config, ATTRIBUTE, None)
    if found is None:
        raise NoContext("The content hook (scripts/hooks/content.py) must be listed first under hooks: in mkdocs.yml.")
    return found
