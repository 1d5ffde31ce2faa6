"""The README's maintainer recipes, done as a maintainer who never touches Python would do them
(issue #20): in a throw-away copy, rebrand to another city and time zone, add a checklist, a
message template and a guide page, and rename a page with its redirect, editing only YAML and
Markdown (testkit/recipes.py). The copy then builds strictly with its PDFs, and the suite's own
checks of the real site pass against it with no test edited: a pytest run of those checks with
MIH_PROJECT_ROOT pointing at the copy.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import sitegen.pdfs as pdfs
from sitegen.project import CHECKOUT, PROJECT_PARTS, RECORD_PARTS, ROOT
from testkit import recipes
from testkit.site_pages import page_file, url_of

ADDED = recipes.plan(ROOT)  # the names the recipes add, and the page they rename
# The suite's checks of the real site that need no browser, and a few quick browser ones that
# follow the agency's details. Run with -m "real_site and not builds_copy" (tests/conftest.py).
REAL_SITE_CHECKS = [
    "tests/test_links_never_break.py",
    "tests/test_links.py",
    "tests/test_readability.py",
    "tests/test_site_build.py",
    "tests/test_checklists_data.py",
    "tests/test_templates_data.py",
    "tests/test_situations_data.py",
    "tests/test_pdfs.py",
    "tests/test_search_index.py",
    "tests/test_share_cards.py",
    "tests/test_security.py",
    "tests/test_site_browser.py::test_every_built_page_is_checked",
    "tests/test_site_browser.py::test_print_shows_full_addresses_outside_and_short_paths_inside",
    "tests/test_print_browser.py::test_every_page_carries_its_print_footer_with_its_own_address",
    "tests/test_templates_browser.py::test_date_fields_read_as_words_with_their_time_zone",
    "tests/test_templates_browser.py::test_new_interview_calendar_file_is_valid_and_on_time",
    "tests/test_templates_browser.py::test_clear_puts_the_zone_back_to_the_agency_zone",
]

pytestmark = [
    pytest.mark.builds_copy,  # never part of a run against a copy (no recursion)
    pytest.mark.skipif(recipes.already_applied(ROOT, ADDED), reason="this project is a recipes copy already"),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with every README recipe applied."""
    return recipes.make(tmp_path_factory.mktemp("recipes") / "project", ROOT)


@pytest.fixture(scope="module")
def built(project, tmp_path_factory) -> dict:
    """A strict build of the copy, PDFs on, for the address the checks below will serve it on,
    so their own build of it takes every PDF from the same cache."""
    port, cache = _free_port(), tmp_path_factory.mktemp("pdf-cache")
    out = tmp_path_factory.mktemp("recipes-site") / "site"
    env = dict(os.environ, MIH_PDFS="1", MIH_PDF_CACHE=str(cache), SITE_URL=f"http://127.0.0.1:{port}/")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"the recipes broke the strict build:\n{result.stdout}\n{result.stderr}"
    return {"site": out, "port": port, "cache": cache}


def _digests(root: Path) -> dict[str, str]:
    """Every file of the project parts a recipe may touch, by path, with a hash of its bytes."""
    found = {}
    for part in PROJECT_PARTS + RECORD_PARTS:
        base = root / part
        for path in [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()):
            if "__pycache__" not in path.parts:
                found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_the_recipes_edit_only_yaml_and_markdown(project):
    before, after = _digests(ROOT), _digests(project)
    touched = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert touched, "the recipes changed nothing"
    assert {Path(path).suffix for path in touched} <= {".yml", ".yaml", ".md"}, sorted(touched)
    assert {"mkdocs.yml", ADDED.checklist_file, f"data/templates/{ADDED.template_id}.yml", f"docs/{ADDED.guide_page}"} <= touched


def test_the_rebrand_reaches_every_detail(project):
    from testkit.project_data import agency

    details = agency(project)
    written = {key: value for key, value in recipes.REBRAND.items() if key in details}
    assert {key: details[key] for key in written} == written
    assert {"name", "phone", "email", "address", "hours", "website", "jobs_url", "time_zone"} <= set(written)


def test_the_copy_builds_with_the_new_pages_the_redirect_and_the_pdfs(built):
    site = built["site"]
    for url in (f"checklists/{ADDED.checklist_id}/", f"templates/{ADDED.template_id}/", url_of(ADDED.guide_page), url_of(ADDED.renamed_to)):
        assert page_file(site, url).is_file(), f"no page /{url}"
    old = page_file(site, url_of(ADDED.renamed_from)).read_text(encoding="utf-8")
    target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', old)
    assert target and target.group(1).rstrip("/").endswith(url_of(ADDED.renamed_to).rstrip("/")), "the old address redirects to the new page"
    assert (site / pdfs.checklist_pdf(ADDED.checklist_id)).is_file(), "the new checklist has its handout"
    contact = page_file(site, "contact/").read_text(encoding="utf-8")
    assert recipes.REBRAND["phone"] in contact and recipes.REBRAND["jobs_url"] in contact


def _child_env(built: dict, project: Path) -> dict[str, str]:
    """This environment, pointed at the copy, without the parent pytest's own variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "MIH_"))}
    env.update(MIH_PROJECT_ROOT=str(project), MIH_TEST_PORT=str(built["port"]), MIH_PDF_CACHE=str(built["cache"]))
    return env


def test_the_real_site_checks_pass_on_the_copy_with_no_test_edited(built, project):
    command = [sys.executable, "-m", "pytest", *REAL_SITE_CHECKS, "-m", "real_site and not builds_copy",
               "-q", "-rA", "-p", "no:cacheprovider", "-o", "addopts="]
    result = subprocess.run(command, cwd=CHECKOUT, env=_child_env(built, project), capture_output=True, text=True)
    report = result.stdout + result.stderr
    assert result.returncode == 0, "the real-site checks failed on the copy:\n" + report[-6000:]
    passed = set(re.findall(r"^PASSED (\S+)", report, re.M))
    # The new pages are checked like the old ones, with no test edited.
    assert f"tests/test_readability.py::test_guide_page_reads_at_grade_8_or_lower[{ADDED.guide_page}]" in passed
    assert f"tests/test_readability.py::test_guide_page_reads_at_grade_8_or_lower[{ADDED.renamed_to}]" in passed
    assert f"tests/test_readability.py::test_first_pages_read_at_grade_8_or_lower[templates/{ADDED.template_id}.md]" in passed
    assert f"tests/test_checklists_data.py::test_checklist_page_reads_at_grade_8_or_lower[checklists/{ADDED.checklist_id}.md]" in passed
    assert f"tests/test_pdfs.py::test_checklist_handout_is_one_blank_page_with_every_item_and_the_phone[{Path(ADDED.checklist_file).stem}]" in passed
