"""A rebrand is one edit: change the values of `extra.agency` in mkdocs.yml, and the built site
keeps no trace of the old agency, its place or its time zone (issue #20).

One project copy is rebranded to an agency in another city, state and zone, by editing only
the values of that block, and built with PDFs. The old values are read from the real
mkdocs.yml, so this test keeps working after the maintainer rebrands the real site. Then no
old value may appear in any page's text, attributes or comments, any PDF's text, any preview
card's words, `_headers`, the sitemap or the search index. The one exception is the time-zone
menu of message pages: US zones stay there as choices, so the old zone may be listed, but the
new one is the one selected, and no choice names the old city.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitegen import agency, cards, templates
from sitegen.datafiles import DataFileError
from sitegen.project import ROOT, copy_project
from testkit.project_data import mkdocs_config

# An agency elsewhere, with every detail different from any the real site could have.
NEW = {
    "name": "Rose City Job Partners",
    "phone": "(503) 555-0123",
    "email": "hello@rosecity.example.org",
    "address": "200 Sample Avenue, Floor 4, Portland, OR 97204",
    "city": "Portland",
    "state": "Oregon",
    "hours": "Monday to Thursday, 7 AM to 4 PM",
    "website": "https://www.rosecity.example.org/",
    "jobs_url": "https://www.rosecity.example.org/openings/",
    "time_zone": "America/Los_Angeles",
    "time_zone_name": "Pacific Time",
    "speaks_spanish": "false",
    # The Spanish edition's words for the details that read differently (extra.agency.es).
    "es.hours": "de lunes a jueves, de 7 a. m. a 4 p. m.",
    "es.time_zone_name": "hora del Pacífico",
}
SETTINGS = {"speaks_spanish"}  # agency settings, not details a page prints
# The tests below that build the rebranded copy: over 20 s on a busy machine. They run in `make test`.
SLOW = pytest.mark.slow
ZONE_MENU = "time_zone"  # the data-field of the time-zone <select> on message pages


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml has tags (!ENV) that only MkDocs can build; their values are not needed here."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def _real_agency() -> dict[str, str]:
    """extra.agency, a group (es:) flattened into its keys ("es.hours")."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    found = {}
    for key, value in config["extra"]["agency"].items():
        if isinstance(value, dict):
            found.update({f"{key}.{name}": str(inner) for name, inner in value.items()})
        else:
            found[key] = str(value)
    return found


