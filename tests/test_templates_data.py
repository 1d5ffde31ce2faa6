"""Message templates as data: loading, every kind of broken file, the schemas, the generated pages."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from sitegen import schemas as write_schemas
from conftest import ROOT, build
from sitegen import pages, templates
from sitegen.nav import NavError, add_pages
from testkit import fixtures
from testkit.project_data import data_paths, ids_of
from testkit.sample_agency import AGENCY
from sitegen.datafiles import DataFileError

DATA = ROOT / "data"
# GSM 03.38's basic set: text messages written in it cost the least.
GSM_7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà{}"
)


# --- the real data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> templates.Loaded:
    return templates.load(DATA, AGENCY)


@pytest.mark.real_site
def test_every_template_file_makes_one_template(real):
    assert sorted(t.id for t in real.templates) == sorted(ids_of("templates"))
    assert {t.situation for t in real.templates} <= set(templates.GROUPS), "each goes under a heading of the index"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> templates.Loaded:
    """The fixture catalogue and templates (tests/fixtures/data/), for what depends on wording."""
    return templates.load(fixtures.data_dir(tmp_path_factory.mktemp("sample") / "data", ("forgot", "emergency")), AGENCY)


@pytest.mark.real_site
def test_index_order_follows_what_happened(real):
    situations = [t.situation for t in real.templates]
    assert situations == sorted(situations, key=templates.GROUPS.index)


@pytest.mark.real_site
def test_every_template_has_all_four_channels_and_its_advice(real):
    for template in real.templates:
        assert template.channels.email.subject and template.channels.email.body, template.id
        for channel in ("phone", "voicemail", "text"):
            assert getattr(template.channels, channel).body.strip(), (template.id, channel)
        assert len(template.advice.split()) >= 20, f"{template.id}: advice is too thin"


@pytest.mark.real_site
def test_text_messages_use_plain_characters_and_stay_short(real):
    """Curly quotes or dashes would switch a text to UCS-2 and double its cost."""
    for template in real.templates:
        body = template.channels.text.body
        assert set(body) <= GSM_7, f"{template.id}: {set(body) - GSM_7}"
        assert len(templates.PLACEHOLDER.sub("", body)) <= 200, template.id


@pytest.mark.real_site
def test_each_file_starts_with_the_schema_comment():
    for path in data_paths("templates"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schemas/template.schema.json\n"), path
    assert (DATA / "fields.yml").read_text().startswith("# yaml-language-server: $schema=../schemas/fields.schema.json\n")


@pytest.mark.real_site
def test_file_name_matches_id():
    for path in data_paths("templates"):
        assert yaml.safe_load(path.read_text())["id"] == path.stem


def test_parts_split_text_at_placeholders():
    parts = templates.parts("Dear {interviewer_name},\nThanks {x}")
    assert parts == [
        templates.Part(text="Dear "),
        templates.Part(field="interviewer_name"),
        templates.Part(text=",\nThanks "),
        templates.Part(field="x"),
    ]


def test_blank_text_comes_from_label_or_blank(sample):
    assert sample.catalogue["interviewer_name"].blank_text == "[interviewer's name]"
    assert sample.catalogue["free_time_3"].blank_text == "[a third day and time]"


def test_time_zones_default_to_the_agency_zone_which_is_offered_first_if_missing(sample, tmp_path):
    assert sample.default_zone == AGENCY["time_zone"] == "America/Chicago"
    assert [zone.id for zone in sample.time_zones][:2] == ["America/Chicago", "America/New_York"]
    listed_second = templates.load(fixtures.data_dir(tmp_path / "a"), {**AGENCY, "time_zone": "America/New_York"})
    assert listed_second.default_zone == "America/New_York"
    assert [zone.id for zone in listed_second.time_zones][:2] == ["America/Chicago", "America/New_York"], "a listed zone keeps its place"
    elsewhere = templates.load(fixtures.data_dir(tmp_path / "b"), {**AGENCY, "time_zone": "Europe/London"})
    assert elsewhere.default_zone == "Europe/London"
    assert elsewhere.time_zones[0].id == "Europe/London", "a rebrand to another city needs only mkdocs.yml"


@pytest.mark.real_site
def test_the_real_menu_offers_the_agency_zone(real):
    """The live site: the agency's own zone (mkdocs.yml) is the default, and in the menu."""
    from testkit.project_data import agency

    zone = agency()["time_zone"]
    assert templates.load(DATA, agency()).default_zone == zone
    assert zone in [z.id for z in templates.load(DATA, agency()).time_zones]


