"""The interface strings catalogue (sitegen.strings, data/strings/<language>.yml).

- The catalogue itself: Jinja and Python access, "did you mean" for an unknown key (an error
  Jinja cannot turn into an empty string), problems in the file with their line, read-only.
- Every key the templates name is in the catalogue (the PDF templates too, which a site build
  without PDFs never renders).
- A build whose catalogue has every value marked ⟦like this⟧ shows no interface text that is
  not marked: every visible text node and every aria-label, title, alt, placeholder and
  wording data attribute of every page comes from the catalogue, from the data (docs/*.md,
  data/**/*.yml, mkdocs.yml), or from Material's own language file, or is punctuation.
"""

from __future__ import annotations

import html
import os
import pickle
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
import yaml
from markupsafe import Markup

from sitegen import agency as agency_details
from sitegen import datafiles, render, rules, strings, translations
from sitegen import editions as editions_module
from sitegen.datafiles import DataFileError
from sitegen.project import ROOT, copy_project
from testkit import project_data

CATALOGUE = strings.catalogue_path(ROOT, "en")
OPEN, CLOSE = "⟦", "⟧"


def write_catalogue(root: Path, text: str) -> Path:
    path = strings.catalogue_path(root, "en")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


SMALL = """
    language: en
    meta:
      locale: en_US
    pdf:
      date_format: "%B %-d, %Y"
    share:
      title: Share this page
      copy: Copy this page's link
    contact:
      reach: Call {phone} or email {email}.
      progress: "{done} of {total} done"
"""


@pytest.fixture
def ui(tmp_path) -> strings.Strings:
    return strings.load(write_catalogue(tmp_path, SMALL))


# --- the catalogue ---------------------------------------------------------------------------


def test_catalogue_path_is_data_strings_language_yml(tmp_path):
    assert strings.catalogue_path(tmp_path, "es") == tmp_path / "data" / "strings" / "es.yml"


def test_strings_read_from_jinja_and_python(ui):
    template = jinja2.Environment().from_string("{{ ui.share.title }} / {{ ui['share']['copy'] }}")
    assert template.render(ui=ui) == "Share this page / Copy this page's link"
    assert ui["share"]["title"] == "Share this page"
    assert ui.get_text("share.title") == "Share this page"
    assert "share" in ui and "nope" not in ui and ui.get("nope") is None
    assert ui.dotted()["contact.reach"] == "Call {phone} or email {email}."


def test_unknown_key_says_did_you_mean(ui):
    # A ValueError: Jinja turns LookupError (KeyError) and AttributeError into an empty Undefined.
    assert issubclass(strings.UnknownString, ValueError) and not issubclass(strings.UnknownString, (LookupError, AttributeError))
    with pytest.raises(strings.UnknownString) as python_error:
        ui.get_text("share.titel")
    assert str(python_error.value) == "no string 'share.titel' in data/strings/en.yml; did you mean 'share.title'?"
    with pytest.raises(strings.UnknownString, match=r"no string 'shar' in data/strings/en\.yml; did you mean 'share'\?"):
        ui.shar
    with pytest.raises(strings.UnknownString, match=r"no string 'zzz\.qqq' in data/strings/en\.yml; add it there"):
        ui.get_text("zzz.qqq")


@pytest.mark.parametrize("undefined", [jinja2.Undefined, jinja2.StrictUndefined, jinja2.ChainableUndefined])
@pytest.mark.parametrize("source", ["{{ ui.share.titel }}", "{{ ui['share']['titel'] }}", "{{ ui.shar.title }}"])
def test_jinja_does_not_swallow_an_unknown_key(ui, undefined, source):
    """Jinja turns KeyError and AttributeError into an empty Undefined; this error gets through."""
    template = jinja2.Environment(undefined=undefined).from_string(source)
    with pytest.raises(strings.UnknownString, match="did you mean"):
        template.render(ui=ui)


def test_markdown_templates_stop_on_an_unknown_key(ui):
    """The Markdown templates' own environment (sitegen.render), as the build uses it."""
    template = render.environment().from_string("# {{ ui.share.titel }}")
    with pytest.raises(strings.UnknownString, match="did you mean 'share.title'"):
        template.render(ui=ui, page_src="x.md")


def test_a_group_printed_as_a_string_is_an_error(ui):
    with pytest.raises(strings.UnknownString, match="'share' in data/strings/en.yml is a group of strings"):
        jinja2.Environment().from_string("{{ ui.share }}").render(ui=ui)
    with pytest.raises(strings.UnknownString, match="is a group of strings"):
        ui.get_text("share")