def _old_values(agency: dict[str, str]) -> list[str]:
    """Every form in which the old agency could show: each detail, and the phone as digits,
    without its area code and with the area code alone; the state's postal code, if the
    address has one."""
    values = [value for key, value in agency.items() if value and key not in SETTINGS]
    digits = re.sub(r"\D", "", agency["phone"])
    values += [digits, agency["phone"][-8:]]
    area = re.match(r"\s*(\(\d{3}\))", agency["phone"])
    if area:
        values.append(area.group(1))
    postal = re.search(r",\s*([A-Z]{2})\s+\d{5}", agency["address"])
    if postal:
        values.append(f" {postal.group(1)} ")
    return sorted({_flat(value) for value in values}, key=len, reverse=True)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _rebrand(config: Path, values: dict[str, str]) -> None:
    """Write ``values`` over the values of extra.agency, line by line, as a maintainer edits
    the file (yaml round-trips would drop its comments and tags). Every key must get a value."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    extra = lines.index("extra:\n")
    start = next(n for n in range(extra, len(lines)) if lines[n].rstrip() == "  agency:")
    changed = set()
    group = ""  # inside a group of details (es:), its name
    for number in range(start + 1, len(lines)):
        match = re.match(r"^(    |      )([a-z_]+):( .*)?$", lines[number].rstrip("\n"))
        if match is None:
            if lines[number].strip().startswith("#") or not lines[number].strip():
                continue
            break  # the block ends where its indentation does
        indent, name, value = match.groups()
        if len(indent) == 4 and value is None:
            group = name
            continue
        group = group if len(indent) == 6 else ""
        key = f"{group}.{name}" if group else name
        assert key in values, f"mkdocs.yml has a new agency detail '{key}': give it a new value in NEW"
        lines[number] = f"{indent}{name}: {values[key]}\n"
        changed.add(key)
    assert changed == set(values), f"not in mkdocs.yml's extra.agency: {sorted(set(values) - changed)}"
    config.write_text("".join(lines), encoding="utf-8")


class _Page(HTMLParser):
    """A page's text nodes, attribute values and comments, with the time-zone menus apart:
    each menu is a list of (value, label, selected)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.menus: list[list[list]] = []
        self._in_menu = False
        self._option: list | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "select" and attributes.get("data-field") == ZONE_MENU:
            self._in_menu = True
            self.menus.append([])
        if tag == "option" and self._in_menu:
            self._option = [attributes.get("value") or "", "", "selected" in attributes]
            self.menus[-1].append(self._option)
            return
        self.parts += [value for _, value in attrs if value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._option = None
        elif tag == "select":
            self._in_menu = False

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option[1] += data
        else:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return _flat(" ".join(self.parts))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@lru_cache(maxsize=None)  # the booklet is read by two tests
def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    words = [page.extract_text() or "" for page in reader.pages]
    words += [str(value) for value in (reader.metadata or {}).values()]
    return _flat(" ".join(words))


def _found(old: list[str], text: str, *, squeezed: bool = False) -> list[str]:
    """The old values in ``text``. ``squeezed`` also compares with every space removed, for
    PDF text, where a line break may fall inside a value or between its words."""
    hits = [value for value in old if value in text]
    if squeezed:
        bare = re.sub(r"\s", "", text)
        hits += [value for value in old if value not in hits and value.strip() and re.sub(r"\s", "", value) in bare]
    return hits


@pytest.fixture(scope="module")
def old() -> dict[str, str]:
    agency = _real_agency()
    clash = {key: value for key, value in NEW.items() if value == agency.get(key)}
    assert not clash, f"the real site already has these values; pick others in NEW: {clash}"
    return agency


@pytest.fixture(scope="module")
def rebranded(tmp_path_factory, old) -> Path:
    project = copy_project(tmp_path_factory.mktemp("rebrand") / "project")
    _rebrand(project / "mkdocs.yml", NEW)
    out = project.parent / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    env = dict(os.environ, MIH_PDFS="1")  # the PDFs too, as `make build` makes them
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"the rebranded site does not build:\n{result.stderr[-1500:]}"
    return out


@pytest.fixture(scope="module")
def old_values(old) -> list[str]:
    return _old_values(old)


@SLOW
def test_only_the_agency_block_was_edited(rebranded):
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    copy = (rebranded.parent / "project" / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert len(real) == len(copy)
    changed = [line for before, line in zip(real, copy) if before != line]
    assert changed and all(re.match(r"^(    |      )[a-z_]+: ", line) for line in changed), changed


@SLOW
def test_no_page_names_the_old_agency_place_or_zone(rebranded, old_values):
    pages = sorted(rebranded.rglob("*.html"))
    assert len(pages) > 20
    traces = {}
    for path in pages:
        hits = _found(old_values, _parse(path).text)
        if hits:
            traces[path.relative_to(rebranded).as_posix()] = hits
    assert not traces, f"old agency details still in pages: {traces}"


@SLOW
def test_the_time_zone_menu_selects_the_new_zone_and_names_no_old_place(rebranded, old):
    menus = {path: _parse(path).menus for path in rebranded.glob("templates/*/index.html")}
    menus = {path: found for path, found in menus.items() if found}
    assert menus, "no message page has a time-zone menu"
    places = [old["city"], old["state"]]
    for path, found in menus.items():
        for menu in found:
            selected = [value for value, _, chosen in menu if chosen]
            assert selected == [NEW["time_zone"]], f"{path}: selected {selected}"
            named = [label for _, label, _ in menu if any(place in label for place in places)]
            assert not named, f"{path}: time-zone choices name the old place: {named}"


@SLOW
def test_no_pdf_names_the_old_agency_place_or_zone(rebranded, old_values):
    pdfs = sorted(rebranded.rglob("*.pdf"))
    assert any(path.name == "missed-interview-booklet.pdf" for path in pdfs), "the booklet was not built"
    traces = {}
    for path in pdfs:
        hits = _found(old_values, _pdf_text(path), squeezed=True)
        if hits:
            traces[path.relative_to(rebranded).as_posix()] = hits
    assert not traces, f"old agency details still in PDFs: {traces}"


@SLOW
def test_every_card_says_the_new_name_and_nothing_old(rebranded, old_values):
    paths = sorted(rebranded.rglob(cards.FILE_NAME))
    assert len(paths) > 20
    for path in paths:
        words = _flat(cards.description(path))
        assert NEW["name"] in words, f"{path}: the card does not say the new name: {words!r}"
        assert not _found(old_values, words), f"{path}: {words!r}"


@SLOW
@pytest.mark.parametrize("name", ["_headers", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search/search_index.json.gz"])
def test_site_files_keep_no_trace_of_the_old_agency(rebranded, old_values, name):
    path = rebranded / name
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    text = raw.decode("utf-8")
    if ".json" in name:  # the index writes some characters as \u escapes and some text as HTML
        text = html.unescape(json.dumps(json.loads(text), ensure_ascii=False))
    hits = _found(old_values, _flat(text))
    assert not hits, f"{name} still has: {hits}"


@SLOW
def test_the_new_agency_shows_on_the_contact_page_the_message_pages_and_the_booklet(rebranded):
    contact = _parse(rebranded / "contact" / "index.html").text
    for key in ("name", "phone", "city", "state", "address", "email"):
        assert NEW[key] in contact, f"contact page lacks the new {key}"
    messages = sorted(rebranded.glob("templates/*/index.html"))
    assert len(messages) > 1
    for path in messages:
        html_text = path.read_text(encoding="utf-8")
        page = _parse(path).text
        assert NEW["name"] in page and NEW["phone"] in page, f"{path} lacks the new name or phone"
        assert f'data-time-zone="{NEW["time_zone"]}"' in html_text, f"{path} does not default to the new zone"
    assert any(NEW["time_zone_name"] in _parse(path).text for path in messages), "no message page names the new zone"
    booklet = _pdf_text(rebranded / "missed-interview-booklet.pdf")
    for key in ("name", "phone", "city"):
        assert NEW[key] in booklet, f"the booklet lacks the new {key}"


# --- the pieces a rebrand relies on, without a build ----------------------------------------------


@pytest.fixture
def values(old) -> dict[str, str]:
    """The real agency's details, checked, as the build passes them to the data loaders."""
    return agency.details(mkdocs_config().extra, ROOT / "mkdocs.yml")


def _data_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of data/ and one of its message templates."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data, sorted((data / templates.FOLDER).glob("*.y*ml"))[0]


def _add_to_email_body(template: Path, line: str) -> int:
    """Put ``line`` first in the template's email body; return its line number."""
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    email = lines.index("  email:\n")
    body = next(n for n in range(email, len(lines)) if lines[n].strip() == "body: |")
    indent = lines[body].index("body") + 2
    lines.insert(body + 1, " " * indent + line + "\n")
    template.write_text("".join(lines), encoding="utf-8")
    return body + 2


def test_agency_tokens_in_messages_and_field_hints_are_filled(tmp_path, values):
    data, template = _data_copy(tmp_path)
    _add_to_email_body(template, "Call {{ agency.phone }} in {{ agency.city }}, {{ agency.state }}.")
    fields = data / "fields.yml"
    text = fields.read_text(encoding="utf-8")
    fields.write_text(re.sub(r"(?m)^(    hint: ).*$", r"\1Times are {{ agency.time_zone_name }}.", text, count=1), encoding="utf-8")
    loaded = templates.load(data, values)
    (found,) = [t for t in loaded.templates if t.id == template.stem]
    assert f"Call {values['phone']} in {values['city']}, {values['state']}." in found.channels.email.body
    assert next(iter(loaded.catalogue.values())).hint == f"Times are {values['time_zone_name']}."
    every_text = [t.advice for t in loaded.templates] + [text for t in loaded.templates for _, text in templates.channel_texts(t)]
    assert not [text for text in every_text + [f.hint for f in loaded.catalogue.values()] if "{{" in text]


def test_a_misspelt_agency_token_in_a_message_is_named_on_its_own_line(tmp_path, values):
    data, template = _data_copy(tmp_path)
    line = _add_to_email_body(template, "Call {{ agency.phnoe }} today.")
    with pytest.raises(DataFileError) as caught:
        templates.load(data, values)
    assert f"{template.name}:{line}: field 'channels.email.body': unknown token '{{{{ agency.phnoe }}}}'" in str(caught.value)


def test_time_zone_name_must_be_words_not_the_zone_code(old):
    with pytest.raises(DataFileError) as caught:
        agency.details({"agency": {**old, "time_zone_name": old["time_zone"]}}, ROOT / "mkdocs.yml")
    assert "extra.agency.time_zone_name" in str(caught.value) and "like 'Central Time'" in str(caught.value)


def test_a_cached_card_keeps_the_words_it_says(tmp_path):
    cache = tmp_path / "cache"
    assert cards.write_card(tmp_path / "a.png", "Call them back", "Some Agency", "Some Site", cache)
    assert not cards.write_card(tmp_path / "b.png", "Call them back", "Some Agency", "Some Site", cache), "the second comes from the cache"
    for name in ("a.png", "b.png"):
        assert cards.description(tmp_path / name) == "Some Site\nCall them back\nSome Agency"