# --- broken files: each names the file, the line and the field ------------------------------


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The fixture catalogue with a single fixture template in it, to break."""
    return fixtures.data_dir(tmp_path / "data")


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count))


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


def _error(data_dir: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        templates.load(data_dir, AGENCY)
    return str(caught.value)


def _assert_names(message: str, path: Path, line: int, field: str, words: str) -> None:
    assert f"{path.name}:{line}: field '{field}': " in message, message
    assert words in message, message


FORGOT = "templates/forgot.yml"
BAD_TEMPLATES = [
    # (what is wrong, old text, new text, line holding, field, words in the message)
    # Named on the line of the placeholder itself, not the line of `body: |`.
    ("placeholder used, not listed", "  - id: company\n    required: true\n", "", "very interested in this job at {company}", "channels.email.body", "'{company}' is used here but not listed"),
    ("listed, never used", "  - id: role\n", "  - id: arrival_time\n  - id: role\n", "- id: arrival_time", "fields.7.id", "'arrival_time' is listed but no channel uses"),
    ("not in the catalogue", "  - id: role\n", "  - id: favourite_colour\n  - id: role\n", "favourite_colour", "fields.7.id", "not in data/fields.yml"),
    ("listed twice", "  - id: role\n", "  - id: role\n  - id: role  # again\n", "role  # again", "fields.8.id", "listed twice"),
    ("capitals in braces", "Hello {interviewer_name}, this", "Hello {Interviewer Name}, this", "    body: \"Hello", "channels.text.body", "'{Interviewer Name}' is not a placeholder"),
    # Agency tokens are filled in messages; a misspelt one is named on its own line.
    ("misspelt agency token in a message", "Thank you for reading this.", "Thank you, {{ agency.nmae }}.", "Thank you, {{ agency.nmae }}.", "channels.email.body", "did you mean {{ agency.name }}?"),
    ("lone brace", "Thank you for reading this.", "Thank you } for reading this.", "Thank you } for reading this.", "channels.email.body", "'}' is not a placeholder"),
    ("recipient is not an email field", 'to: "{interviewer_email}"', 'to: "{interviewer_phone}"', 'to: "{interviewer_phone}"', "channels.email.to", "kind is 'email'"),
    ("unknown situation", "situation: missed", "situation: lost", "situation: lost", "situation", "'missed'"),
    ("spelling mistake in a key", "advice: |", "advise: |", "advise: |", "advise", "unknown field"),
    ("id with capitals", "id: forgot", "id: Forgot", "id: Forgot", "id", "pattern"),
    ("empty title", "title: You forgot", "title: ''", "title: ''", "title", "at least 1 character"),
    ("required is not yes or no", "  - id: your_name\n    required: true", "  - id: your_name\n    required: maybe", "required: maybe", "fields.0.required", "boolean"),
]


@pytest.mark.parametrize("case", BAD_TEMPLATES, ids=[case[0] for case in BAD_TEMPLATES])
def test_broken_template_names_file_line_and_field(data_dir, case):
    _, old, new, line_text, field, words = case
    path = data_dir / FORGOT
    _edit(path, old, new)
    _assert_names(_error(data_dir), path, _line_of(path, line_text), field, words)


def test_missing_channel_is_named(data_dir):
    path = data_dir / FORGOT
    text = path.read_text()
    start, end = text.index("  voicemail:\n"), text.index("  text:\n")
    path.write_text(text[:start] + text[end:])
    _assert_names(_error(data_dir), path, _line_of(path, "channels:"), "channels.voicemail", "required but missing")


def test_missing_email_subject_is_named(data_dir):
    path = data_dir / FORGOT
    _edit(path, '    subject: "Missed interview for {role}: {your_name}"\n', "")
    _assert_names(_error(data_dir), path, _line_of(path, "  email:"), "channels.email.subject", "required but missing")


def test_yaml_syntax_error_names_the_line(data_dir):
    path = data_dir / FORGOT
    _edit(path, "title: You forgot", "title: [You forgot")
    message = _error(data_dir)
    # Plain words first, on the line where the unclosed "[" opened.
    assert re.search(r"forgot\.yml:6: the text on line 6 starts with \[", message), message


def test_two_files_with_one_id(data_dir):
    copy = data_dir / "templates" / "forgot-again.yml"
    shutil.copy2(data_dir / FORGOT, copy)
    message = _error(data_dir)
    line = _line_of(copy, "id: forgot")
    assert f"forgot.yml:{line}: field 'id': template id 'forgot' is already used by" in message
    assert f"forgot-again.yml:{line}: field 'id': the id must match the file name 'forgot-again'" in message


def test_every_problem_is_reported_at_once(data_dir):
    """The maintainer fixes all of them in one pass, as the brief asks."""
    path = data_dir / FORGOT
    _edit(path, "Hello {interviewer_name}, this", "Hello {Interviewer}, this")
    _edit(path, "  - id: role\n", "  - id: arrival_time\n  - id: role\n")
    (data_dir / "templates" / "emergency.yml").write_text(fixtures.template_text("emergency"), encoding="utf-8")
    _edit(data_dir / "templates" / "emergency.yml", "situation: missed", "situation: gone")
    message = _error(data_dir)
    assert message.startswith("3 problems in data files:"), message
    assert "emergency.yml" in message and "'{Interviewer}'" in message and "arrival_time" in message


def test_empty_folder_says_what_to_do(data_dir):
    (data_dir / FORGOT).unlink()
    assert "no templates found" in _error(data_dir)


BAD_CATALOGUE = [
    ("unknown kind", "    kind: tel\n    autocomplete: tel", "    kind: phone\n    autocomplete: tel", "kind: phone", "fields.1.kind", "'datetime'"),
    ("datetime without calendar", "    kind: text\n    autocomplete: name", "    kind: datetime\n    autocomplete: name", "- id: your_name", "fields.0", "needs 'calendar'"),
    ("defined twice", "  - id: your_phone\n", "  - id: your_name  # again\n", "your_name  # again", "fields.1.id", "defined twice"),
    ("calendar names a missing field", "details: [interviewer_name,", "details: [boss_name,", "details: [boss_name", "fields.16.calendar.details.0", "'boss_name' is not a field"),
    ("missing hint", "    hint: The best number to reach you.\n", "", "- id: your_phone", "fields.1.hint", "required but missing"),
]


@pytest.mark.parametrize("case", BAD_CATALOGUE, ids=[case[0] for case in BAD_CATALOGUE])
def test_broken_catalogue_names_file_line_and_field(data_dir, case):
    _, old, new, line_text, field, words = case
    path = data_dir / "fields.yml"
    _edit(path, old, new)
    _assert_names(_error(data_dir), path, _line_of(path, line_text), field, words)


# --- the schemas ------------------------------------------------------------------------------


def test_published_schemas_match_the_models():
    assert write_schemas.stale() == [], "run: python scripts/tools/write_schemas.py"


def _schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.real_site
def test_schemas_accept_the_real_files_and_reject_unknown_fields():
    for path in data_paths("templates"):
        jsonschema.validate(yaml.safe_load(path.read_text()), _schema("template"))
    catalogue = yaml.safe_load((DATA / "fields.yml").read_text())
    jsonschema.validate(catalogue, _schema("fields"))
    catalogue["fields"][0]["colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(catalogue, _schema("fields"))


# --- the pipeline ------------------------------------------------------------------------------


@pytest.mark.real_site
def test_pipeline_adds_each_template_to_the_nav_once(real):
    generated = [page for page in pages.load_all(DATA, AGENCY) if page.nav_section == templates.INDEX]
    nav = [{"Start": "index.md"}, {"Message templates": ["templates/index.md"]}]
    for _ in range(2):  # `mkdocs serve` may run on_config twice on one config
        add_pages(nav, templates.INDEX, [page.src_uri for page in generated])
    assert nav[1]["Message templates"] == ["templates/index.md", *(f"templates/{t.id}.md" for t in real.templates)]
    with pytest.raises(NavError, match="templates/index.md"):
        add_pages([{"Start": "index.md"}], templates.INDEX, ["templates/forgot.md"])


def test_pipeline_reports_problems_of_every_family_at_once(tmp_path, data_dir):
    _edit(data_dir / FORGOT, "situation: missed", "situation: lost")
    (data_dir / "checklists").mkdir()
    (data_dir / "checklists" / "broken.yml").write_text("id: x\ntitle: [oops\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        pages.load_all(data_dir, AGENCY)
    message = str(caught.value)
    assert "forgot.yml" in message and "situation" in message
    assert "broken.yml:2: the text on line 2 starts with [" in message


def _one_line_text_body(path: Path) -> int | None:
    """The line of a template's text message when it is one quoted line (``body: "..."``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if line == "  text:"), None)
    if start is None:
        return None
    return next((n + 1 for n in range(start + 1, len(lines)) if lines[n].startswith('    body: "')), None)


