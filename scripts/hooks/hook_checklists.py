"""MkDocs hook: one page per checklist in data/checklists/, plus checklists/index.md.

The data is checked in ``on_config`` (a broken file stops the build before anything is
written), the pages are added in ``on_files``, and item links are checked in ``on_nav``,
once every hook has added its pages. Logic and models live in ``sitegen.checklists``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from sitegen import checklists
from sitegen.datafiles import DataFileError
from sitegen.nav import NavError

_loaded: checklists.Loaded = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs after hook_agency's on_config, so the agency's keys are known for the token check.
    folder = Path(config.config_file_path).parent / "data" / checklists.FOLDER
    try:
        _loaded[:] = checklists.load(folder, agency_keys=config.extra.get("agency", {}).keys())
        checklists.add_to_nav(config.nav, [checklist for _, checklist in _loaded])
    except (DataFileError, NavError) as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Pages are generated in memory: nothing is written into docs/, and data files stay unpublished.
    env = config.theme.get_env()
    page, index = env.get_template("partials/checklist.html"), env.get_template("partials/checklist-index.html")
    urls = config.use_directory_urls
    for located, checklist in _loaded:
        content = checklists.render_page(checklist, template=page, use_directory_urls=urls)
        file = File.generated(config, checklists.page_path(checklist), content=content)
        file.edit_uri = f"../data/{checklists.FOLDER}/{located.path.name}"  # "edit" opens the data file
        files.append(file)
    content = checklists.render_index([c for _, c in _loaded], template=index, use_directory_urls=urls)
    files.append(File.generated(config, checklists.INDEX, content=content))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # Links are raw HTML, which MkDocs does not check; check them here with the data file's line.
    def page_exists(src: str) -> bool:
        file = files.get_file_from_path(src)
        return file is not None and file.is_documentation_page()

    try:
        checklists.check_links(_loaded, page_exists)
    except DataFileError as error:
        raise PluginError(str(error)) from None
    return nav
