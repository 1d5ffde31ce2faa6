"""The Spanish edition's build rules (sitegen.editions), without building: the menu in
Spanish, each edition's short addresses, the address of each page's counterpart, and the
assets both editions share. The built editions are checked in test_editions_browser.py."""

from __future__ import annotations

import pytest

from sitegen import agency, datafiles, editions, pages, translations
from sitegen.datafiles import DataFileError
from sitegen.project import ROOT
from testkit.project_data import mkdocs_config, raw_config, redirect_maps

CONFIG = raw_config()
EXTRA = mkdocs_config().extra  # as MkDocs reads it: true is a boolean


def details(root, language="en"):
    return agency.details(EXTRA, root / "mkdocs.yml", language)


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_every_title_of_the_menu_has_its_translation(language):
    said = editions.words(ROOT, language)
    missing = [title for title in editions.nav_titles(CONFIG["nav"]) if title not in said["nav"]]
    assert missing == [], f"data/{language}/site.yml: nav has no translation for {missing}"
    unused = [title for title in said["nav"] if title not in editions.nav_titles(CONFIG["nav"])]
    assert unused == [], f"data/{language}/site.yml: nav translates titles mkdocs.yml no longer has: {unused}"
    toggles = [scheme["toggle"]["name"] for scheme in CONFIG["theme"]["palette"]]
    assert sorted(said["palette"]) == sorted(toggles)


def test_the_menu_keeps_its_pages_and_takes_the_translated_titles():
    nav = [{"Start here": "index.md"}, {"Checklists": ["checklists/index.md", "checklists/a.md"]}, "plain.md"]
    assert editions.translate_nav(nav, {"Start here": "Empiece aquí", "Checklists": "Listas"}) == [
        {"Empiece aquí": "index.md"}, {"Listas": ["checklists/index.md", "checklists/a.md"]}, "plain.md"]
    assert editions.nav_titles(nav) == ["Start here", "Checklists"]


def test_each_edition_gets_its_own_short_addresses_and_every_shared_one():
    maps = {"late.md": "situations/late.md", "es/tarde.md": "situations/late.md", "old.md": "contact.md"}
    assert editions.redirects_for(maps, "en") == {"late.md": "situations/late.md", "old.md": "contact.md"}
    assert editions.redirects_for(maps, "es") == {"late.md": "situations/late.md", "old.md": "contact.md",
                                                  "tarde.md": "situations/late.md"}


def test_the_spanish_short_addresses_lead_to_pages_and_are_easy_to_say():
    maps = redirect_maps(as_written=True)
    own = {key: value for key, value in maps.items() if key.startswith("es/")}
    assert "es/perdi.md" in own, "the issue's example, /es/perdi/, is a short address"
    for key, target in own.items():
        name = key.removeprefix("es/").removesuffix(".md")
        assert name.isascii() and len(name) <= 8 and "/" not in name, f"{key}: say it on the phone without spelling an accent"
        assert (ROOT / "docs" / "es" / target).exists() or target.startswith(("situations/", "templates/", "checklists/")), target
    published = redirect_maps()
    assert published["es/perdi.md"] == "es/situations/missed.md" and published["es/missed.md"] == "es/situations/missed.md"
    assert "es/perdi.md" not in {key for key in published if not key.startswith("es/")}


def test_a_page_links_to_its_counterpart_and_an_edition_without_it_to_its_home():
    def exists(language, src):
        return src != "only-english.md" or language == "en"

    found = editions.alternates("https://advice.example.com/", "contact.md", "en", exists)
    assert [(e["language"], e["path"], e["current"], e["same"]) for e in found] == [
        ("en", "contact/", True, True), ("es", "es/contact/", False, True)]
    assert found[1]["href"] == "https://advice.example.com/es/contact/"
    alone = editions.alternates("https://advice.example.com/", "only-english.md", "en", exists)
    assert [(e["path"], e["same"]) for e in alone] == [("only-english/", True), ("es/", False)]
    home = editions.alternates("https://advice.example.com/", None, "es", exists)  # the 404 page
    assert [e["path"] for e in home] == ["", "es/"]


