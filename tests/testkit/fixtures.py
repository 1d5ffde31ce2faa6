"""Data files of the tests' own (tests/fixtures/data/): frozen copies of a field catalogue and
two message templates, so tests of messages, line numbers and field positions never depend on
the live data/ a maintainer edits."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "data"


def data_dir(target: Path, templates: tuple[str, ...] = ("forgot",)) -> Path:
    """A data folder at ``target`` with the fixture catalogue and the named fixture templates."""
    (target / "templates").mkdir(parents=True)
    shutil.copy2(FIXTURE_DATA / "fields.yml", target / "fields.yml")
    for name in templates:
        shutil.copy2(FIXTURE_DATA / "templates" / f"{name}.yml", target / "templates" / f"{name}.yml")
    return target


def template_text(name: str) -> str:
    return (FIXTURE_DATA / "templates" / f"{name}.yml").read_text(encoding="utf-8")


def catalogue_text() -> str:
    return (FIXTURE_DATA / "fields.yml").read_text(encoding="utf-8")


# A small checklist for tests of how data files are read: {id} on line 1, {title} on line 2.
SAMPLE_CHECKLIST = """\
id: {id}
title: {title}
summary: Tick these.
sections:
  - title: The first hour
    items:
      - id: call
        text: Call the interviewer.
      - id: {second}
        text: Send an email.
"""


def checklist_text(**values: str) -> str:
    """SAMPLE_CHECKLIST with ``values`` in place of its defaults (a-list, "A list", email)."""
    return SAMPLE_CHECKLIST.format(**({"id": "a-list", "title": "A list", "second": "email"} | values))
