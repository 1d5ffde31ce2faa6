"""The site builds strictly, has every page, shows the agency's details, and fails safely."""

from __future__ import annotations

import html as html_lib
import re
import subprocess
import sys
from pathlib import Path

from conftest import build
from testkit import recipes
from testkit.project_data import agency, data_of, guide_pages, nav_sources
from testkit.site_pages import page_file, page_urls, url_of


def test_every_nav_page_is_built(built_site):
    sources = nav_sources()
    assert "index.md" in sources
    missing = [src for src in sources if not (built_site / url_of(src) / "index.html").exists()]
    assert missing == []


def test_site_has_search_sitemap_and_404(built_site):
    for name in ["search/search_index.json", "sitemap.xml", "404.html"]:
        assert (built_site / name).exists(), name
    assert "We could not find that page" in (built_site / "404.html").read_text()


def test_data_files_are_not_published(built_site):
    published = [p.name for p in built_site.rglob("*") if p.suffix in {".yml", ".yaml", ".py"}]
    assert published == []


def test_no_google_fonts_or_other_hosts_in_markup(built_site):
    for url in page_urls(built_site):
        html = page_file(built_site, url).read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, url


def _set_agency_line(project: Path, key: str, value: str | None) -> None:
    """Rewrite (or, with None, delete) the ``key:`` line of extra.agency, whatever its value."""
    assert recipes.set_agency(project, {key: value}) == {key: value}, f"extra.agency has no '{key}:' line"


def test_agency_phone_is_written_once(project_copy, tmp_path):
    """Changing extra.agency.phone changes it everywhere; the old number is nowhere."""
    old = agency(project_copy)["phone"]
    new = "(415) 555-0199" if "0199" not in old else "(415) 555-0198"
    _set_agency_line(project_copy, "phone", new)
    out = tmp_path / "out"
    result = build(project_copy, out)
    assert result.returncode == 0, result.stderr
    digits = "".join(ch for ch in old if ch.isdigit())
    old_forms = [old, old[-8:], digits]  # "(615) 555-0142", "555-0142", "6155550142"
    new_tel = "tel:+1" + "".join(ch for ch in new if ch.isdigit())
    for path in out.rglob("*"):
        if path.suffix not in {".html", ".json", ".xml", ".txt", ".js", ".ics"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert not [form for form in old_forms if form in text], path
        if path.suffix == ".html" and path.name == "index.html" and 'http-equiv="refresh"' not in text:
            assert new in text and new_tel in text, path


def test_missing_agency_detail_is_a_clear_error(project_copy, tmp_path):
    _set_agency_line(project_copy, "email", None)
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "extra.agency" in result.stderr and "email" in result.stderr


def test_unknown_agency_token_names_the_page(project_copy, tmp_path):
    src = guide_pages(project_copy)[-1]
    page = project_copy / "docs" / src
    page.write_text(page.read_text() + "\nFax: {{ agency.fax }}\n")
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/{src}" in result.stderr and "agency.fax" in result.stderr


def _run_make_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/tools/build.py"], cwd=project, capture_output=True, text=True)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_failed_build_keeps_last_good_site(project_copy):
    first = _run_make_build(project_copy)
    assert first.returncode == 0, first.stderr
    site = project_copy / "site"
    before = _snapshot(site)
    assert "index.html" in before
    page = project_copy / "docs" / guide_pages(project_copy)[-1]
    page.write_text(page.read_text() + "\n[broken](no-such-page.md)\n")
    second = _run_make_build(project_copy)
    assert second.returncode != 0
    assert "no-such-page.md" in second.stderr
    assert _snapshot(site) == before
    leftovers = [p.name for p in project_copy.iterdir() if p.name.startswith(".site.building")]
    assert leftovers == []


def _meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_every_page_has_link_preview_tags(built_site):
    for url in page_urls(built_site):
        if url.endswith("404.html"):
            continue
        html = page_file(built_site, url).read_text(encoding="utf-8")
        for key in ["og:title", "og:description", "twitter:card", "twitter:title", "twitter:description"]:
            assert _meta(html, key), f"{url}: no {key}"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert _meta(html, "og:url") == canonical, url
    for template in data_of("templates"):  # a page's preview carries its own title
        html = page_file(built_site, f"templates/{template['id']}/").read_text(encoding="utf-8")
        assert html_lib.unescape(_meta(html, "og:title")) == template["title"], template["id"]