@pytest.mark.parametrize(("here", "there", "link"), [
    ("es/contact/", "contact/", "../../contact/"),
    ("contact/", "es/contact/", "../es/contact/"),
    ("", "es/", "es/"),
    ("es/", "", "../"),
    ("es/templates/forgot/", "templates/forgot/", "../../../templates/forgot/"),
])
def test_links_between_editions_are_relative(here, there, link):
    assert editions.relative(here, there) == link


def test_the_edition_shares_the_english_assets_and_its_pages_point_at_them(tmp_path):
    site = tmp_path / "site"
    for folder in (site / "assets" / "stylesheets", site / "es" / "assets" / "stylesheets", site / "es" / "contact"):
        folder.mkdir(parents=True)
    (site / "assets" / "stylesheets" / "site.css").write_text("a{}", encoding="utf-8")
    (site / "es" / "assets" / "stylesheets" / "site.css").write_text("a{}", encoding="utf-8")
    (site / "es" / "contact" / "index.html").write_text(
        '<link href="../assets/stylesheets/site.css"><a href="../../contact/">x</a>', encoding="utf-8")
    (site / "es" / "404.html").write_text('<link href="/es/assets/stylesheets/site.css">', encoding="utf-8")
    editions.share_assets(site, "es")
    assert not (site / "es" / "assets").exists()
    assert (site / "es" / "contact" / "index.html").read_text(encoding="utf-8") == \
        '<link href="../../assets/stylesheets/site.css"><a href="../../contact/">x</a>'
    assert (site / "es" / "404.html").read_text(encoding="utf-8") == '<link href="/assets/stylesheets/site.css">'


def test_an_edition_asset_that_differs_from_the_english_one_stops_the_build(tmp_path):
    site = tmp_path / "site"
    for folder in (site / "assets", site / "es" / "assets"):
        folder.mkdir(parents=True)
    (site / "assets" / "x.js").write_text("1", encoding="utf-8")
    (site / "es" / "assets" / "x.js").write_text("2", encoding="utf-8")
    with pytest.raises(editions.EditionError, match="es/assets/x.js differs"):
        editions.share_assets(site, "es")


def test_the_spanish_data_reads_with_its_words_over_the_english_structure():
    values = details(ROOT, "es")
    with datafiles.in_language("es"):
        spanish = {checklist.id: checklist for _, checklist in pages.load_families(ROOT / "data", values)["checklists"]}
    for _, checklist in pages.load_families(ROOT / "data", details(ROOT))["checklists"]:
        translated = spanish[checklist.id]
        assert len(translated.sections) == len(checklist.sections)
        assert [i.id for s in translated.sections for i in s.items] == [i.id for s in checklist.sections for i in s.items]
        assert translated.title != checklist.title
    assert values["time_zone_name"] == EXTRA["agency"]["es"]["time_zone_name"]
    assert values["phone"] == EXTRA["agency"]["phone"], "what is not words comes from the English block"


def test_a_translation_with_a_key_the_english_lacks_is_named_in_its_file(project_copy):
    path = project_copy / "data" / "es" / "checklists" / "interview-day.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    with datafiles.in_language("es"), pytest.raises(DataFileError) as caught:
        pages.load_families(project_copy / "data", details(project_copy, "es"))
    assert "data/es/checklists/interview-day.yml" in str(caught.value)
    assert "titel" in str(caught.value) and "no such key" in str(caught.value)


def test_an_english_file_without_its_translation_reads_in_english(project_copy):
    (project_copy / "data" / "es" / "checklists" / "interview-day.yml").unlink()
    with datafiles.in_language("es"):
        loaded = pages.load_families(project_copy / "data", details(project_copy, "es"))
    english = datafiles.read_english(project_copy / "data" / "checklists" / "interview-day.yml").data
    assert {c.id: c.title for _, c in loaded["checklists"]}["interview-day"] == english["title"]


def test_a_project_without_docs_es_has_no_spanish_edition(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "docs").mkdir()
    assert editions.present(SimpleNamespace(docs_dir=str(tmp_path / "docs"))) == []
    (tmp_path / "docs" / "es").mkdir()
    assert editions.present(SimpleNamespace(docs_dir=str(tmp_path / "docs"))) == ["es"]
    assert editions.present(SimpleNamespace(docs_dir=str(ROOT / "docs"))) == list(translations.LANGUAGES)
