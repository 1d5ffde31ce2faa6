"""Every built page has zero errors from the Nu HTML Checker (vnu.jar, from package.json)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitegen.project import CHECKOUT
from testkit.system_packages import install_command

# Installed by `npm ci` into this checkout (not part of a project copy).
VNU = CHECKOUT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A short run: the JIT's quick tier only (C1) starts in well under half the time; the checker
# then needs a bigger thread stack than the default, as it says itself when it runs out.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss4m"]
INVALID = '<!doctype html><html lang="en"><title>x</title><p><div></p>'


def _java() -> str:
    """Java from the PATH, installed with apt-get when we are root (as on CI)."""
    found = install_command("java", "default-jre-headless")
    if not found:
        pytest.fail("The HTML check needs Java: install a JRE (apt-get install default-jre-headless).", pytrace=False)
    return found


def vnu_errors(files: list[Path]) -> dict[Path | None, list[str]]:
    """The checker's errors for each file, from one run (Java starts once for all of them)."""
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci` (make test does it).", pytrace=False)
    command = [_java(), *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except ValueError:
        pytest.fail(f"the checker did not answer in JSON:\n{result.stdout}\n{result.stderr}", pytrace=False)
    errors: dict[Path | None, list[str]] = {}
    for m in messages:
        path = Path(unquote(urlsplit(m["url"]).path)) if m.get("url") else None
        errors.setdefault(path, []).append(f"{path.name if path else '?'}:{m.get('lastLine')}: {m['message']}")
    return errors


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory) -> tuple[Path, Path, dict]:
    """One checker run over every built page plus a file that is invalid on purpose."""
    invalid = tmp_path_factory.mktemp("invalid") / "invalid.html"
    invalid.write_text(INVALID, encoding="utf-8")
    return built_site, invalid, vnu_errors([*sorted(built_site.rglob("*.html")), invalid])


def test_every_page_is_valid_html(checked):
    site, invalid, errors = checked
    site_errors = {
        (path.relative_to(site).as_posix() if path and path.is_relative_to(site) else str(path)): found
        for path, found in errors.items()
        if path != invalid
    }
    assert site_errors == {}


def test_checker_reports_invalid_html(checked):
    """The same run that passed the site finds the invalid file's error."""
    _, invalid, errors = checked
    assert errors.get(invalid), f"no error reported for {INVALID!r}"
