"""Every configuration value that reaches a page is checked or escaped (issue #22, item 7 and
the `<title>` item of 10), and links that lead out of the project stop the build (item 3).

- site_name, site_url, site_description and copyright are checked when the build context is
  made, each problem naming mkdocs.yml, the line and the field (sitegen.context);
- what passes is shown as text: quotes and & in the description, the site's name and a
  page's heading read the same in <title>, the header and the 404 page;
- a symbolic link in docs/, data/ or overrides/ that points outside the project stops the build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from sitegen import context
from sitegen.project import ROOT
from testkit.project_data import data_paths

KEYS = ("site_name", "site_url", "site_description", "copyright")  # lines 1 to 4 of the test's mkdocs.yml
GOOD = {"site_name": "Jobs & Careers: Joe's desk", "site_url": "https://advice.example.com/",
        "site_description": 'Q&A about "missed" interviews <and> what to do', "copyright": 'Free to share. <a href="https://example.com/">Who we are</a>'}
GZIP_CACHE = str(ROOT / ".cache" / "gzip")  # content-keyed: shared safely with the project's own builds


def _problems(tmp_path: Path, **changes: str) -> dict[str, str]:
    """settings_problems for GOOD with ``changes``, as {field: 'line: message'}; mkdocs.yml
    holds each setting on its own line (1 to 4), written as JSON strings."""
    values = GOOD | changes
    config = tmp_path / "mkdocs.yml"
    config.write_text("".join(f"{key}: {json.dumps(values[key])}\n" for key in KEYS), encoding="utf-8")
    settings = SimpleNamespace(**values)
    return {p.field: f"{p.line}: {p.message}" for p in context.settings_problems(settings, config)}


def test_the_good_settings_pass(tmp_path):
    assert _problems(tmp_path) == {}


@pytest.mark.parametrize("value", [
    'The "best" help', "Help <b>now</b>", "Help &amp; more", "Help &copy", "Call {{ agency.phone }}",
    "Two\u200bwords", "Tab\x85here", "", "x" * 81, "<script>alert(1)</script>",
])
def test_a_site_name_that_would_be_markup_is_refused(tmp_path, value):
    found = _problems(tmp_path, site_name=value)
    assert list(found) == ["site_name"] and found["site_name"].startswith("1: "), found


@pytest.mark.parametrize("value", [
    "", 'https://advice.example.com/"><script>alert(1)</script>', "https://exa mple.com/", "ftp://example.com/",
    "//example.com/", "https://", "javascript:alert(1)", "https://example.com/?q=1", "https://example.com/#top",
    "https://-/", "https://example.com/a'b",
])
def test_a_site_url_that_is_not_an_address_the_site_can_have_is_refused(tmp_path, value):
    found = _problems(tmp_path, site_url=value)
    assert list(found) == ["site_url"] and found["site_url"].startswith("2: "), found
    assert "https://advice.example.com/" in found["site_url"]  # the right form, as an example


@pytest.mark.parametrize("value", ["https://advice.example.com/", "http://127.0.0.1:8000/", "https://example.com/help/", "http://localhost:9/"])
def test_plain_site_urls_pass(tmp_path, value):
    assert _problems(tmp_path, site_url=value) == {}


def test_site_description_and_copyright_refuse_hidden_characters_and_scripts(tmp_path):
    assert list(_problems(tmp_path, site_description="Help\u202eplehe")) == ["site_description"]
    assert list(_problems(tmp_path, site_description="<script>alert(1)</script>")) == ["site_description"]
    found = _problems(tmp_path, copyright='<a href="/" onmouseover="alert(1)">Us</a>')
    assert list(found) == ["copyright"] and found["copyright"].startswith("4: scripts are not allowed in content")
    assert list(_problems(tmp_path, copyright="Free\x07 to share")) == ["copyright"]
    assert list(_problems(tmp_path, copyright='<p style="color: red">Us</p>')) == ["copyright"]


# --- through real builds of a copy ----------------------------------------------------------------

def _build(project: Path, out: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"MIH_PDFS": "0", "MIH_GZIP_CACHE": GZIP_CACHE}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


def _set(project: Path, key: str, value: str) -> int:
    """Write ``key: value`` over mkdocs.yml's top-level line for ``key``; its line number."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[number] = f"{key}: {value}"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def test_an_empty_or_broken_site_url_stops_the_build_with_its_line(project_copy, tmp_path):
    line = _set(project_copy, "site_url", '""')
    result = _build(project_copy, tmp_path / "empty")
    assert result.returncode != 0 and f"mkdocs.yml:{line}: field 'site_url': set site_url" in result.stderr, result.stderr
    _set(project_copy, "site_url", "'https://advice.example.com/\" onload=\"x'")
    result = _build(project_copy, tmp_path / "quote")
    assert result.returncode != 0 and f"mkdocs.yml:{line}: field 'site_url'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


