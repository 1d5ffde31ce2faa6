"""Data that used to build without complaint, and now stops the build with file, line and field.

Each case has its own small fixture: the real content can be reworded without breaking these.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from sitegen import checklists, templates
from sitegen.datafiles import MAX_BYTES, DataFileError
from testkit import fixtures
from testkit.sample_agency import AGENCY


def _checklist(tmp_path: Path, name: str = "list.yml", **values: str) -> Path:
    folder = tmp_path / "checklists"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(fixtures.checklist_text(**values), encoding="utf-8")
    return path


def _message(tmp_path: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        checklists.load(tmp_path, AGENCY)
    return str(caught.value)


def test_item_ids_cannot_make_a_duplicate_html_id(tmp_path):
    # 'call' makes tick--call and tick--call--more; no slug can contain '--', so 'call-more' cannot clash.
    _checklist(tmp_path, second="call-more")
    (checklist,) = [c for _, c in checklists.load(tmp_path, AGENCY)]
    assert checklist.items[1].id == "call-more"
    _checklist(tmp_path, second="call--more")
    assert "list.yml:9: field 'sections.0.items.1.id': 'call--more' is not allowed here" in _message(tmp_path)


def test_a_page_id_cannot_take_the_index_page(tmp_path):
    _checklist(tmp_path, id="index")
    assert "list.yml:1: field 'id': 'index' is reserved for a page the site makes itself" in _message(tmp_path)


@pytest.mark.parametrize("title, words", [('""', "at least 1 character"), ("Call {{ agency.phone }}", "plain text only")])
def test_blank_or_token_title_is_refused(tmp_path, title, words):
    _checklist(tmp_path, title=title)
    message = _message(tmp_path)
    assert "list.yml:2: field 'title': " in message and words in message


def test_yaml_spelling_of_the_suffix_is_read_too(tmp_path):
    _checklist(tmp_path, name="list.yaml", id="x y")
    assert "list.yaml:1: field 'id'" in _message(tmp_path)


def test_an_alias_that_contains_itself_is_refused_without_a_traceback(tmp_path):
    path = tmp_path / "checklists" / "loop.yml"
    path.parent.mkdir()
    path.write_text("id: loop\ntitle: Loop\nsummary: x\nsections: &all\n  - title: Again\n    items: *all\n", encoding="utf-8")
    assert "loop.yml:6: field 'sections.0.items': this alias (*name) refers to a block that contains it" in _message(tmp_path)


def test_an_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 8)]
    path = tmp_path / "checklists" / "bomb.yml"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "more than 20,000 fields once aliases (*name) are expanded" in _message(tmp_path)


def test_a_file_in_the_wrong_encoding_is_reported_at_its_line(tmp_path):
    path = _checklist(tmp_path)
    text = path.read_text(encoding="utf-8").replace("Send an email.", "Send an e-mail to Zoë.")
    path.write_bytes(text.encode("latin-1"))
    assert "list.yml:10: this line is not UTF-8 text; save the file as UTF-8" in _message(tmp_path)


def test_a_huge_file_is_refused(tmp_path):
    path = _checklist(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    assert re.search(r"list\.yml:1: the file is [\d,]+ bytes; data files must stay under", _message(tmp_path))


def test_a_huge_text_field_is_refused(tmp_path):
    _checklist(tmp_path, title="Long " * 40)
    assert "list.yml:2: field 'title': String should have at most 80 characters" in _message(tmp_path)


def _catalogue_with(tmp_path: Path, old: str, new: str) -> Path:
    """The fixture catalogue and template (tests/fixtures/data/), with one change."""
    data = fixtures.data_dir(tmp_path / "data")
    text = fixtures.catalogue_text()
    assert old in text
    (data / "fields.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def test_a_negative_calendar_reminder_is_refused(tmp_path):
    data = _catalogue_with(tmp_path, "reminders: [1440, 120]", "reminders: [1440, -120]")
    with pytest.raises(DataFileError) as caught:
        templates.load(data, AGENCY)
    assert re.search(r"fields\.yml:\d+: field 'fields\.\d+\.calendar\.reminders\.1': Input should be greater than or equal to 0", str(caught.value))


def test_an_unknown_time_zone_in_the_menu_is_refused(tmp_path):
    data = _catalogue_with(tmp_path, "id: America/Denver", "id: America/Nashville")
    with pytest.raises(DataFileError) as caught:
        templates.load(data, AGENCY)
    assert re.search(r"fields\.yml:\d+: field 'time_zones\.2\.id': 'America/Nashville' is not a time zone name", str(caught.value))
