"""Every built page has zero errors from the Nu HTML Checker (vnu.jar, from package.json)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from testkit.system_packages import install_command

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _java() -> str:
    """Java from the PATH, installed with apt-get when we are root (as on CI)."""
    found = install_command("java", "default-jre-headless")
    if not found:
        pytest.fail("The HTML check needs Java: install a JRE (apt-get install default-jre-headless).", pytrace=False)
    return found


def vnu_errors(files: list[Path]) -> list[str]:
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci` (make test does it).", pytrace=False)
    command = [_java(), "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').rsplit('/site', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_page_is_valid_html(built_site):
    assert vnu_errors(sorted(built_site.rglob("*.html"))) == []


def test_checker_reports_invalid_html(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><p><div></p>')
    assert vnu_errors([bad]) != []