class _Text(HTMLParser):
    """The text of <title>, of the first <h1>, and the content of the description meta tags."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.title = self.h1 = ""
        self.descriptions: list[str] = []
        self.head_tags: list[str] = []
        self._in, self._head = None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self._head = True
        elif self._head:
            self.head_tags.append(tag)
        if tag == "meta" and values.get("name") == "description":
            self.descriptions.append(values.get("content") or "")
        if tag == "title" or (tag == "h1" and not self.h1):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == "head":
            self._head = False
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def test_the_title_the_header_and_the_404_page_show_the_settings_as_written(project_copy, tmp_path):
    """A title written with &-codes reads the same in the tab as on the page; the site's
    name with & and ' is shown as typed; quotes and angle brackets in the description stay
    text in every page's <head>, the 404 page's too."""
    name, description = "Jobs & Help's Desk", 'Q&A about "missed" interviews: <b>what</b> to do'
    _set(project_copy, "site_name", f'"{name}"')
    _set(project_copy, "site_description", "'" + description.replace("'", "''") + "'")
    checklist = data_paths("checklists", project_copy)[0]
    title = 'Q&amp;A: "quotes" & more'  # a maintainer who typed an &-code: shown as typed
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(re.sub(r"^title: .*$", "title: '" + title + "'", text, count=1, flags=re.M), encoding="utf-8")
    checklist_id = yaml.safe_load(text)["id"]
    out = tmp_path / "out"
    result = _build(project_copy, out)
    assert result.returncode == 0, result.stderr
    page = _Text((out / "checklists" / checklist_id / "index.html").read_text(encoding="utf-8"))
    assert page.h1 == title
    assert page.title == f"{title} - {name}", "the tab reads as the page does"
    not_found = _Text((out / "404.html").read_text(encoding="utf-8"))
    assert not_found.descriptions == [description], "the 404 page's description is text"
    assert "b" not in not_found.head_tags
    home = (out / "index.html").read_text(encoding="utf-8")
    assert _Text(home).title == name
    assert f'aria-label="{name}"' in home.replace("&amp;", "&").replace("&#39;", "'")


def test_links_out_of_the_project_are_named(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "docs" / "assets").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "overrides").mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the web")
    (project / "docs" / "inside.md").write_text("# Inside\n")
    (project / "docs" / "ok.md").symlink_to(project / "docs" / "inside.md")  # inside: fine
    (project / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    (project / "docs" / "assets" / "everything").symlink_to(outside)
    (project / "data" / "x.yml").symlink_to("/etc/hostname")
    (project / "overrides" / "gone.html").symlink_to(outside / "no-such-file")
    (project / "docs" / "loop").symlink_to(project / "docs")  # inside, and back up the tree
    found = {p.path.relative_to(project).as_posix(): p.message for p in
             context.outside_links(project, [project / "docs", project / "data", project / "overrides"])}
    assert set(found) == {"docs/secret.txt", "docs/assets/everything", "data/x.yml", "overrides/gone.html"}
    assert all("outside the project" in message for message in found.values())


def test_a_link_out_of_the_project_stops_the_build(project_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("private")
    link = project_copy / "docs" / "assets" / "private.txt"
    link.symlink_to(outside)
    result = _build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/assets/private.txt:1: this is a link to" in result.stderr and "outside the project" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "assets" / "private.txt").exists()
