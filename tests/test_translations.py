"""The Spanish texts (issue #18): every English text has its translation, each translation is
in step with the English it was written from, and the words meet the Spanish bars of the brief.

The translations live beside the English (sitegen/translations.py): docs/es/ for the guide
pages, data/es/ for the data files' words, data/strings/es.yml for the interface strings.
These checks read the source files; none needs a build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from sitegen import rules as site_rules
from sitegen import strings
from sitegen import translations
from sitegen.project import ROOT
from testkit.project_data import agency, data_paths
from testkit.readability_es import fernandez_huerta
from testkit.site_pages import article_sentences
from testkit.sms import segments

LANGUAGES = translations.LANGUAGES
MIN_SCORE = 70  # Fernández-Huerta: about grade 8 or lower (the brief)
# Words that belittle a hard task, the Spanish of the English rule (tests/test_words_content.py).
BELITTLING = re.compile(r"\b(solo|sólo|simplemente|fácil|fácilmente|obviamente|por supuesto|básicamente|meramente)\b", re.IGNORECASE)
TOKEN = re.compile(r"\{\{\s*(agency|rule)\.([a-z_]+)\s*\}\}")
TOOL = ROOT / "scripts" / "tools" / "translations.py"


def _read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _copy(tmp_path: Path) -> Path:
    """The texts a translation check reads (data/ and the pages in docs/), to change safely."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("assets"))
    return root


def _gaps(root: Path, language: str = "es") -> list[str]:
    return [str(gap) for gap in translations.gaps(root, language)]


def _tool(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), "--root", str(root), *args], capture_output=True, text=True, cwd=root)


# --- every text translated and in step ----------------------------------------------------

@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_english_text_has_its_translation_in_step(language):
    found = _gaps(ROOT, language)
    assert found == [], "translations to write or update (scripts/tools/translations.py lists them):\n" + "\n".join(found)


def test_a_changed_english_sentence_names_the_spanish_text_now_behind(tmp_path):
    root = _copy(tmp_path)
    english = data_paths("templates", root)[0]
    body = _read(english)["channels"]["email"]["body"]
    first = translations.sentences(body)[1][0]  # the first sentence after the greeting
    text = english.read_text(encoding="utf-8")
    assert first in text
    english.write_text(text.replace(first, first.rstrip(".") + ", and one more thing.", 1), encoding="utf-8")

    found = _gaps(root)
    spanish = f"data/es/templates/{english.name}"
    assert len(found) == 1 and found[0].startswith(f"{spanish}: channels.email.body: behind"), found
    listed = _tool(root)
    assert listed.returncode == 1 and f"{spanish}: channels.email.body: behind" in listed.stdout, listed.stdout

    marked = _tool(root, "reviewed", str(root / spanish))
    assert marked.returncode == 0, marked.stderr
    assert _gaps(root) == []
    assert _tool(root).returncode == 0


def test_a_changed_guide_page_names_its_spanish_page(tmp_path):
    root = _copy(tmp_path)
    page = root / "docs" / "what-to-do-now.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne new sentence.\n", encoding="utf-8")
    found = _gaps(root)
    assert len(found) == 1 and found[0].startswith("docs/es/what-to-do-now.md: behind: docs/what-to-do-now.md changed"), found
    _tool(root, "reviewed", "docs/es/what-to-do-now.md")
    assert _gaps(root) == []
    assert "translated_from:" in (root / "docs/es/what-to-do-now.md").read_text(encoding="utf-8").split("---")[1]


def test_a_new_english_item_and_a_missing_file_are_named(tmp_path):
    root = _copy(tmp_path)
    checklist = data_paths("checklists", root)[0]
    data = _read(checklist)
    first_item = data["sections"][0]["items"][0]
    text = checklist.read_text(encoding="utf-8")
    line = f"      - id: {first_item['id']}\n"
    assert line in text
    checklist.write_text(text.replace(line, "      - id: brand-new-step\n        text: A brand new step.\n" + line, 1), encoding="utf-8")
    (root / "data" / "es" / "situations" / data_paths("situations", root)[0].name).unlink()

    found = "\n".join(_gaps(root))
    assert f"data/es/checklists/{checklist.name}: sections.0.items.brand-new-step.text: not translated yet (English: 'A brand new step.')" in found
    assert f"data/es/situations/{data_paths('situations', root)[0].name}: missing: translate data/situations/" in found


