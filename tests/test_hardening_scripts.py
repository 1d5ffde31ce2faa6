"""Content scripts are refused, not hashed (issue #22, item 2 and the script half of item 7).

The Content-Security-Policy hashes exactly the inline scripts the theme writes, found by what
they are (sitegen.security.THEME_SCRIPTS names each theme template; the build reads the
script's text from it). A <script>, an event handler or a javascript: link in a guide, in
``copyright`` or ``site_name`` stops every build with the file and the line, saying that
scripts are not allowed in content; and no edit of the allow-list lets such a script through.
Each case builds a copy of the project of its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build

from sitegen import security
from sitegen.security import SCRIPTS_NOT_ALLOWED, inline_scripts, script_hash, site_pages, theme_scripts
from testkit.project_data import guide_pages, mkdocs_config

FOREIGN = "alert(document.cookie)"


def _theme_dirs() -> list[Path]:
    return [Path(folder) for folder in mkdocs_config().theme.dirs]


def _guide(project: Path) -> tuple[str, Path]:
    """A hand-written guide page of the project (docs path, file): the last one in the nav."""
    src = [page for page in guide_pages(project) if page != "index.md"][-1]
    return src, project / "docs" / src


def _append(path: Path, lines: list[str]) -> list[int]:
    """Add ``lines`` at the end of a Markdown file, each as its own paragraph; their line numbers."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    numbers = []
    for line in lines:
        text += "\n" + line + "\n"
        numbers.append(text.count("\n"))
    path.write_text(text, encoding="utf-8")
    return numbers


def _palette_script() -> str:
    """The text of Material's own palette restorer, as the theme writes it into every page."""
    (known,) = [script for script in theme_scripts(_theme_dirs()) if "palette" in script.name]
    text = known.template.read_text(encoding="utf-8")
    return re.search(r"<script>(.*?)</script>", text, re.DOTALL).group(1)


# --- the real site ------------------------------------------------------------------------------

