"""MkDocs hook: turn data/templates/*.yml into one page per scenario plus templates/index.md.

The data is checked in ``on_config``, before anything is written, so a broken file stops the
build with one message that names every file, line and field at fault.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from sitegen import nav, templates
from sitegen.datafiles import DataFileError

INDEX = "templates/index.md"
_state: dict[str, templates.Loaded] = {}


def on_config(config):
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        loaded = templates.load(data_dir)
    except DataFileError as error:
        raise PluginError(str(error)) from None
    _state["loaded"] = loaded
    try:
        nav.add_pages(config.nav, INDEX, [(t.title, _uri(t.id)) for t in loaded.templates])
    except nav.NavError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files, config):
    loaded = _state["loaded"]
    env = config.theme.get_env()
    for template in loaded.templates:
        page = File.generated(config, _uri(template.id), content=templates.render_page(env, template, loaded.catalogue))
        # The "edit" link should open the data file, not a page that does not exist in docs/.
        page.edit_uri = f"../data/templates/{loaded.paths[template.id].name}"
        _replace(files, page)
    _replace(files, File.generated(config, INDEX, content=templates.render_index(env, loaded.templates)))
    return files


def _uri(template_id: str) -> str:
    return f"templates/{template_id}.md"


def _replace(files, file: File) -> None:
    """A generated page wins over a stray docs/ file of the same name, without a duplicate warning."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