def test_overlay_puts_the_words_in_place_and_names_what_has_no_place():
    english = {"id": "x", "title": "Title", "order": 3,
               "items": [{"id": "a", "text": "A", "to": "a.md"}, {"id": "b", "text": "B"}],
               "steps": [{"text": "One"}, {"text": "Two"}]}
    merged, problems = translations.overlay(english, {"id": "x", "title": "Título", "items": [{"id": "b", "text": "Be"}]})
    assert problems == []
    assert merged == {**english, "title": "Título", "items": [{"id": "a", "text": "A", "to": "a.md"}, {"id": "b", "text": "Be"}]}

    _merged, problems = translations.overlay(english, {
        "titel": "Título", "order": 4,
        "items": [{"id": "c", "text": "Ce"}, {"id": "a", "text": ["A"]}],
        "steps": [{"text": "Uno"}],
    })
    assert dict(problems) == {
        "titel": "the English file has no such key; check the spelling against it",
        "order": "this is not words: leave it out, the English file's value is used",
        "items.0": "no item with id 'c' in the English list; keep each item's id as it is in English",
        "items.a.text": "the English value is text, so write text here too",
        "steps": "the English list has 2 items and this one 1; keep the same items in the same order",
    }


# --- messages: the Spanish stands sentence by sentence under the English ------------------

def _templates(language: str):
    for english in data_paths("templates", ROOT):
        yield english.stem, _read(english), _read(translations.translation_of(ROOT, english, language))


@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_message_stands_sentence_by_sentence_under_the_english(language):
    problems = [f"data/{language}/templates/{template_id}.yml: channels.{channel}.body: {problem}"
                for template_id, english, translated in _templates(language)
                for channel, words in english["channels"].items()
                for problem in translations.alignment_problems(words["body"], translated["channels"][channel]["body"])]
    assert problems == [], "\n".join(problems)


def test_alignment_names_a_missing_sentence_and_a_changed_blank():
    english = "Dear {name},\n\nI am sorry. I was late.\n\n{me}"
    assert translations.alignment_problems(english, "Estimado/a {name}:\n\nLo siento. Llegué tarde.\n\n{me}") == []
    assert translations.pairs(english, "Hola {name}:\n\nLo siento. Llegué tarde.\n\n{me}")[1] == [("I am sorry.", "Lo siento."), ("I was late.", "Llegué tarde.")]
    assert translations.alignment_problems(english, "Estimado/a {name}:\n\nLo siento y llegué tarde.\n\n{me}") == [
        "paragraph 2: the English has 2 sentences and the translation 1; write one sentence for each, in the same order"]
    assert translations.alignment_problems(english, "Estimado/a {nombre}:\n\nLo siento. Llegué tarde.\n\n{me}") == [
        "paragraph 1, sentence 1: the English fills ['{name}'] and the translation ['{nombre}']; use the same blanks"]
    assert translations.alignment_problems(english, "Hola.\n\nLo siento. Tarde.") == [
        "the English has 3 paragraphs and the translation 2; keep one paragraph for each"]


# What the employer would read as an either/or: "(o ...)" left for the reader to delete, or a
# word with two endings ("Estimado/a", "interesado(a)"). The English rule: sitegen/templates.py.
EITHER_OR = re.compile(r"\(o\b|\b\w+/\w+\b|\w\((?:a|as|o|os)\)", re.IGNORECASE)


@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translated_message_sends_an_either_or(language):
    found = []
    for template_id, english, translated in _templates(language):
        merged, _ = translations.overlay(english, translated)
        sent = [text for channel in merged["channels"].values() for key, text in channel.items() if key in ("subject", "body")]
        sent += [option["words"] for choice in merged.get("choices", []) for option in choice["options"]]
        found += [f"{template_id}: {m.group(0)!r}" for text in sent for m in EITHER_OR.finditer(text)]
    assert found == [], found


def test_the_either_or_pattern_finds_two_endings_and_a_left_alternative():
    for sent in ("Estimado/a Sra. Lee:", "Estoy interesado(a).", "Me falló el carro (o el bus)."):
        assert EITHER_OR.search(sent), sent
    assert not EITHER_OR.search("Buen día, Sra. Lee: llego a las 10:20 (hora del Centro).")


def _sample_values(language: str) -> dict[str, str]:
    english = {field["id"]: field.get("example", "") for field in _read(ROOT / "data" / "fields.yml")["fields"]}
    translated = _read(translations.translation_of(ROOT, ROOT / "data" / "fields.yml", language))
    english.update({field["id"]: field["example"] for field in translated["fields"] if field.get("example")})
    return english


def _spanish_texts(language: str):
    """Each translated text message with the sample details, once per answer of each choice."""
    values = _sample_values(language)
    for template_id, english, translated in _templates(language):
        merged, _ = translations.overlay(english, translated)
        bodies = [merged["channels"]["text"]["body"].strip()]
        for choice in merged.get("choices", []):
            bodies = [body.replace("{" + choice["id"] + "}", option["words"]) for body in bodies for option in choice["options"]]
        for body in bodies:
            yield template_id, re.sub(r"\{([a-z_0-9]+)\}", lambda m: values[m.group(1)], body)