def test_the_policy_hashes_exactly_the_themes_own_scripts(built_site):
    """Every inline script of every page is one THEME_SCRIPTS names, and the policy in each
    page lists the hashes of those scripts and no other."""
    known = theme_scripts(_theme_dirs())
    assert {script.name for script in known} == set(security.THEME_SCRIPTS)
    used = set()
    for page in site_pages(built_site):
        for source in inline_scripts(page.read_text(encoding="utf-8")):
            assert any(script.matches(source) for script in known), f"{page}: {source[:60]}"
            used.add(script_hash(source))
    policy = next(page for page in site_pages(built_site) if page.name == "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', policy).group(1)))
    assert listed == used and used


def test_a_theme_script_is_known_by_its_template_not_by_its_text():
    """The pattern of a theme script allows a plain value where the template has {{ ... }},
    and nothing that could end the string it sits in."""
    (helpers,) = [script for script in theme_scripts(_theme_dirs()) if "storage" in script.name]
    text = re.search(r"<script>(.*?)</script>", helpers.template.read_text(encoding="utf-8"), re.DOTALL).group(1)
    rendered = re.sub(r"\{\{.*?\}\}", "/", text)
    assert helpers.matches(rendered)
    assert not helpers.matches(re.sub(r"\{\{.*?\}\}", '/");alert(1);("', text))
    assert not helpers.matches(rendered + ";" + FOREIGN)


@pytest.mark.parametrize("entry", [
    f"<script>{FOREIGN}</script>",  # the script's own text
    script_hash(FOREIGN),  # its hash
    "../docs/index.md",  # a page of content
    "partials/no-such-template.html",  # a template the theme does not have
])
def test_an_allow_list_entry_must_be_a_theme_template_that_writes_a_script(entry):
    with pytest.raises(security.ThemeScriptError):
        theme_scripts(_theme_dirs(), {**security.THEME_SCRIPTS, "the foreign one": entry})


def test_content_is_checked_whatever_the_allow_list_says(monkeypatch):
    """content_problems never reads THEME_SCRIPTS: Material's own palette script is refused in
    content like any other."""
    monkeypatch.setitem(security.THEME_SCRIPTS, "the foreign one", "partials/javascripts/palette.html")
    for html in (f"<script>{FOREIGN}</script>", f"<p>Hi</p>\n<script>{_palette_script()}</script>"):
        found = security.content_problems(html)
        assert found and all(SCRIPTS_NOT_ALLOWED in f.advice for f in found), html


# --- builds that must stop ------------------------------------------------------------------------

def _failed(project: Path, out: Path) -> str:
    result = build(project, out)
    assert result.returncode != 0, "the build should have stopped"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_a_script_handler_or_javascript_link_in_a_guide_stops_the_build_with_file_and_line(project_copy, tmp_path):
    src, path = _guide(project_copy)
    lines = _append(path, [
        f"<script>{FOREIGN}</script>",
        '<button type="button" onclick="alert(1)">Go</button>',
        "[Go on](javascript:alert(1))",
        f"<script>{_palette_script()}</script>",  # Material's own text, but in content
    ])
    message = _failed(project_copy, tmp_path / "out")
    for line in lines:
        assert f"docs/{src}:{line}: {SCRIPTS_NOT_ALLOWED}" in message, message
    assert "onclick" in message and "javascript:" in message
    assert not (tmp_path / "out" / "index.html").exists() or FOREIGN not in (tmp_path / "out" / "index.html").read_text()


def test_a_script_in_copyright_or_site_name_stops_the_build_with_its_line_in_mkdocs_yml(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^copyright: .*$", 'copyright: \'Free to share. <a href="javascript:alert(1)">More</a>\'', text, count=1, flags=re.M)
    text = re.sub(r"^site_name: .*$", f"site_name: Help<script>{FOREIGN}</script>", text, count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    lines = {key: next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:")) for key in ("copyright", "site_name")}
    message = _failed(project_copy, tmp_path / "out")
    for key, line in lines.items():
        assert re.search(rf"mkdocs\.yml:{line}: field '{key}': {SCRIPTS_NOT_ALLOWED}", message), message


def test_a_script_the_theme_does_not_write_stops_the_build_naming_the_template(project_copy, tmp_path):
    """A script added to the theme's overrides is not in THEME_SCRIPTS: every page refuses it."""
    main = project_copy / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("{% block content %}", "{% block content %}\n" + f"<script>{FOREIGN}</script>", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(main.read_text(encoding="utf-8").splitlines(), 1) if FOREIGN in row)
    message = _failed(project_copy, tmp_path / "out")
    assert f"overrides/main.html:{line}: {SCRIPTS_NOT_ALLOWED}" in message, message


RUN_WITH_ALLOW_LIST = """
import json, sys
import sitegen.security as security
security.THEME_SCRIPTS = json.loads(sys.argv[1])
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "-q", "-d", sys.argv[2]]
cli()
"""


def test_no_edit_of_the_allow_list_lets_a_guides_script_through(project_copy, tmp_path):
    """The real build, with THEME_SCRIPTS changed in every way that might allow the script
    (its text, its hash, the guide it is in, one more real theme template): each stops."""
    src, path = _guide(project_copy)
    (line,) = _append(path, [f"<script>{FOREIGN}</script>"])
    edits = {
        "its text": f"<script>{FOREIGN}</script>",
        "its hash": script_hash(FOREIGN),
        "its page": f"../docs/{src}",
        "a theme template": "partials/javascripts/palette.html",
    }
    for what, entry in edits.items():
        allowed = {**security.THEME_SCRIPTS, "the foreign one": entry}
        result = subprocess.run([sys.executable, "-c", RUN_WITH_ALLOW_LIST, json.dumps(allowed), str(tmp_path / what)],
                                cwd=project_copy, capture_output=True, text=True)
        assert result.returncode != 0, f"allowed with {what}"
        assert "Traceback" not in result.stderr, result.stderr
        if what == "a theme template":  # a valid list: the guide's own check stops it
            assert f"docs/{src}:{line}: {SCRIPTS_NOT_ALLOWED}" in result.stderr, result.stderr
        else:
            assert "THEME_SCRIPTS" in result.stderr, result.stderr
