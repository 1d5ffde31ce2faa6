"""Checklists as data: loading, every kind of broken file, the schema, and the generated pages."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, build
from testkit.sample_agency import AGENCY
from testkit.readability import grade as reading_grade
from testkit.project_data import agency as project_agency, data_of, data_paths, ids_of
from testkit.site_pages import article_sentences, url_of

from sitegen import schemas as write_schemas

from sitegen import checklists, pages
from sitegen.nav import add_pages
from sitegen.datafiles import DataFileError, Located


DATA = ROOT / "data" / "checklists"

GOOD = """\
# yaml-language-server: $schema=../../schemas/checklist.schema.json
id: {id}
title: A test list
summary: Tick these.
sections:
  - title: The first hour
    items:
      - id: call
        text: Call the interviewer.
        detail: Say sorry.
      - id: email
        text: Send an email.
        link:
          text: What to say
          to: what-to-do-now.md
  - title: Today
    items:
      - id: rest
        text: Rest.
"""


def write(data_dir: Path, name: str, text: str) -> Path:
    """Write one checklist file into ``data_dir``/checklists/."""
    folder = data_dir / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_for(folder: Path) -> str:
    """The one message a maintainer would see for this folder."""
    with pytest.raises(DataFileError) as caught:
        checklists.load(folder, AGENCY)
    return str(caught.value)


def page_markdown(data: dict) -> str:
    """The Markdown the pipeline writes for one checklist."""
    checklist = checklists.Checklist.model_validate(data)
    located = Located(Path("sample.yml"), data, {(): 1})
    return next(page for page in checklists.pages([(located, checklist)]) if page.src_uri != checklists.INDEX).markdown()


# --- the real checklists -------------------------------------------------------------------


@pytest.mark.real_site
def test_every_real_checklist_loads_in_menu_order():
    loaded = checklists.load(ROOT / "data", AGENCY)
    files = data_of("checklists")
    assert {c.id: c.title for _, c in loaded} == {data["id"]: data["title"] for data in files}
    default = checklists.Checklist.model_fields["order"].default
    in_order = sorted(files, key=lambda data: (data.get("order", default), data["title"].lower()))
    assert [c.id for _, c in loaded] == [data["id"] for data in in_order], "menu order follows each file's `order:`"
    for located, checklist in loaded:
        assert 5 <= len(checklist.items) <= 12, f"{located.path.name}: a checklist has 5 to 12 items (it has {len(checklist.items)})"
        assert located.path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../../schemas/checklist.schema.json\n"
        )


@pytest.mark.real_site
def test_missed_interview_is_organized_by_time():
    loaded = dict((c.id, c) for _, c in checklists.load(ROOT / "data", AGENCY))
    titles = [s.title for s in loaded["missed-interview"].sections]
    assert titles == ["The first hour", "Today", "Before the new interview", "After it"]


@pytest.mark.parametrize("src", [f"checklists/{checklist_id}.md" for checklist_id in ids_of("checklists")] + [checklists.INDEX])
def test_checklist_page_reads_at_grade_8_or_lower(built_site, src):
    # Measured like the guide pages (tests/test_readability.py), on the rendered article.
    html = (built_site / url_of(src) / "index.html").read_text(encoding="utf-8")
    grade = reading_grade(article_sentences(html))
    assert grade <= 8.0, f"{src} reads at grade {grade:.1f}"


# --- schema ----------------------------------------------------------------------------------


def test_published_schema_matches_the_model():
    published = write_schemas.schema_path("checklist").read_text(encoding="utf-8")
    assert published == write_schemas.schema_text(checklists.Checklist), "run: python scripts/tools/write_schemas.py"


@pytest.mark.real_site
def test_published_schema_accepts_the_real_files_and_rejects_unknown_fields():
    schema = json.loads((ROOT / "schemas" / "checklist.schema.json").read_text(encoding="utf-8"))
    for path in data_paths("checklists"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    broken = yaml.safe_load(GOOD.format(id="x")) | {"colour": "red"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


# --- bad input: one test per case, each naming file, line and field ----------------------------


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    # The most common slip: a colon inside an unquoted sentence.
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("text: Rest.", "text: Rest: then call."))
    message = problems_for(tmp_path)
    assert "bad.yml:19: Line 19 has a colon (:) where YAML does not expect one" in message
    assert "(YAML: mapping values are not allowed" in message


def test_missing_field_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("        text: Send an email.\n", ""))
    assert "bad.yml:11: field 'sections.0.items.1.text': this field is required but missing" in problems_for(tmp_path)


def test_unknown_field_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("        detail: Say sorry.", "        details: Say sorry."))
    message = problems_for(tmp_path)
    assert "bad.yml:10: field 'sections.0.items.0.details': unknown field" in message


def test_wrong_type_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("summary: Tick these.", "summary: Tick these.\norder: soon"))
    message = problems_for(tmp_path)
    assert "bad.yml:5: field 'order': Input should be a valid integer" in message


def test_duplicate_item_id_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("id: rest", "id: call"))
    message = problems_for(tmp_path)
    assert "bad.yml:18: field 'sections.1.items.0.id': item id 'call' is already used by another item" in message


def test_duplicate_checklist_id_names_both_files(tmp_path):
    write(tmp_path, "a.yml", GOOD.format(id="same"))
    write(tmp_path, "b.yml", GOOD.format(id="same"))
    message = problems_for(tmp_path)
    assert re.search(r"b\.yml:2: field 'id': checklist id 'same' is already used by \S*a\.yml", message), message


def test_empty_section_names_file_line_and_field(tmp_path):
    text = GOOD.format(id="x").replace("    items:\n      - id: rest\n        text: Rest.\n", "    items: []\n")
    write(tmp_path, "bad.yml", text)
    assert "bad.yml:17: field 'sections.1.items': this section has no items" in problems_for(tmp_path)


def test_bad_item_id_gets_a_plain_message(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("id: rest", "id: Rest Now"))
    message = problems_for(tmp_path)
    assert "bad.yml:18: field 'sections.1.items.0.id': 'Rest Now' is not allowed here; write it like 'call-the-interviewer'" in message


def test_unknown_agency_token_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("text: Rest.", "text: Call {{ agency.fax }}."))
    message = problems_for(tmp_path)
    assert "bad.yml:19: field 'sections.1.items.0.text': unknown token '{{ agency.fax }}'" in message


def test_agency_token_outside_items_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("title: A test list", "title: Call {{ agency.name }}"))
    message = problems_for(tmp_path)
    assert "bad.yml:3: field 'title': plain text only: remove '{{'" in message


def test_link_to_missing_page_names_file_line_and_field(tmp_path):
    write(tmp_path, "bad.yml", GOOD.format(id="x").replace("to: what-to-do-now.md", "to: what-to-do-later.md"))
    generated = checklists.pages(checklists.load(tmp_path, AGENCY))
    missing = [str(problem) for problem in pages.missing_links(generated, lambda src: src == "what-to-do-now.md")]
    assert len(missing) == 1 and "bad.yml:15: field 'sections.0.items.1.link.to': no page 'what-to-do-later.md'" in missing[0]


def test_several_broken_files_are_reported_in_one_run(tmp_path):
    write(tmp_path, "a.yml", GOOD.format(id="a").replace("summary: Tick these.\n", ""))
    write(tmp_path, "b.yml", GOOD.format(id="b").replace("id: rest", "id: call"))
    write(tmp_path, "c.yml", "id: c\ntitle: [oops\n")
    write(tmp_path, "d.yml", GOOD.format(id="d"))
    message = problems_for(tmp_path)
    assert message.startswith("3 problems in data files:")
    assert "a.yml:2: field 'summary'" in message
    assert "b.yml:18: field 'sections.1.items.0.id'" in message
    assert "c.yml:2: the text on line 2 starts with [" in message


# --- generation ------------------------------------------------------------------------------


def test_page_has_title_summary_description_and_every_item():
    markdown = page_markdown(yaml.safe_load(GOOD.format(id="sample")))
    front, body = markdown.split("---\n", 2)[1:]
    assert yaml.safe_load(front) == {"description": "Tick these.", "styles": ["checklist"]}
    assert body.lstrip("\n").startswith("# A test list\n\nTick these&#46;\n\n")
    assert "<p class=\"mih-print-link\"><a href=\"sample.pdf\"" in body, "a link to its one-page PDF"
    for item_id in ["call", "email", "rest"]:
        assert f'type="checkbox" id="tick--{item_id}" data-item-id="{item_id}"' in body
    assert "## The first hour { #the-first-hour }" in body
    assert "[What to say](../what-to-do-now.md)" in body, "a Markdown link that MkDocs resolves and checks"
    assert "0 of 3 done" in body


@pytest.mark.real_site
def test_index_lists_each_checklist_with_summary_and_count():
    loaded = checklists.load(ROOT / "data", AGENCY)
    index = next(page for page in checklists.pages(loaded) if page.src_uri == checklists.INDEX).markdown()
    assert "\n# Checklists\n" in index
    for _, checklist in loaded:
        assert f"]({checklist.id}.md) ({len(checklist.items)} steps)" in index


def test_section_anchors_are_unique_on_the_page():
    data = yaml.safe_load(GOOD.format(id="sample"))
    data["title"] = "Today"
    checklist = checklists.Checklist.model_validate(data)
    assert checklists.section_anchors(checklist) == ["the-first-hour", "today-2"]


@pytest.mark.real_site
def test_nav_entries_go_into_the_checklists_section_once():
    srcs = [checklists.page_path(c) for _, c in checklists.load(ROOT / "data", AGENCY)]
    nav = [{"Start": "index.md"}, {"Checklists": ["checklists/index.md"]}, {"Contact": "contact.md"}]
    add_pages(nav, checklists.INDEX, srcs)
    add_pages(nav, checklists.INDEX, srcs)  # `mkdocs serve` may run on_config twice on one config
    assert nav[1]["Checklists"] == ["checklists/index.md", *srcs], "no titles: MkDocs takes them from the page's heading"
    with pytest.raises(ValueError, match="checklists/index.md"):
        add_pages([{"Start": "index.md"}], checklists.INDEX, srcs)


# --- real builds -----------------------------------------------------------------------------


def test_build_with_a_broken_checklist_exits_non_zero_naming_file_line_and_field(project_copy, tmp_path):
    write(project_copy / "data", "zz-broken.yml", GOOD.format(id="zz-broken").replace("        text: Send an email.", "        txt: Send an email."))
    write(project_copy / "data", "zz-copy.yml", data_paths("checklists", project_copy)[0].read_text(encoding="utf-8"))
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/checklists/zz-broken.yml:12: field 'sections.0.items.1.txt': unknown field" in output, output
    assert re.search(r"data/checklists/zz-broken\.yml:\d+: field 'sections\.0\.items\.1\.text': this field is required", output)
    assert re.search(r"data/checklists/zz-copy\.yml:\d+: field 'id': ", output), "every problem of every file at once"
    assert not (tmp_path / "out" / "index.html").exists()


def test_build_with_a_broken_link_exits_non_zero_naming_file_line_and_field(project_copy, tmp_path):
    write(project_copy / "data", "zz-link.yml", GOOD.format(id="zz-link").replace("to: what-to-do-now.md", "to: what-to-do-later.md"))
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "data/checklists/zz-link.yml:15: field 'sections.0.items.1.link.to': no page 'what-to-do-later.md'" in result.stdout + result.stderr


def test_built_site_has_pages_in_nav_and_search_but_not_the_data(built_site):
    loaded = checklists.load(ROOT / "data", project_agency())
    index = (built_site / "checklists" / "index.html").read_text(encoding="utf-8")
    search = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(doc["text"] for doc in search["docs"] if doc["location"].startswith("checklists/"))
    for _, checklist in loaded:
        html = (built_site / "checklists" / checklist.id / "index.html").read_text(encoding="utf-8")
        assert f'<a href="{checklist.id}/" class="md-nav__link">' in index, "in the navigation"
        assert re.search(rf'<li><a [^>]*href="{checklist.id}/">{re.escape(checklist.title)}</a>', index), "on the index page"
        for item in checklist.items:
            assert f'data-item-id="{item.id}"' in html
            assert item.text in indexed
        assert "{{" not in html, "agency tokens are filled in"
    assert not list(built_site.rglob("*.yml")), "data files are not published"
    assert not list(built_site.rglob("partials/*")), "theme partials are not published"