def test_catalogue_is_read_only(ui):
    with pytest.raises(TypeError, match="read-only"):
        ui.share = "x"
    with pytest.raises(TypeError, match="read-only"):
        ui["share"].title = "x"
    with pytest.raises(TypeError):
        ui["share"]["title"] = "x"
    with pytest.raises(TypeError):
        del ui["share"]
    assert ui.share.title == "Share this page"


def test_catalogue_survives_pickling(ui):
    """The PDFs may hand the catalogue to worker processes."""
    copy = pickle.loads(pickle.dumps(ui))
    assert copy.share.title == "Share this page" and copy == ui


def test_fill_fills_named_placeholders_and_keeps_the_scripts(ui):
    assert ui.fill("contact.progress", done=0) == "0 of {total} done"
    assert ui.fill("contact.reach", phone="{email}", email="a@b.c") == "Call {email} or email a@b.c."  # one pass
    with pytest.raises(strings.UnknownString, match=r"'contact.reach' in data/strings/en.yml has no \{hours\}"):
        ui.fill("contact.reach", hours="9 to 5")


def test_fill_html_escapes_the_words_and_keeps_markup(tmp_path):
    ui = strings.load(write_catalogue(tmp_path, SMALL.replace("Call {phone} or", "Call <{phone}> & or")))
    link = Markup('<a href="tel:1">1</a>')
    assert ui.fill_html("contact.reach", phone=link, email="<b>") == 'Call &lt;<a href="tel:1">1</a>&gt; &amp; or email &lt;b&gt;.'


def test_fill_escaped_escapes_only_the_words(ui):
    """For Python that writes Markdown: the words escaped for Markdown, the values as made."""
    written = ui.fill_escaped("contact.reach", render.text, phone="[(1)](tel:1)", email="`a@b.c`")
    assert written == "Call [(1)](tel:1) or email `a@b.c`&#46;"
    assert ui.fill_escaped("contact.progress", render.text, done="0") == "0 of &#123;total&#125; done"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  count: 3", r"en\.yml:4: field 'share\.count': this must be text, not a number"),
        ("  shown: yes", r"en\.yml:4: field 'share\.shown': this must be text, not yes/no"),
        ("  empty:", r"en\.yml:4: field 'share\.empty': this string is empty"),
        ("  list: [a, b]", r"en\.yml:4: field 'share\.list': this must be text, not a list"),
        ("  Title: Big", r"en\.yml:4: field 'share\.Title': 'Title' is not a usable name"),
        ("  items: Steps", r"en\.yml:4: field 'share\.items': 'items' is a name the catalogue keeps for itself"),
        ("  title: \"Share", r"en\.yml:4: .*(quote|YAML)"),
    ],
)
def test_a_bad_value_is_reported_with_file_line_and_key(tmp_path, line, expected):
    text = "language: en\nmeta: {locale: en_US}\nshare:\n" + line + "\npdf: {date_format: x}\n"
    path = strings.catalogue_path(tmp_path, "en")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=expected):
        strings.load(path)


def test_settings_must_be_there_and_the_language_match_the_file(tmp_path):
    path = write_catalogue(tmp_path, "language: en\nshare:\n  title: Share\n")
    with pytest.raises(DataFileError) as missing:
        strings.load(path)
    assert "field 'meta.locale': this setting is missing" in str(missing.value)
    assert "field 'pdf.date_format': this setting is missing" in str(missing.value)
    path = write_catalogue(tmp_path, SMALL.replace("language: en", "language: es"))
    with pytest.raises(DataFileError, match=r"en\.yml:1: field 'language': 'es' does not match the file name"):
        strings.load(path)


def test_the_real_catalogue_loads_with_its_settings():
    ui = strings.load(CATALOGUE)
    assert ui.language == "en" and ui.meta.locale == "en_US" and "%Y" in ui.pdf.date_format
    assert CATALOGUE.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schemas/strings.schema.json\n")


# --- every key a template names is in the catalogue -------------------------------------------

TEMPLATE_FOLDERS = [ROOT / "overrides", ROOT / "scripts/sitegen/markdown_templates", ROOT / "scripts/sitegen/pdfs/templates"]
NAMED = re.compile(r"\bui((?:\.[a-z_][a-z0-9_]*)+)")
FILLED = re.compile(r"\bui\.fill(?:_html)?\(\s*[\"']([a-z0-9_.]+)[\"']")


