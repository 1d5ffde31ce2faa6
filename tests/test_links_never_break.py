"""Every address once published keeps answering: each line of tests/published-urls.txt is a
page of the built site or a redirect to one, served with status 200; the short addresses staff
say on the phone lead to their situation page with the personal details still in the link.

The list grows by itself: `make build` (scripts/tools/build.py) adds each new address, so a new
page needs no edit here. A page renamed or removed without a redirect fails, with the
`redirect_maps:` line to add to mkdocs.yml (scripts/tools/published_urls.py).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from sitegen.project import ROOT
from testkit import recipes
from testkit.helpers import open_page
from testkit.project_data import guide_pages, ids_of, redirect_maps
from testkit.site_pages import page_file, url_of

_spec = importlib.util.spec_from_file_location("published_urls", ROOT / "scripts" / "tools" / "published_urls.py")
published_urls = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(published_urls)

LIST = ROOT / published_urls.LIST
ANCHORS = ROOT / "tests" / "published-anchors.txt"
# The short address of each situation page ("late/" leads to "situations/late/"), from the data.
SHORT = {situation_id: f"situations/{situation_id}/" for situation_id in ids_of("situations")}
resolve = published_urls.resolve


def published() -> list[str]:
    return published_urls.read_list(LIST)


def missing(site: Path, urls: list[str]) -> list[str]:
    return published_urls.lost(site, urls)


def test_every_published_address_is_a_page_or_redirect(built_site):
    urls = published()
    assert len(urls) == len(set(urls)), "an address is listed twice"
    advice = published_urls.redirect_advice(built_site, urls)
    assert not advice, advice


def test_a_page_that_disappears_without_a_redirect_is_caught(built_site, tmp_path):
    """Take a published guide page and a situation page out of a copy of the real site: every
    listed address that led to them is lost, and the advice names the redirect to add."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    guide = next(url_of(src) for src in guide_pages() if src != "index.md" and url_of(src) in published())
    situation = next(iter(SHORT.values()))
    expected = {url for url in published() if resolve(built_site, url) in (guide, situation)}
    assert {guide, situation, next(iter(SHORT)) + "/"} <= expected
    shutil.rmtree(site / guide)
    page_file(site, situation).unlink()
    assert set(missing(site, published())) == expected
    advice = published_urls.redirect_advice(site, published())
    assert f"\n        {published_urls.source_of(guide)}: " in advice and "redirect_maps:" in advice, advice


def _fixture_site(root: Path, pages: list[str], redirects: dict[str, str] = {}) -> Path:
    """A built site in miniature: one index.html per page, and MkDocs-style redirect pages."""
    for url in pages:
        page_file(root, url).parent.mkdir(parents=True, exist_ok=True)
        page_file(root, url).write_text(f"<h1>{url}</h1>", encoding="utf-8")
    for url, target in redirects.items():
        page_file(root, url).parent.mkdir(parents=True, exist_ok=True)
        page_file(root, url).write_text(f'<meta http-equiv="refresh" content="0; url=../{target}">', encoding="utf-8")
    (root / "404.html").write_text("<h1>Not found</h1>", encoding="utf-8")
    return root


def test_a_renamed_page_gets_the_redirect_line_to_add(tmp_path):
    site = _fixture_site(tmp_path / "site", ["", "contact/", "what-employers-think/"])
    advice = published_urls.redirect_advice(site, ["", "contact/", "employer-view/"])
    assert "no longer answer: /employer-view/" in advice
    assert "\n        employer-view.md: what-employers-think.md\n" in advice, advice


def test_the_closest_new_page_is_guessed_and_none_when_nothing_is_close(tmp_path):
    site = _fixture_site(tmp_path / "site", ["", "checklists/", "checklists/first-days/", "templates/thanks-again/", "zzz/"])
    advice = published_urls.redirect_advice(site, ["", "checklists/first-day/", "qqq-old/"])
    assert "        checklists/first-day.md: checklists/first-days.md" in advice, advice
    assert "        qqq-old.md: the-page-that-replaces-it.md" in advice, advice
    assert published_urls.redirect_advice(site, ["", "checklists/"]) == ""


def test_a_redirected_address_still_answers(tmp_path):
    site = _fixture_site(tmp_path / "site", ["", "situations/late/"], {"late/": "situations/late/"})
    assert missing(site, ["", "late/", "situations/late/"]) == []
    (site / "situations" / "late" / "index.html").unlink()
    assert missing(site, ["", "late/", "situations/late/"]) == ["late/", "situations/late/"]


