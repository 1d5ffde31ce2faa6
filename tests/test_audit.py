"""Lighthouse, mobile profile, through nginx: accessibility, best practices and SEO at 100 on
the home page, a guide, a situation, a checklist and a message template. Performance is
printed, not asserted: it varies from run to run on a shared machine.

One Lighthouse run per page, about 12 s each, so these run with `make audit` (RUN_LIGHTHOUSE=1)
and in CI's audit step, not in `make test`.
"""

from __future__ import annotations

import importlib.util
import os
import time

import pytest

from sitegen.project import ROOT

_spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "tools" / "audit.py")
audit_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_tool)
CATEGORIES, PAGES = audit_tool.CATEGORIES, audit_tool.PAGES

pytestmark = pytest.mark.skipif(os.environ.get("RUN_LIGHTHOUSE") != "1",
                                reason="Lighthouse takes about a minute: make audit runs it (RUN_LIGHTHOUSE=1)")


@pytest.fixture(scope="module")
def scores(site_url, built_site) -> dict[str, dict]:
    """Lighthouse on every page of audit.PAGES. With RUN_LIGHTHOUSE=1 a missing page or a
    missing browser fails (audit.chrome_path raises AuditError): only the switch itself skips."""
    missing = [page for page in PAGES if not audit_tool.page_exists(built_site, page)]
    assert missing == [], f"pages to audit that are not in the build: {missing}"
    audit_tool.chrome_path()
    started = time.monotonic()
    results = audit_tool.audit(site_url, PAGES)
    print(f"\n{audit_tool.table(results)}\nLighthouse: {len(PAGES)} pages in {time.monotonic() - started:.0f} s")
    return results


@pytest.mark.parametrize("page", PAGES)
def test_accessibility_best_practices_and_seo_score_100(page, scores, built_site):
    assert page in scores, f"/{page} was not audited"
    got = {category: scores[page][category] for category in CATEGORIES[1:]}
    assert got == {category: 100 for category in CATEGORIES[1:]}, scores[page]["audits"]
