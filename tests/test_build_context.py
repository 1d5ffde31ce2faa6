"""The build context: data files read once per build, and a second branch built from a config
that inherits the main one (`make build CONFIG=...`)."""

from __future__ import annotations

import builtins
import collections
import html
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from sitegen import agency, translations
from sitegen.project import ROOT, copy_project

# Values a second branch gives every agency detail: none shares a word with the main site's.
BRANCH = {
    "name": "Sample Careers Tulsa",
    "phone": "(918) 555-0177",
    "email": "tulsa@example.org",
    "address": "9 Sample Avenue, Tulsa, OK 74103",
    "hours": "Tuesday to Saturday, 9 AM to 6 PM",
    "website": "https://tulsa.example.org/",
    "jobs_url": "https://tulsa.example.org/openings/",
    "time_zone": "America/Denver",
    "city": "Tulsa",
    "state": "Oklahoma",
    "time_zone_name": "Mountain Time",
    "missed_interview_policy": "Your Tulsa recruiter calls you back within one working day.",
}


def _main_agency() -> dict[str, str]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return agency.details(config.extra, ROOT / "mkdocs.yml")


def test_every_data_file_is_read_once_per_build(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    reads: collections.Counter = collections.Counter()
    real_open = io.open

    def counting_open(file, *args, **kwargs):
        # Every way Python reads a file (open(), Path.read_text(), yaml on a path) ends here.
        if isinstance(file, (str, os.PathLike)):
            reads[Path(file).resolve()] += 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setenv("MIH_PDFS", "1")  # the PDFs used to load the checklists a second time
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    mkdocs_build(config)

    # Each edition reads what it needs once: the English build the English files; each other
    # edition its translations, and the English files once more to lay its words over them.
    data_files = {path.resolve() for path in (project / "data").rglob("*") if path.suffix.lower() in (".yml", ".yaml")}
    assert data_files, "the copy has no data files"
    assert {path for path in data_files if reads[path] == 0} == set(), "data files the build never read"
    editions = 1 + len(translations.LANGUAGES)
    expected = {path: 1 if translations.is_translation(project, path) else editions for path in data_files}
    expected[(project / "data" / "strings" / "en.yml").resolve()] = 1  # each edition reads its own catalogue
    wrong = {str(path.relative_to(project)): reads[path] for path in data_files if reads[path] != expected[path]}
    assert wrong == {}, f"data files read more than once per edition (each English file {editions} times, a translation once)"
    assert (tmp_path / "site" / "checklists" / "index.html").is_file()


def test_a_second_branch_builds_from_a_config_that_inherits_the_main_one(tmp_path):
    main = _main_agency()
    missing = set(main) - {"phone_tel"} - set(BRANCH)
    assert not missing, f"give the branch in this test a value for the new agency detail(s): {sorted(missing)}"
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    branch = {"INHERIT": "mkdocs.yml", "site_name": "Tulsa Interview Help",
              "extra": {"agency": {key: BRANCH[key] for key in main if key in BRANCH}}}
    (project / "tulsa.yml").write_text(yaml.safe_dump(branch, sort_keys=False), encoding="utf-8")

    env = dict(os.environ, MIH_PDFS="1")
    # The copy has no venv of its own: this one's Python, and its install step taken as done.
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "build", "CONFIG=tulsa.yml", f"PY={sys.executable}"],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-tulsa"
    assert (site / "contact" / "index.html").is_file(), "make build CONFIG=tulsa.yml writes site-tulsa/"
    assert not (project / "site").exists(), "the main site is not built by a branch build"

    old = {main[key] for key in ("name", "phone", "email", "address", "website", "jobs_url", "city") if key in main}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not [value for value in old if value in text], f"{page.relative_to(site)} still names the main site"
    contact = (site / "contact" / "index.html").read_text(encoding="utf-8")
    for key in ("name", "phone", "email", "missed_interview_policy"):
        assert BRANCH[key] in html.unescape(contact), key
    assert BRANCH["city"] in (site / "index.html").read_text(encoding="utf-8") + contact
