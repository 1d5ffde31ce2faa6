"""Text from data files and configuration is published as text wherever it lands.

Two halves, as the brief asks: markup (an HTML tag, a Markdown link, a template token) in any
text field of any data kind, or in any agency detail, is refused with file, line and field;
text that is allowed but means something to Markdown or HTML (quotes, &, *, _, #, {: }, ???)
is published as those characters, with no element, attribute or link made from it anywhere
in the site, <head> included.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import build

from sitegen import agency, checklists, templates
from sitegen.datafiles import DataFileError, line_index
from sitegen.project import ROOT
from testkit import recipes
from testkit.project_data import data_paths
from testkit.sample_agency import AGENCY

MARKUP = "<b>bold</b>"
# Allowed in plain text, and each piece means something to Markdown, an extension or HTML.
SIGNIFICANT = 'Q&A "q" *s* _u_ `t` #h {: .evil } ??? n ==m== ~d~ ^p^ \\b'
SIGNIFICANT_BODY = 'Q&A "q" *s* _u_ `t` #h ??? n ==m== ~d~ ^p^ \\b'  # no braces: those are placeholders

# Fields whose values are names rather than words: ids, kinds, recipients, paths.
NOT_WORDS = {"id", "situation", "kind", "autocomplete", "to", "details", "summary_id"}


def _strings(data, loc=()):
    """Every string leaf of parsed YAML with its location."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))


def _set(data, loc, value):
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _word_fields(data) -> list[tuple]:
    return [loc for loc, _ in _strings(data) if not (set(map(str, loc)) & NOT_WORDS) and "link" not in loc[-2:-1]]


def _data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def _one_of(kind: str, preferred: str) -> Path:
    """A data file of the project: ``preferred`` while it exists, else the first one."""
    paths = data_paths(kind)
    return next((path for path in paths if path.stem == preferred), paths[0])


CHECKLIST = _one_of("checklists", "missed-interview")
TEMPLATE = _one_of("templates", "forgot")
CATALOGUE = ROOT / "data" / "fields.yml"


def _cases(path: Path) -> list[tuple]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(path, loc) for loc, _ in _strings(data)]


CASES = _cases(CHECKLIST) + _cases(TEMPLATE) + _cases(CATALOGUE)


@pytest.mark.parametrize("path, loc", CASES, ids=[f"{p.stem}:{'.'.join(map(str, l))}" for p, l in CASES])
def test_markup_in_any_data_field_is_refused_with_file_line_and_field(tmp_path, path, loc):
    data_dir = _data_copy(tmp_path)
    target = data_dir / path.relative_to(ROOT / "data")
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    _set(data, loc, MARKUP)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    family = checklists if "checklists" in target.parts else templates
    with pytest.raises(DataFileError) as caught:
        family.load(data_dir, AGENCY)
    field, lines = ".".join(map(str, loc)), line_index(target)
    named = [p for p in caught.value.problems if p.path == target and (p.field == field or field.startswith(p.field + "."))]
    assert named, str(caught.value)
    # The line of the field the problem names: the field itself, or the parent it is reported on.
    reported = loc[: len(named[0].field.split("."))] if named[0].field else ()
    assert reported in lines, f"{named[0]} names a field the file does not have"
    assert named[0].line == lines[reported], f"{named[0]} should be on line {lines[reported]} ({named[0].field})"


BAD_AGENCY = {
    "name": [MARKUP, "[Call us](https://evil.example/)", "Agency {{ agency.phone }}", "Two\nlines", "A\u202eB", "A\u200bB", "A\u0085B"],  # direction, zero-width, C1
    "phone": ["call 555-0142", "(615) 555-0142<script>", "+1 615 555 0142?x=1",
              "555-0142", "0-0-0-0", "020 7946 0958"],  # no area code, no number, a UK number without +44
    "email": ["jobs@example.com?subject=hi", "Jobs <jobs@example.com>", "javascript:alert(1)", ".a@example.com", "a..b@example.com"],
    "address": [MARKUP, "[here](https://evil.example/)"],
    "hours": [MARKUP, "{{ agency.name }}"],
    "website": ["javascript:alert(1)", "ftp://example.com/", "https://example.com/\"onmouseover=x", "//example.com/", "https://-/"],
    "jobs_url": ["data:text/html,hi", "https://exa mple.com/"],
    "time_zone": ["Mars/Olympus", "Central Time", "../../etc/passwd", "localtime"],
}
AGENCY_CASES = [(key, value) for key, values in BAD_AGENCY.items() for value in values]


def _config_with_agency(folder: Path, values: dict[str, str]) -> Path:
    """A small mkdocs.yml of the test's own: some settings, then extra.agency with ``values``
    (each a JSON string, which YAML reads back as written)."""
    lines = ["site_name: Test site", "nav:", "  - Home: index.md", "extra:", "  # who runs the site", "  agency:"]
    lines += [f"    {key}: {json.dumps(value)}" for key, value in values.items()]
    path = folder / "mkdocs.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("key, value", AGENCY_CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(AGENCY_CASES)])