def _template_files() -> list[Path]:
    return sorted(path for folder in TEMPLATE_FOLDERS for path in folder.rglob("*") if path.suffix in (".html", ".md"))


def test_every_key_the_templates_name_is_in_the_catalogue():
    ui = strings.load(CATALOGUE)
    missing = []
    for path in _template_files():
        source = path.read_text(encoding="utf-8")
        keys = {m.group(1).lstrip(".") for m in NAMED.finditer(source)} | set(FILLED.findall(source))
        for key in sorted(keys - {"fill", "fill_html"}):
            try:
                ui.get_text(key)
            except strings.UnknownString as error:
                if "is a group" not in str(error):  # ui.message.channels[name] names a group
                    missing.append(f"{path.relative_to(ROOT)}: {error}")
    assert not missing, "\n".join(missing)


def test_keys_templates_pick_by_name_are_all_there():
    """Groups a template indexes with a value from the data or the code: every value has its string."""
    from sitegen.pdfs import sources

    ui = strings.load(CATALOGUE)
    messages = project_data.data_of("templates")
    for channel in {name for template in messages for name in template["channels"]}:
        assert {"heading", "fields_label", "copy"} <= set(ui.message.channels[channel]), channel
    assert {"open", "copy_subject"} <= set(ui.message.channels.email) and "open" in ui.message.channels.text
    assert set(sources.PARTS) <= set(ui.pdf.parts)
    situations = {template["situation"].replace("-", "_") for template in messages}
    assert situations <= set(ui.messages_index.groups), "a heading for each situation the templates name"
    message = (ROOT / "scripts/sitegen/markdown_templates/message.md").read_text(encoding="utf-8")
    listed = re.search(r"script_words = \[(.*?)\]", message, re.S).group(1)
    assert set(re.findall(r'"([a-z_]+)"', listed)) == set(ui.message.script), "each ui.message.script string becomes a data-*-text"


# --- a build with a marked catalogue shows no unmarked interface text -------------------------


def marked(values: dict, prefix: str = "") -> dict:
    """Every string of a catalogue wrapped in ⟦ ⟧, placeholders kept; settings stay as they are."""
    out = {}
    for key, value in values.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            out[key] = marked(value, f"{dotted}.")
        else:
            out[key] = value if dotted in strings.SETTINGS else f"{OPEN}{value}{CLOSE}"
    return out


def _build(project: Path, out: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MIH_PDFS="0", NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): a copy of the project whose catalogue is all marked, built."""
    base = tmp_path_factory.mktemp("strings")
    project = copy_project(base / "project")
    for language in ("en", *translations.LANGUAGES):  # each edition's catalogue
        catalogue = strings.catalogue_path(project, language)
        values = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
        values.pop(strings.STAMPS, None)  # the in-step record, not words
        catalogue.write_text(yaml.safe_dump(marked(values), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    site = base / "site"
    result = _build(project, site)
    assert result.returncode == 0, f"the build with a marked catalogue failed:\n{result.stdout}\n{result.stderr}"
    return project, site


# Attributes whose values are words a reader meets (screen readers, tooltips, empty boxes).
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}
# Data attributes that hold ids, numbers or JSON of data, not words.
NOT_WORDS = {"data-details", "data-reminders", "data-pages", "data-fields", "data-minutes"}
WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]")
LETTER = re.compile(r"[^\W\d_]")
ADDRESS = re.compile(r"(https?://|mailto:|tel:)\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+")
SEPARATOR = re.compile(r"\s+[-·–—|]\s+|:\s+")
EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def is_wording_attribute(name: str, value: str) -> bool:
    if name in READ_ATTRIBUTES:
        return True
    if not name.startswith("data-") or name in NOT_WORDS or value.lstrip().startswith(("[", "{")):
        return False
    return name.endswith("-text") or bool(WORDS.search(value))


class PageTexts(HTMLParser):
    """What a reader meets on a page: text nodes of <title> and <body> in order (kind "text",
    or "code" inside <code>), and the wording attributes (kind "@name" on <tag>)."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []
        self.attributes: list[tuple[str, str]] = []
        self._skip = self._code = 0
        self._title = self._body = False

    @property
    def _open(self) -> bool:
        return self._title or self._body

    def handle_starttag(self, tag, attrs):
        self._skip += tag in self.SKIP
        self._code += tag == "code"
        self._title |= tag == "title"
        self._body |= tag == "body"
        if self._open:
            self.attributes += [(f"<{tag} {name}>", value) for name, value in attrs if value and is_wording_attribute(name, value)]

    def handle_startendtag(self, tag, attrs):
        if self._open:
            self.attributes += [(f"<{tag} {name}>", value) for name, value in attrs if value and is_wording_attribute(name, value)]

    def handle_endtag(self, tag):
        self._skip -= tag in self.SKIP and self._skip > 0
        self._code -= tag == "code" and self._code > 0
        if tag == "title":
            self._title = False

    def handle_data(self, data):
        if self._open and not self._skip:
            self.texts.append(("code" if self._code else "text", data))


