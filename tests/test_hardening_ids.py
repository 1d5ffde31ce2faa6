"""No id appears twice on a built page (issue #22, item 10): a build-time check over every
page, with one HTML parser (sitegen.security.PageScan), that names the page and the id, and,
for an id that comes from a data file (a situation step, a message field), the file and line.

The ids a template writes are read from the real built pages, and the ids from data from the
data files, so the cases follow the project as it is.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from sitegen.datafiles import line_index
from sitegen.model import SLUG_PATTERN
from sitegen.project import ROOT
from sitegen.security import PageScan
from testkit.project_data import data_paths
from testkit.site_pages import url_of

GZIP_CACHE = str(ROOT / ".cache" / "gzip")  # content-keyed: shared safely with the project's own builds


def _build(project: Path, out: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"MIH_PDFS": "0", "MIH_GZIP_CACHE": GZIP_CACHE}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                          cwd=project, capture_output=True, text=True, env=env)


def _situation(project: Path) -> tuple[Path, dict]:
    path = data_paths("situations", project)[0]
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _set_step_id(path: Path, index: int, new: str) -> int:
    """Give step ``index`` the id ``new``, editing its line as a maintainer would; the line."""
    line = line_index(path)[("steps", index, "id")]
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = re.sub(r"id:\s*\S+", f"id: {new}", lines[line - 1], count=1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line


def test_the_real_site_has_no_id_twice(built_site):
    for page in sorted(built_site.rglob("*.html")):
        assert PageScan(page.read_text(encoding="utf-8")).duplicates == {}, page


def test_two_steps_with_one_id_stop_the_build_at_both_lines(project_copy, tmp_path):
    path, situation = _situation(project_copy)
    first = situation["steps"][0]["id"]
    first_line = line_index(path)[("steps", 0, "id")]
    second_line = _set_step_id(path, 1, first)
    result = _build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    shown = path.relative_to(project_copy).as_posix()
    for line in (first_line, second_line):
        assert f"{shown}:{line}" in result.stderr, result.stderr
    assert f"'{first}'" in result.stderr and "Traceback" not in result.stderr


def test_a_step_id_that_the_page_template_uses_stops_the_build(project_copy, tmp_path, built_site):
    """Take an id the situation page writes itself (not a step's, not Material's, not the
    title's) and give it to a step."""
    path, situation = _situation(project_copy)
    page = built_site / url_of(f"situations/{situation['id']}.md") / "index.html"
    scan = PageScan(page.read_text(encoding="utf-8"))
    steps = {step["id"] for step in situation["steps"]}
    title_id = re.search(r'<h1 id="([^"]+)"', page.read_text(encoding="utf-8"))
    written = [i for i in scan.ids if i not in steps and not i.startswith("_") and re.fullmatch(SLUG_PATTERN, i)
               and (title_id is None or i != title_id.group(1))]
    assert written, "the situation page writes no id of its own to collide with"
    line = _set_step_id(path, 0, written[0])
    result = _build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"the id '{written[0]}' is used 2 times" in result.stderr, result.stderr
    assert f"{path.relative_to(project_copy).as_posix()}:{line}: field 'steps.0.id'" in result.stderr, result.stderr


def test_a_field_id_that_the_message_page_uses_stops_the_build_naming_the_data(project_copy, tmp_path, built_site):
    """The message pages write 'tpl-f-<field id>' for each field and the same prefix for a
    control of their own (a time zone menu): a field named like that control clashes."""
    catalogue = project_copy / "data" / "fields.yml"
    fields = [field["id"] for field in yaml.safe_load(catalogue.read_text(encoding="utf-8"))["fields"]]
    template = next(path for path in data_paths("templates", project_copy)
                    if any("_" in field["id"] for field in yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]))
    page = built_site / "templates" / yaml.safe_load(template.read_text(encoding="utf-8"))["id"] / "index.html"
    own = [i.removeprefix("tpl-f-") for i in PageScan(page.read_text(encoding="utf-8")).ids
           if i.startswith("tpl-f-") and i.removeprefix("tpl-f-") not in fields]
    assert own, "the message page writes no control of its own beside the fields"
    clash = own[0]
    old = next(field["id"] for field in yaml.safe_load(template.read_text(encoding="utf-8"))["fields"] if "_" in field["id"])
    for path in [catalogue, *data_paths("templates", project_copy)]:  # rename the field everywhere
        path.write_text(re.sub(rf"\b{re.escape(old)}\b", clash, path.read_text(encoding="utf-8")), encoding="utf-8")
    result = _build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"the id 'tpl-f-{clash}' is used 2 times" in result.stderr, result.stderr
    assert f"data/fields.yml:" in result.stderr and f"('{clash}')" in result.stderr, result.stderr