@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_translated_text_fits_two_messages_with_sample_details(language):
    texts = list(_spanish_texts(language))
    assert len(texts) >= len(data_paths("templates", ROOT))
    too_long = [f"{template_id}: {segments(text)} for {len(text)} characters:\n{text}" for template_id, text in texts if segments(text)[1] > 2]
    assert too_long == [], "\n".join(too_long)


def test_the_segment_count_knows_spanish_letters_take_ucs2():
    assert segments("Hola, soy Ana. Llego a las 10:20.") == ("gsm", 1)
    assert segments("Perdón, llegaré tarde.") == ("ucs2", 1)
    assert segments("á" * 70) == ("ucs2", 1) and segments("á" * 71) == ("ucs2", 2) and segments("á" * 135) == ("ucs2", 3)
    assert segments("a" * 160) == ("gsm", 1) and segments("a" * 161) == ("gsm", 2)


# --- plain Spanish: Fernández-Huerta 70 or more, no belittling words ------------------------

def _filled(text: str, language: str) -> str:
    """The text with the agency's details and the translated rules in place of their tokens."""
    rules = _read(ROOT / "data" / language / "rules.yml")
    rules["contact_first"] = " ".join(rules[part] for part in site_rules.PARTS)
    details = agency()
    for _ in range(2):  # a rule may hold agency tokens
        text = TOKEN.sub(lambda m: str(details.get(m.group(2), "")) if m.group(1) == "agency" else rules[m.group(2)], text)
    return text


def _page_text(path: Path, language: str) -> str:
    source = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    html = markdown.markdown(_filled(source, language), extensions=["admonition", "attr_list", "md_in_html", "tables"])
    return article_sentences(f"<article class='md-content__inner'>{html}</article>")


def _data_text(path: Path, language: str) -> str:
    """A data file's words, each text as its own paragraph (list items and labels end a sentence)."""
    lines = [line for _key, text in translations.words(_read(path), skip=translations.skipped(path)) for line in text.splitlines()]
    return "\n".join(line if line.rstrip()[-1:] in ".!?:\"" else line + "." for line in (_filled(line, language).strip() for line in lines) if line)


def _translated_sources(language: str) -> list[Path]:
    pages = sorted((ROOT / "docs" / language).glob("**/*.md"))
    data = [translations.translation_of(ROOT, path, language) for path in translations.english_data_files(ROOT)]
    return pages + [path for path in data if path.parent.name != "strings"]  # short labels are not prose


@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_spanish_page_and_data_file_reads_at_fernandez_huerta_70_or_more(language):
    scores = {}
    for path in _translated_sources(language):
        text = _page_text(path, language) if path.suffix == ".md" else _data_text(path, language)
        assert len(text.split()) > 30, f"{path}: too little text measured"
        scores[path.relative_to(ROOT).as_posix()] = round(fernandez_huerta(text), 1)
    low = {path: score for path, score in scores.items() if score < MIN_SCORE}
    assert low == {}, f"below {MIN_SCORE} (write shorter sentences and shorter words): {low}"
    assert len(scores) == len(translations.english_pages(ROOT)) + len(translations.english_data_files(ROOT)) - 1


def test_the_measure_sees_hard_spanish():
    hard = ("No obstante las consideraciones organizacionales correspondientes, la administración "
            "recomienda encarecidamente comunicarse inmediatamente con el departamento responsable de la contratación.")
    assert fernandez_huerta(hard) < MIN_SCORE
    assert fernandez_huerta("Llame ahora. Diga su nombre. Pida una nueva hora.") > MIN_SCORE


@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translated_text_belittles_a_hard_task(language):
    found = []
    for path in [*_translated_sources(language), ROOT / "data" / "strings" / f"{language}.yml"]:
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in BELITTLING.finditer(text)]
    assert found == [], found


def test_the_belittling_pattern_finds_the_spanish_words():
    for sentence in ("Solo tiene que llamar.", "Es fácil.", "Simplemente escriba.", "Sólo llame."):
        assert BELITTLING.search(sentence), sentence
    assert not BELITTLING.search("Una sola cara. Facilite sus datos. Consolidar.")


@pytest.mark.real_site
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_strings_catalogue_loads_with_every_key_and_the_same_blanks(language):
    english = dict(translations.words(_read(ROOT / "data/strings/en.yml"), skip=frozenset({"language"})))
    translated = dict(translations.words(_read(ROOT / f"data/strings/{language}.yml"), skip=frozenset({"language", translations.STAMPS})))
    strings.load(strings.catalogue_path(ROOT, language))  # the site's own checks of a catalogue
    assert set(translated) == set(english)
    blanks = re.compile(r"\{[a-z_]+\}")
    differ = {key: (sorted(set(blanks.findall(text))), sorted(set(blanks.findall(translated[key]))))
              for key, text in english.items() if set(blanks.findall(text)) != set(blanks.findall(translated[key]))}
    assert differ == {}, differ
