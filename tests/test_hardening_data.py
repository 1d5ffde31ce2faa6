"""Every data-file fault gets file, line and field (issue #22, items 4, 9 and the data items of 10).

Fixtures of the tests' own: a small checklist (sitegen.checklists reads it as the build does),
and an mkdocs.yml with an agency block. What each case must show: the build's loader stops
with the file and line (and field where there is one), no traceback, no hang, nothing read
past what a data file may hold; and the agency's phone becomes the number it meant.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
import yaml

from sitegen import agency, checklists
from sitegen.datafiles import DataFileError, data_files, read_yaml
from testkit import fixtures
from testkit.sample_agency import AGENCY

def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "checklists"
    folder.mkdir(exist_ok=True)
    return folder


def _good(tmp_path: Path, name: str = "list.yml") -> Path:
    path = _folder(tmp_path) / name
    path.write_text(fixtures.checklist_text(title="A list"), encoding="utf-8")
    return path


def _message(tmp_path: Path) -> str:
    """What the build says about the data folder (a DataFileError's text), with a time limit:
    a file that makes the loader wait fails the test instead of hanging it."""
    outcome: dict = {}

    def run():
        try:
            checklists.load(tmp_path, AGENCY)
            outcome["message"] = ""
        except DataFileError as error:
            outcome["message"] = str(error)
        except BaseException as error:  # noqa: BLE001 - reported below, as the test's failure
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the loader is still reading after 20 s"
    assert "error" not in outcome, f"not a DataFileError: {outcome.get('error')!r}"
    return outcome["message"]


# --- YAML itself ---------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!foo x", "!!python/name:os.system"])
def test_a_yaml_tag_is_refused_with_file_line_and_field(tmp_path, tag):
    (_folder(tmp_path) / "list.yml").write_text(fixtures.checklist_text(title=tag), encoding="utf-8")
    message = _message(tmp_path)
    assert "list.yml:2: field 'title': this value has a YAML tag" in message, message


def test_a_five_thousand_digit_number_is_refused(tmp_path):
    (_folder(tmp_path) / "list.yml").write_text(fixtures.checklist_text(title="1" * 5000), encoding="utf-8")
    assert "list.yml:2: field 'title': this number has 5,000 digits" in _message(tmp_path)


def test_a_nul_byte_is_named_at_its_line(tmp_path):
    """The ._name.yml copies macOS writes hold NUL bytes; a NUL in a real file is named."""
    (_folder(tmp_path) / "list.yml").write_text(fixtures.checklist_text(title="A\x00list"), encoding="utf-8")
    assert "list.yml:2: this line holds a NUL character" in _message(tmp_path)


@pytest.mark.parametrize("char", ["\x01", "\x85\x80", "\ud7ff\x9f"])
def test_a_control_character_yaml_refuses_is_named_at_its_line(tmp_path, char):
    (_folder(tmp_path) / "list.yml").write_text(fixtures.checklist_text(title=f"A{char}list"), encoding="utf-8")
    message = _message(tmp_path)
    assert "list.yml:2:" in message and ("control character" in message or "invisible character" in message), message


# --- what is read, and what is not ----------------------------------------------------------------

def test_a_folder_named_like_a_data_file_is_named(tmp_path):
    _good(tmp_path)
    (_folder(tmp_path) / "extra.yml").mkdir()
    assert "extra.yml:1: this is a folder, not a data file" in _message(tmp_path)


def test_a_link_to_nothing_is_named(tmp_path):
    _good(tmp_path)
    (_folder(tmp_path) / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    assert "gone.yml:1: this is a link to" in _message(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_it(tmp_path):
    _good(tmp_path)
    os.mkfifo(_folder(tmp_path) / "pipe.yml")
    assert "pipe.yml:1: this is not a plain file" in _message(tmp_path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_an_endless_device_is_refused_without_reading_it(tmp_path):
    _good(tmp_path)
    (_folder(tmp_path) / "zero.yml").symlink_to("/dev/zero")
    assert "zero.yml:1: this is not a plain file" in _message(tmp_path)


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(tmp_path):
    path = _good(tmp_path)
    with path.open("r+b") as handle:  # a sparse file: 5 GB that take no room and would take long to read
        handle.truncate(5 * 1024**3)
    assert "list.yml:1: the file is 5,368,709,120 bytes; data files must stay under" in _message(tmp_path)


def test_suffixes_match_in_any_letter_case_and_hidden_copies_are_left_out(tmp_path):
    folder = _folder(tmp_path)
    for name in ("upper.YML", "mixed.Yaml", "._upper.YML", ".#lock.yml", "notes.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    assert [path.name for path in data_files(folder)] == ["mixed.Yaml", "upper.YML"]
    (folder / "upper.YML").write_text(fixtures.checklist_text(title="Loud list"), encoding="utf-8")
    (folder / "mixed.Yaml").unlink()
    ((loaded, checklist),) = checklists.load(tmp_path, AGENCY)
    assert checklist.title == "Loud list" and loaded.path.name == "upper.YML"


# --- hidden characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\u0085", "\u009b", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", "\u202e", "\u2066"])
def test_invisible_characters_are_refused_naming_the_character(tmp_path, char):
    (_folder(tmp_path) / "list.yml").write_text(fixtures.checklist_text(title=json.dumps(f"A{char}list")), encoding="utf-8")
    message = _message(tmp_path)
    assert f"list.yml:2: field 'title': remove the invisible character U+{ord(char):04X}" in message, message


# --- the agency block ---------------------------------------------------------------------------

def _config(folder: Path, values: dict[str, str], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = ["site_name: Test site", "extra:", "  agency:"]
    lines += [f"    {key}: {json.dumps(value)}" for key, value in values.items()] + list(extra_lines)
    path = folder / "mkdocs.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _details(tmp_path: Path, **changes: str) -> dict:
    values = {k: v for k, v in AGENCY.items() if k != "phone_tel"} | changes
    config = _config(tmp_path, values)
    return agency.details(yaml.safe_load(config.read_text(encoding="utf-8"))["extra"], config)


def _refused(tmp_path: Path, key: str, value: str) -> str:
    with pytest.raises(DataFileError) as caught:
        _details(tmp_path, **{key: value})
    message = str(caught.value)
    assert f"field 'extra.agency.{key}'" in message, message
    return message


@pytest.mark.parametrize("phone", ["555-0142", "0-0-0-0", "020 7946 0958", "07946 095800", "123-456-7890", "+1 555 0142", "+0 20 7946 0958", "(615) 555-014"])
def test_a_phone_that_would_dial_another_number_is_refused_with_an_example(tmp_path, phone):
    message = _refused(tmp_path, "phone", phone)
    assert "(615) 555-0142" in message and "+44 20 7946 0958" in message, message


@pytest.mark.parametrize("phone, tel", [
    ("(615) 555-0142", "+16155550142"),
    ("1-615-555-0142", "+16155550142"),
    ("+1 615 555 0142 ext. 7", "+16155550142;ext=7"),
    ("615.555.0142 x12", "+16155550142;ext=12"),
    ("+44 20 7946 0958", "+442079460958"),
    ("+353 1 234 5678", "+35312345678"),
])
def test_a_full_phone_number_dials_what_the_agency_meant(tmp_path, phone, tel):
    assert _details(tmp_path, phone=phone)["phone_tel"] == tel


@pytest.mark.parametrize("key, value", [
    ("email", ".a@example.com"), ("email", "a.@example.com"), ("email", "a..b@example.com"), ("email", "a@-example.com"),
    ("website", "https://-/"), ("website", "https://exa_mple.com/"), ("jobs_url", "https://a-.example.com/jobs/"),
    ("time_zone", "localtime"), ("time_zone", "posixrules"), ("time_zone", "Factory"),
])
def test_addresses_and_zones_a_browser_or_mail_app_would_refuse_are_refused(tmp_path, key, value):
    _refused(tmp_path, key, value)


def test_a_key_written_twice_in_the_agency_block_is_refused_at_both_lines(tmp_path):
    values = {k: v for k, v in AGENCY.items() if k != "phone_tel"}
    config = _config(tmp_path, values, ('    phone: "(615) 555-0199"',))
    with pytest.raises(DataFileError) as caught:
        agency.details(yaml.safe_load(config.read_text(encoding="utf-8"))["extra"], config)
    second = len(config.read_text(encoding="utf-8").splitlines())
    assert f"mkdocs.yml:{second}: field 'extra.agency.phone': this key appears twice" in str(caught.value), str(caught.value)


def test_the_time_zones_the_build_accepts_are_the_ones_chromium_knows(browser):
    names = sorted(agency.time_zone_names())
    assert "America/Chicago" in names and "localtime" not in names
    context = browser.new_context()
    try:
        refused = context.new_page().evaluate(
            """names => names.filter(name => { try { new Intl.DateTimeFormat("en-US", {timeZone: name}); return false }
                                                catch (error) { return true } })""", names)
    finally:
        context.close()
    assert refused == []


def test_the_loader_reads_mkdocs_tags_for_line_numbers_but_refuses_them_in_data(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [SITE_URL, "https://x.example/"]\nextra:\n  agency:\n    name: X\n', encoding="utf-8")
    from sitegen.datafiles import line_index

    assert line_index(config)[("extra", "agency", "name")] == 4
    data = tmp_path / "data.yml"
    data.write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_yaml(data)
    assert "data.yml:1: field 'site_url': this value has a YAML tag (!ENV)" in str(caught.value)
