"""vnu 0 and CSP violations 0 on a hostile build (issue #22, "What it must show").

Every configuration value that reaches a page (site_name, site_description, copyright, the
agency's words) and every word field of every data file (checklists, situations, message
templates, the field catalogue) holds quotes, ampersands, a tab, and angle brackets wherever
a field allows them (the description and copyright; data text refuses them, as
tests/test_text_is_text.py shows). The built site must pass the Nu HTML Checker with no error,
and every page must load in Chromium, served by nginx under the site's own policy, with no
Content-Security-Policy violation.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from test_html_valid import vnu_errors
from test_text_is_text import NOT_WORDS, _set, _strings

from sitegen.datafiles import data_files
from sitegen.project import ROOT
from testkit import nginx, recipes
from testkit.site_pages import page_urls

# Allowed in one-line text: quotes, &, a tab; angle brackets are not (data text is plain).
WORDS = 'Q&A "quoted" \'single\' & more\tafter a tab'
# Where HTML is allowed or everything is escaped: angle brackets and &-codes too.
MARKUPISH = 'Q&A "quoted" <b>bold?</b> &amp; &lt;x&gt; \'single\'\tafter a tab'
SITE_NAME = "Jobs & 'Help' Desk"
COPYRIGHT = 'Advice from {{ agency.name }}. Q&amp;A &quot;quoted&quot; &lt;b&gt; <em>kept</em> \'single\''


def _word_fields(data) -> list[tuple]:
    return [loc for loc, _ in _strings(data) if not (set(map(str, loc)) & NOT_WORDS) and "link" not in loc[-2:-1]
            and loc[-1] != "example"]


def _hostile_data(project: Path) -> int:
    """Every word field of every data file gets WORDS: a one-line text becomes it, a longer
    one starts with it (its placeholders and paragraphs kept). Returns how many were changed."""
    changed = 0
    paths = [project / "data" / "fields.yml"] + [path for kind in ("checklists", "situations", "templates")
                                                  for path in data_files(project / "data" / kind)]
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        values = dict(_strings(data))
        for loc in _word_fields(data):
            value = values[loc]
            if "\n" in value.strip() or "{" in value or "[" in value:
                _set(data, loc, WORDS + ("\n\n" if "\n\n" in value else " ") + value)
            else:
                _set(data, loc, WORDS)
            changed += 1
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return changed


def _hostile_config(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in (("site_name", SITE_NAME), ("site_description", MARKUPISH), ("copyright", COPYRIGHT)):
        text = re.sub(rf"^{key}: .*$", f"{key}: {json.dumps(value)}", text, count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    written = recipes.set_agency(project, {key: json.dumps(WORDS) for key in ("name", "address", "hours", "city", "state")}
                                 | {"time_zone_name": json.dumps("Central \"Time\" & co")})
    assert {"name", "address", "hours"} <= set(written), written


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(site folder, its URL on nginx): the hostile copy, built for nginx's address."""
    from sitegen.project import copy_project

    folder = tmp_path_factory.mktemp("hostile")
    project = copy_project(folder / "project")
    assert _hostile_data(project) > 50
    _hostile_config(project)
    server = nginx.bind()
    site = folder / "site"
    env = dict(os.environ, MIH_PDFS="0", SITE_URL=server.url, MIH_GZIP_CACHE=str(ROOT / ".cache" / "gzip"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        server.stop()
        pytest.fail(f"the hostile build failed:\n{result.stderr}", pytrace=False)
    yield site, server.start(site)
    server.stop()


def test_the_hostile_build_has_zero_html_errors(hostile):
    site, _url = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    errors = {str(path.relative_to(site) if path and path.is_relative_to(site) else path): found
              for path, found in vnu_errors(pages).items()}
    assert errors == {}
    # The values are there, as text: the description in the 404 page's <head>, the words in
    # the pages made from data.
    assert _Meta((site / "404.html").read_text(encoding="utf-8")).description == MARKUPISH
    checklist = next((site / "checklists").glob("*/index.html"))
    assert WORDS.split("\t")[0] in _Meta(checklist.read_text(encoding="utf-8")).text


class _Meta(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.description, self.text = None, ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content")

    def handle_data(self, data):
        self.text += data


RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
    `${e.effectiveDirective} ${e.blockedURI || "inline"} ${e.sample}`), true);
"""


def test_every_hostile_page_loads_with_zero_csp_violations(hostile, browser):
    site, url = hostile
    context = browser.new_context(base_url=url)
    context.add_init_script(RECORD)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        found = {}
        for address in page_urls(site):
            page.goto(address, wait_until="load")
            violations = page.evaluate("window.__violations")
            if violations:
                found[address] = violations
        assert found == {}
        assert errors == []
    finally:
        context.close()