def test_broken_template_stops_the_real_build(project_copy, tmp_path):
    """A real template of the project, with an unknown blank typed into its text message."""
    path, line = next((p, n) for p in data_paths("templates", project_copy) if (n := _one_line_text_body(p)))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace('body: "', 'body: "{no_such_blank} ', 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"data/templates/{path.name}:{line}: field 'channels.text.body'" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


# --- the generated pages ----------------------------------------------------------------------


def _page(built_site: Path, template_id: str) -> str:
    """The page's HTML with character references read back, as a browser shows the text."""
    return html_lib.unescape((built_site / "templates" / template_id / "index.html").read_text(encoding="utf-8"))


def test_each_template_page_holds_its_messages_with_blanks(built_site, real):
    for template in real.templates:
        html = _page(built_site, template.id)
        assert f">{template.title}</h1>" in html, template.id
        assert html.count('class="tpl-channel"') == 4, template.id
        assert """<span class="tpl-blank" data-field="your_name">[your name]</span>""" in html
        first_words = templates.PLACEHOLDER.split(template.channels.voicemail.body)[0].strip()[:30]
        assert first_words in html, template.id
        assert '<meta name="description" content="' + template.scenario in html
        assert "{" + "interviewer_name}" not in html, "a placeholder was left raw"


def test_calendar_buttons_only_where_a_date_field_is_listed(built_site, real):
    for template in real.templates:
        html = _page(built_site, template.id)
        dated = [f.id for f in template.fields if real.catalogue[f.id].kind == "datetime"]
        assert html.count('data-action="ics"') == len(dated), template.id
        assert ('id="tpl-f-time_zone"' in html) == bool(dated), template.id


@pytest.mark.parametrize("template_id", ids_of("templates")[:1])
def test_form_inputs_have_no_names_so_nothing_can_reach_a_query_string(built_site, template_id):
    html = _page(built_site, template_id)
    start = html.index('data-module="message-template"')
    form = html[start : html.index('class="tpl-staff"', start)]
    assert " name=" not in form and " action=" not in form and "<form" not in form
    assert re.search(r'<input type="checkbox" id="tpl-remember"(?![^>]*checked)', form)


def test_index_groups_templates_by_what_happened(built_site, real):
    html = (built_site / "templates" / "index.html").read_text(encoding="utf-8")
    headings = [html_lib.unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    # One heading per group that has templates, in the groups' order, worded by the catalogue.
    from sitegen import strings
    from testkit.project_data import raw_config

    language = (raw_config().get("theme") or {}).get("language", "en")
    words = strings.load(strings.catalogue_path(ROOT, language))["messages_index"]["groups"]
    used = [key for key in templates.GROUPS if any(t.situation == key for t in real.templates)]
    assert headings[: len(used)] == [words[key.replace("-", "_")] for key in used]
    for template in real.templates:
        assert f'href="{template.id}/"' in html, template.id
    positions = [html.index(f'href="{t.id}/"') for t in real.templates]
    assert positions == sorted(positions)


def test_home_page_what_happened_links_lead_to_templates(built_site):
    """Home -> a situation page (the "What happened?" choices) -> the message that fits: every
    message a situation file offers is one tap away on its page."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    situations = sorted(set(re.findall(r'href="(situations/[a-z-]+/)"', home)))
    assert len(situations) >= 4
    reached = set()
    for situation in situations:
        page = (built_site / situation / "index.html").read_text(encoding="utf-8")
        reached |= set(re.findall(r'href="\.\./\.\./templates/([a-z-]+)/"', page))
    offered = {m.group(1) for path in data_paths("situations") for m in re.finditer(r"to: templates/([a-z0-9-]+)\.md", path.read_text(encoding="utf-8"))}
    assert offered and offered <= reached, sorted(offered - reached)


def test_template_pages_read_at_grade_8_or_lower(built_site, real):
    """The same bar as the guides: messages are for stressed readers, some reading a second language."""
    from testkit.readability import grade as reading_grade
    from testkit.site_pages import article_sentences

    for template in real.templates:
        grade = reading_grade(article_sentences(_page(built_site, template.id)))
        assert grade <= 8.0, f"{template.id} reads at grade {grade:.1f}"


@pytest.mark.real_site
def test_script_never_parses_values_as_markup_or_code():
    """A guard for the strict CSP to come and for XSS: values only ever go in as text."""
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts").rglob("*.js"))
    script = "\n".join(path.read_text(encoding="utf-8") for path in scripts if "vendor" not in path.parts)
    assert scripts, "the site's scripts were found"
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute(\"on"):
        assert risky not in script, risky