def unmarked_runs(pieces: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], int]:
    """The text outside ⟦ ⟧, as (kind, run), following the marks across text nodes (a marked
    sentence may hold a link); and the depth left at the end (0 when the marks balance)."""
    runs, depth = [], 0
    for kind, text in pieces:
        run = ""
        for char in text:
            if char in (OPEN, CLOSE):
                if run.strip():
                    runs.append((kind, run))
                run = ""
                depth += 1 if char == OPEN else -1
            elif depth == 0:
                run += char
        if run.strip():
            runs.append((kind, run))
    return runs, depth


def _plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _strings_in(value) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [str(key), *_strings_in(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings_in(item)]
    return [str(value)] if value is not None else []


class Sources:
    """The words that may show without a mark: the project's data and Material's own strings."""

    def __init__(self, project: Path):
        agency = project_data.agency(project)
        the_rules = rules.load(project / "data", agency)
        # Each other edition: its agency words and its rules, read as its build reads them.
        extra = project_data.mkdocs_config(project).extra
        editions = [(language, agency_details.details(extra, project / "mkdocs.yml", language)) for language in translations.LANGUAGES]
        spoken = []
        for language, words in editions:
            with datafiles.in_language(language):
                spoken.append((words, rules.load(project / "data", words)))

        def fill(text: str, words=agency, said=the_rules) -> str:
            text = re.sub(r"\{\{\s*agency\.([a-z_]+)\s*\}\}", lambda m: words.get(m.group(1), m.group(0)), text)
            return rules.TOKEN.sub(lambda m: said.text(m.group(1)), text)

        config = project_data.raw_config(project)
        found = [*_strings_in({key: value for key, value in config.items() if key != "nav"}), *_strings_in(config.get("nav"))]
        found += [value for value in agency.values()] + [agency["time_zone"].replace("_", " ")]
        for path in sorted((project / "data").rglob("*")):
            if path.suffix in (".yml", ".yaml") and "strings" not in path.relative_to(project / "data").parts:
                found += _strings_in(yaml.safe_load(path.read_text(encoding="utf-8")))
        found += [path.read_text(encoding="utf-8") for path in sorted((project / "docs").rglob("*.md"))]
        found += list(editions_module.NAMES.values())  # each language's name, in the switcher
        texts = [_plain(fill(text)) for text in found]
        for words, said in spoken:
            texts += [_plain(fill(text, words, said)) for text in found] + [_plain(value) for value in words.values()]
        # One text to search, the sources apart: a run cannot match across two of them.
        self.data = "\n" + "\n".join(texts) + "\n"
        self.material = material_strings() | {text for language in translations.LANGUAGES for text in material_strings(language)}

    def from_data(self, text: str) -> bool:
        for candidate in {text, text[:1].swapcase() + text[1:]}:  # "use these..." from "Use these..."
            start = self.data.find(candidate)
            while start != -1:
                end = start + len(candidate)
                if not (self.data[start - 1].isalnum() or self.data[end].isalnum()):  # whole words only
                    return True
                start = self.data.find(candidate, start + 1)
        return False

    def allowed(self, kind: str, run: str) -> bool:
        text = _plain(run)
        if not LETTER.search(text) or ADDRESS.fullmatch(text) or (kind == "code" and " " not in text):
            return True  # punctuation and digits; an address; an id or example in <code>
        core = EDGES.sub("", text)  # "1. Call now" is a step number and a step's title
        if core in self.material or self.from_data(core):
            return True
        pieces = [piece for piece in SEPARATOR.split(text) if piece.strip()]  # "Agency · phone"
        return len(pieces) > 1 and all(self.allowed(kind, piece) for piece in pieces)


def material_strings(language: str = "en") -> set[str]:
    """Material's interface strings in ``language`` (templates/partials/languages/<language>.html),
    and the one word its templates write without it (the logo's alt text)."""
    import material

    source = (Path(material.__file__).parent / f"templates/partials/languages/{language}.html").read_text(encoding="utf-8")
    return {html.unescape(value) for value in re.findall(r'^\s*"[^"]+":\s*"(.*)",?$', source, re.M)} | {"logo"}


def unmarked_on(page: str, sources: Sources) -> list[str]:
    """Every piece of interface text on one page (its HTML) that is not marked and does not
    come from the data or Material."""
    parser = PageTexts()
    parser.feed(page)
    problems = []
    runs, depth = unmarked_runs(parser.texts)
    if depth:
        problems.append(f"the page's marks do not balance (depth {depth} at the end)")
    problems += [f"{_plain(run)!r}" for kind, run in runs if not sources.allowed(kind, run)]
    for where, value in parser.attributes:
        runs, depth = unmarked_runs([("text", value)])
        problems += [f"{where} {_plain(run)!r}" for kind, run in runs if not sources.allowed(kind, run)]
        if depth:
            problems.append(f"{where} {value!r}: marks do not balance")
    return problems


def site_pages(site: Path) -> dict[str, str]:
    """Every HTML file of the built site by its address ("", "contact/", "404.html")."""
    return {path.relative_to(site).as_posix().removesuffix("index.html"): path.read_text(encoding="utf-8")
            for path in sorted(site.rglob("*.html"))}


def page_type(url: str) -> str:
    for section in ("situations", "checklists", "templates"):
        if url == f"{section}/":
            return f"{section} index"
        if url.startswith(f"{section}/"):
            return section
    return {"": "home", "contact/": "contact", "for-staff/": "staff", "404.html": "404"}.get(url, "guide")


PAGE_TYPES = {"home", "guide", "situations", "checklists", "templates", "situations index", "checklists index",
              "templates index", "contact", "staff", "404"}


def test_every_page_type_is_built_and_checked(marked_site):
    _project, site = marked_site
    assert PAGE_TYPES <= {page_type(url) for url in site_pages(site)}


def test_every_interface_string_on_every_page_comes_from_the_catalogue(marked_site):
    project, site = marked_site
    sources = Sources(project)
    found: dict[str, list[str]] = {}
    for url, page in site_pages(site).items():
        for problem in unmarked_on(page, sources):
            found.setdefault(problem, [])
            if (url or "(home)") not in found[problem]:
                found[problem].append(url or "(home)")
    lines = [f"  {text} on {', '.join(urls[:3])}{f' and {len(urls) - 3} more' if len(urls) > 3 else ''}"
             for text, urls in sorted(found.items())]
    assert not found, (
        "Interface text that is not in data/strings/en.yml (a marked test catalogue left it unmarked).\n"
        "Move each into the catalogue and use ui.<group>.<key> in its template:\n" + "\n".join(lines)
    )


def test_the_check_catches_an_unmarked_string(marked_site):
    """The check itself: a sentence typed into a template, in text or in an attribute, is found."""
    project, site = marked_site
    sources = Sources(project)
    page = (site / "contact" / "index.html").read_text(encoding="utf-8")
    assert unmarked_on(page, sources) == []
    typed = page.replace("</aside>", "<p>Our desk opens <a href='#'>at noon</a> on Sundays.</p></aside>", 1)
    typed = typed.replace("<button ", '<button aria-label="Copy the whole page now" ', 1)
    assert not any(sources.from_data(words) for words in ("Our desk opens", "at noon", "on Sundays", "Copy the whole page now"))
    assert unmarked_on(typed, sources) == ["'Our desk opens'", "'at noon'", "'on Sundays.'", "<button aria-label> 'Copy the whole page now'"]
    title = strings.load(CATALOGUE).contact.title
    assert f">{OPEN}{title}{CLOSE}<" in page
    unclosed = page.replace(f">{OPEN}{title}{CLOSE}<", f">{OPEN}{title}<")
    assert unmarked_on(unclosed, sources) == ["the page's marks do not balance (depth 1 at the end)"]


def test_schema_accepts_the_catalogue_and_refuses_what_load_refuses():
    """schemas/strings.schema.json (written by hand) checks as you type what load() checks."""
    import json

    import jsonschema

    schema = json.loads((ROOT / "schemas" / "strings.schema.json").read_text(encoding="utf-8"))
    values = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    jsonschema.validate(values, schema)
    name_rule = schema["$defs"]["name"]
    assert set(name_rule["not"]["enum"]) == strings.RESERVED_NAMES, "the schema's reserved names follow sitegen.strings"
    for broken in ({**values, "share": {"count": 3}}, {**values, "share": {"items": "x"}}, {**values, "share": {}},
                   {key: value for key, value in values.items() if key != "language"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