def test_bad_agency_detail_is_refused_with_mkdocs_yml_line_and_field(tmp_path, key, value):
    values = {k: v for k, v in AGENCY.items() if k != "phone_tel"} | {key: value}
    config = _config_with_agency(tmp_path, values)
    with pytest.raises(DataFileError) as caught:
        agency.details(yaml.safe_load(config.read_text(encoding="utf-8"))["extra"], config)
    expected_line = 7 + list(values).index(key)  # the agency's keys start on line 7
    assert config.read_text(encoding="utf-8").splitlines()[expected_line - 1].startswith(f"    {key}: ")
    assert f"mkdocs.yml:{expected_line}: field 'extra.agency.{key}'" in str(caught.value)


def test_good_agency_details_pass_the_same_check(tmp_path):
    """The fixture itself is valid: each refusal above is the bad value's doing."""
    config = _config_with_agency(tmp_path, {k: v for k, v in AGENCY.items() if k != "phone_tel"})
    assert agency.details(yaml.safe_load(config.read_text(encoding="utf-8"))["extra"], config)["phone_tel"] == AGENCY["phone_tel"]


@pytest.mark.parametrize("phone, tel", [
    ("(615) 555-0142", "+16155550142"),
    ("615.555.0142 ext. 12", "+16155550142;ext=12"),
    ("+44 20 7946 0958", "+442079460958"),
    ("(615) 555-0142 x7", "+16155550142;ext=7"),
])
def test_tel_links_are_derived_from_the_phone(phone, tel):
    assert agency.phone_tel(phone) == tel


# --- allowed but significant text, through a real build ----------------------------------------


class _Shape(HTMLParser):
    """What a page is made of, apart from its words: tags with their attribute names, classes,
    link targets and the text of <title> and meta tags. Inside a Spanish message page's gloss
    (one item per English sentence, so as many as the text has sentences) each kind of tag
    counts once: a tag or an attribute made from text would still be a new kind."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.classes: Counter = Counter()
        self.texts: list[str] = []
        self.heads: list[str] = []
        self._in_title = False
        self._gloss = 0  # depth inside <ol class="tpl-gloss__list">

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        shape = (tag, tuple(sorted(attrs)))
        if self._gloss:
            self._gloss += tag == "ol"
            self.tags[("in a gloss",) + shape] = 1
        else:
            self.tags[shape] += 1
            self._gloss = int(tag == "ol" and "tpl-gloss__list" in (attrs.get("class") or ""))
        self.classes.update((attrs.get("class") or "").split())
        if tag == "meta" and attrs.get("content"):
            self.heads.append(attrs["content"])
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False
        if self._gloss and tag == "ol":
            self._gloss -= 1

    def handle_data(self, data):
        (self.heads if self._in_title else self.texts).append(data)


def _shape(path: Path) -> _Shape:
    shape = _Shape()
    shape.feed(path.read_text(encoding="utf-8"))
    return shape


def _significant_project(project: Path) -> None:
    """Every word field of a checklist, a template, the field catalogue and the agency's
    name, address and hours holds the significant text."""
    for path, value in [(CHECKLIST, SIGNIFICANT), (TEMPLATE, SIGNIFICANT), (CATALOGUE, SIGNIFICANT)]:
        target = project / path.relative_to(ROOT)
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        for loc in _word_fields(data):
            if loc[0] == "channels":  # keep the placeholders, which every listed field needs
                original = dict(_strings(data))[loc]
                _set(data, loc, SIGNIFICANT_BODY + ("\n" if "\n" in original else " ") + original)
            elif "\n" in dict(_strings(data))[loc]:  # keep its paragraphs: only words may change
                _set(data, loc, value + " " + dict(_strings(data))[loc])
            elif loc[-1] != "example":  # examples are made-up values staff copy into links
                _set(data, loc, value)
        target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    written = recipes.set_agency(project, {key: json.dumps(SIGNIFICANT) for key in ("name", "address", "hours")})
    assert len(written) == 3, written


def test_significant_text_is_published_as_text_everywhere(project_copy, tmp_path, built_site):
    _significant_project(project_copy)
    out = tmp_path / "out"
    result = build(project_copy, out)
    assert result.returncode == 0, result.stderr
    pages = sorted(path.relative_to(out) for path in out.rglob("*.html"))
    assert pages == sorted(path.relative_to(built_site) for path in built_site.rglob("*.html"))
    for page in pages:
        before, after = _shape(built_site / page), _shape(out / page)
        assert after.tags == before.tags, f"{page}: elements or attributes were made from text"
        assert "evil" not in after.classes, page
        text = " ".join(after.texts)
        moved = 'http-equiv="refresh"' in (out / page).read_text(encoding="utf-8")  # short addresses carry no content
        assert SIGNIFICANT in text or SIGNIFICANT_BODY in text or page.name == "404.html" or moved, f"{page}: the text is not shown as written"
    checklist = _shape(out / "checklists" / yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))["id"] / "index.html")
    assert any(SIGNIFICANT in head for head in checklist.heads), "title and meta tags hold the text as written"
    assert not any("&#" in head or "&amp;" in head for head in checklist.heads), "no escaped-twice text in <head>"