def test_recording_adds_new_addresses_sorted_and_never_removes_a_line(tmp_path):
    site = _fixture_site(tmp_path / "site", ["", "b/", "a/", "checklists/", "checklists/new/"], {"short/": "b/"})
    listed = tmp_path / "published-urls.txt"
    listed.write_text("# Keep me.\n/\n/b/\n/gone-but-kept/\n", encoding="utf-8")
    added = published_urls.record(site, listed)
    assert sorted(added) == ["a/", "checklists/", "checklists/new/", "short/"]
    assert listed.read_text(encoding="utf-8") == "# Keep me.\n/a/\n/b/\n/checklists/\n/checklists/new/\n/gone-but-kept/\n/\n/short/\n"
    before = listed.read_text(encoding="utf-8")
    assert published_urls.record(site, listed) == [], "a second run adds nothing"
    assert listed.read_text(encoding="utf-8") == before


@pytest.mark.real_site
def test_the_list_is_sorted_as_the_recorder_writes_it():
    """So the first `make build` after a hand edit moves no line."""
    urls = published()
    assert urls == sorted(urls, key=published_urls._order), "sort tests/published-urls.txt (or run make build)"


def test_the_deploy_build_records_new_addresses_and_names_a_lost_one(project_copy):
    """`make build` in a project where a page was renamed without a redirect: the build still
    succeeds, prints the redirect line to add, and adds the new address to the list."""
    old = next(src for src in reversed(guide_pages(project_copy)) if src not in ("index.md", "contact.md"))
    new = "renamed-" + old
    recipes.rename_page(project_copy, old, new, redirect=False)
    env = dict(os.environ, MIH_PDFS="0")
    done = subprocess.run([sys.executable, "scripts/tools/build.py", "-q"], cwd=project_copy, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"        {old}: {new}" in done.stderr, done.stderr
    listed = published_urls.read_list(project_copy / published_urls.LIST)
    assert url_of(new) in listed and url_of(old) in listed, "added, and the old line kept"
    assert f"/{url_of(new)}" in done.stdout


@pytest.mark.real_site
def test_each_situation_has_its_short_address_in_the_one_place_for_redirects():
    maps = redirect_maps()
    short = {old.removesuffix(".md"): new.removesuffix(".md") + "/" for old, new in maps.items() if old.removesuffix(".md") in SHORT}
    assert short == SHORT, "each situation needs `<id>.md: situations/<id>.md` under redirect_maps in mkdocs.yml"


def test_every_published_address_answers_over_http(site_url):
    for url in published():
        with urllib.request.urlopen(site_url + url) as response:
            assert response.status == 200, url


@pytest.mark.parametrize("short", sorted(SHORT))
def test_short_address_leads_to_its_page_keeping_the_details(page, site_url, short, built_site):
    html = page_file(built_site, f"{short}/").read_text(encoding="utf-8")
    assert "<script>" not in html, "no inline script (CSP)"
    open_page(page, f"{short}/#your_name=Zo%C3%AB%20%26%20Co")
    page.wait_for_url(re.compile(re.escape(site_url + SHORT[short])))
    assert page.url.startswith(site_url + SHORT[short])
    assert page.evaluate("location.hash") in ("#your_name=Zo%C3%AB%20%26%20Co", "")  # a page may read and clear it
    assert page.watch.console_errors == []


def test_short_address_keeps_the_fragment_for_a_message_page(page, site_url):
    # The redirect script carries the fragment: checked on a page that does not clear it.
    open_page(page, "late/#step-x")
    page.wait_for_url(re.compile(re.escape(site_url + "situations/late/")))
    assert page.url.endswith("situations/late/#step-x")


def test_staff_page_lists_every_short_address(built_site, site_url):
    html = page_file(built_site, "for-staff/").read_text(encoding="utf-8")
    for short, target in SHORT.items():
        assert f"<code>{site_url}{short}/</code> opens <a" in html
        assert f'href="../{target}"' in html


def test_every_published_step_anchor_still_exists(built_site):
    lines = ANCHORS.read_text(encoding="utf-8").splitlines()
    lost = []
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        url, anchor = line.removeprefix("/").split("#", 1)
        target = resolve(built_site, url)
        html = page_file(built_site, target).read_text(encoding="utf-8") if target is not None else ""
        if f'id="{anchor}"' not in html:
            lost.append(line)
    assert lost == [], "step anchors that no longer exist: keep the id with { #id } on the heading"
