"""Another language's texts: where they live, how they lie over the English data, and whether
they are still in step with it.

- A data file's translation sits at the same path under ``data/<language>/``
  (data/templates/forgot.yml -> data/es/templates/forgot.yml) and holds only the words: the same
  keys, list items matched by their ``id`` (or by place where items have none). Everything that is
  not words (ids, links, order, required fields) is read from the English file alone.
- A guide page's translation is ``docs/<language>/<same path>.md``.
- Each translation records which version of the English it was written from: a short
  fingerprint of each English text, under ``translated_from:`` (written by
  ``scripts/tools/translations.py reviewed FILE``). When an English text changes, its
  fingerprint no longer matches and ``behind()`` names the translated text to update.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from sitegen import datafiles
from sitegen.datafiles import DataFileError, Located, Problem, data_files
from sitegen.strings import STAMPS  # the key, in a data file or a front matter, of the record

MAIN = "en"
# The languages translated from the English, each kept in step by gaps(). Each one's pages
# (docs/<code>/) and data (data/<code>/) make the edition at /<code>/ (sitegen.editions);
# mkdocs.yml leaves docs/<code>/ out of the English build (exclude_docs).
LANGUAGES = ("es",)


def folders(languages=LANGUAGES) -> list[str]:
    """Each edition's folder in the built site: "" for the English, then "es/" and so on."""
    return ["", *(language + "/" for language in languages)]


# Keys whose values are settings or links, never words: they come from the English file.
NOT_WORDS = frozenset({"id", "to", "order", "situation", "required", "kind", "autocomplete", "language",
                       "details", "agency_words", STAMPS})
# Words a translation may leave out (the English value is used): examples that read the same.
OPTIONAL = frozenset({"example"})
DATA_FAMILIES = ("fields.yml", "rules.yml", "checklists", "situations", "templates")
STRINGS = Path("data", "strings")  # the interface strings: data/strings/en.yml -> data/strings/es.yml
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


@dataclass(frozen=True)
class Gap:
    """A translated text that needs the maintainer: missing, behind its English, or misplaced."""

    path: Path  # the translation's file
    key: str  # where in it, like "channels.email.body" or "sections.0.items.send-email.text"
    message: str

    def __str__(self) -> str:
        return f"{self.path.as_posix()}: {self.key}: {self.message}" if self.key else f"{self.path.as_posix()}: {self.message}"


LINK_TARGET = re.compile(r"\]\([^)\s]*\)")  # [words](page.md): a renamed page changes no words


def fingerprint(text: str) -> str:
    """Eight hex digits that change whenever the English text's words change (not its links'
    targets or its spacing)."""
    words_only = " ".join(LINK_TARGET.sub("]", str(text)).split())
    return hashlib.sha256(words_only.encode("utf-8")).hexdigest()[:8]


# --- where translations live --------------------------------------------------------------

def english_data_files(root: Path) -> list[Path]:
    data = root / "data"
    found: list[Path] = []
    for name in DATA_FAMILIES:
        path = data / name
        found += data_files(path) if path.is_dir() else [path] if path.exists() else []
    return found + [root / STRINGS / f"{MAIN}.yml"]


def is_translation(root: Path, path: Path) -> bool:
    """Whether ``path`` (in the project at ``root``) is another language's text: under
    docs/<language>/ or data/<language>/, or data/strings/<language>.yml."""
    relative = path.relative_to(root)
    if relative.parent == STRINGS:
        return relative.stem in LANGUAGES
    return len(relative.parts) > 2 and relative.parts[0] in ("docs", "data") and relative.parts[1] in LANGUAGES


def english_pages(root: Path) -> list[Path]:
    """The hand-written English guide pages (docs/*.md and below), in path order."""
    return sorted(path for path in (root / "docs").rglob("*.md") if not is_translation(root, path))


def translation_of(root: Path, english: Path, language: str) -> Path:
    """docs/x.md -> docs/es/x.md; data/templates/y.yml -> data/es/templates/y.yml;
    data/strings/en.yml -> data/strings/es.yml."""
    if english.relative_to(root).parent == STRINGS:
        return root / STRINGS / f"{language}.yml"
    top = english.relative_to(root).parts[0]
    return root / top / language / english.relative_to(root / top)


def english_of(root: Path, translated: Path, language: str) -> Path:
    """The English file a translation translates: translation_of() the other way round."""
    if translated.relative_to(root).parent == STRINGS:
        return root / STRINGS / f"{MAIN}.yml"
    top = translated.relative_to(root).parts[0]
    return root / top / translated.relative_to(root / top / language)


# --- the words of a data file, and how a translation lies over them ------------------------

def _item_key(item: Any, index: int) -> str:
    return str(item["id"]) if isinstance(item, dict) and "id" in item else str(index)


def skipped(path: Path) -> frozenset[str]:
    """The keys that are not words in the file at ``path``: in the strings catalogue every
    value is words but its language setting."""
    return frozenset({"language", STAMPS}) if path.parent.name == STRINGS.name else NOT_WORDS


def words(data: Any, key: str = "", skip: frozenset[str] = NOT_WORDS) -> Iterator[tuple[str, str]]:
    """(dotted key, text) for every value in ``data`` that is words."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name not in skip:
                yield from words(value, f"{key}.{name}" if key else str(name), skip)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from words(item, f"{key}.{_item_key(item, index)}", skip)
    elif isinstance(data, str):
        yield key, data


def overlay(english: Any, translated: Any, key: str = "", skip: frozenset[str] = NOT_WORDS) -> tuple[Any, list[tuple[str, str]]]:
    """The English data with the translation's words in place of its own, and a list of
    (key, message) for whatever in the translation has no place in the English."""
    if isinstance(english, dict) and isinstance(translated, dict):
        merged, problems = dict(english), []
        for name, value in translated.items():
            where = f"{key}.{name}" if key else str(name)
            if name in (STAMPS, "language") or (name == "id" and value == english.get("id")):
                continue
            if name not in english:
                problems.append((where, "the English file has no such key; check the spelling against it"))
            elif name in skip:
                problems.append((where, "this is not words: leave it out, the English file's value is used"))
            else:
                merged[name], found = overlay(english[name], value, where, skip)
                problems += found
        return merged, problems
    if isinstance(english, list) and isinstance(translated, list):
        return _overlay_list(english, translated, key, skip)
    if isinstance(english, str) and isinstance(translated, str):
        return translated, []
    return english, [(key, f"the English value is {_kind(english)}, so write {_kind(english)} here too")]


def _overlay_list(english: list, translated: list, key: str, skip: frozenset[str]) -> tuple[list, list[tuple[str, str]]]:
    by_id = all(isinstance(item, dict) and "id" in item for item in english)
    if not by_id:
        if len(translated) != len(english):
            return english, [(key, f"the English list has {len(english)} items and this one {len(translated)}; keep the same items in the same order")]
        pairs = [overlay(e, t, f"{key}.{i}", skip) for i, (e, t) in enumerate(zip(english, translated))]
        return [merged for merged, _ in pairs], [problem for _, found in pairs for problem in found]
    places = {item["id"]: index for index, item in enumerate(english)}
    merged, problems = list(english), []
    for index, item in enumerate(translated):
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id not in places:
            problems.append((f"{key}.{index}", f"no item with id '{item_id}' in the English list; keep each item's id as it is in English"))
            continue
        merged[places[item_id]], found = overlay(english[places[item_id]], item, f"{key}.{item_id}", skip)
        problems += found
    return merged, problems


def _kind(value: Any) -> str:
    return {dict: "a group of keys", list: "a list", str: "text"}.get(type(value), type(value).__name__)


# --- reading data in another language ------------------------------------------------------

def data_root(path: Path) -> Path | None:
    """The project of a data file: the folder holding the nearest ``data/`` above it."""
    for parent in path.parents:
        if parent.name == "data":
            return parent.parent
    return None


# What each translation read in this process lacked (read_translated): an edition's build lists
# the texts behind their English without reading the files again.
FOUND: dict[Path, list[Gap]] = {}


def found_gaps(root: Path, language: str) -> list[Gap]:
    """The gaps of the ``language`` data files read last, and of the guide pages."""
    folder = root / "data" / language
    found = [gap for path, listed in FOUND.items() if path.is_relative_to(folder) for gap in listed]
    for english in english_pages(root):
        found += page_gaps(root, english, language)
    return found


def read_translated(path: Path, language: str) -> Located:
    """An English data file with the words of its ``language`` translation laid over it (the
    file as it is when it is a translation itself, or when it has none yet: the in-step check
    names those). Problems in the words are named in the translation's file."""
    root = data_root(path)
    english = datafiles.read_english(path)
    if root is None or is_translation(root, path) or path.parent.name == STRINGS.name:
        return english
    other = translation_of(root, path, language)
    if not other.is_file():
        FOUND[other] = [Gap(other.relative_to(root), "", f"missing: translate {path.relative_to(root).as_posix()} into this file")]
        return english
    translated = datafiles.read_english(other)
    merged, problems = overlay(english.data, translated.data, skip=skipped(path))
    FOUND[other] = gaps_between(other.relative_to(root), english.data, translated.data or {}, skipped(path))
    if problems:
        raise DataFileError([Problem(other, _line(translated, key), key, message) for key, message in problems])
    lines = {**english.lines, **translated.lines}
    return Located(other, merged, lines, translated.scalars, translated.source)


def _line(located: Located, dotted: str) -> int:
    """The line of a dotted key ("sections.0.items.send-email.text") in a translation, or of
    the nearest part of it that can be found there."""
    loc: list = []
    value = located.data
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            loc.append(part)
            value = value[part]
        elif isinstance(value, list):
            index = next((i for i, item in enumerate(value) if isinstance(item, dict) and str(item.get("id")) == part), None)
            if index is None and part.isdigit() and int(part) < len(value):
                index = int(part)
            if index is None:
                break
            loc.append(index)
            value = value[index]
        else:
            break
    return located.line_of(tuple(loc))


# --- in step ------------------------------------------------------------------------------

def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def page_stamp(text: str) -> str | None:
    found = FRONT_MATTER.match(text)
    meta = yaml.safe_load(found.group(1)) if found else None
    return str(meta.get(STAMPS)) if isinstance(meta, dict) and meta.get(STAMPS) else None


def gaps(root: Path, language: str) -> list[Gap]:
    """Every translated text that is missing, misplaced or behind its English version."""
    found: list[Gap] = []
    for english in english_data_files(root):
        found += data_gaps(root, english, language)
    for english in english_pages(root):
        found += page_gaps(root, english, language)
    return found


def data_gaps(root: Path, english: Path, language: str) -> list[Gap]:
    path = translation_of(root, english, language).relative_to(root)
    if not (root / path).exists():
        return [Gap(path, "", f"missing: translate {english.relative_to(root).as_posix()} into this file")]
    return gaps_between(path, _read(english), _read(root / path), skipped(english))


def gaps_between(path: Path, source: Any, translated: Any, skip: frozenset[str]) -> list[Gap]:
    """What the translation at ``path`` (its data: ``translated``) lacks against the English data."""
    _merged, problems = overlay(source, translated, skip=skip)
    gaps_found = [Gap(path, key, message) for key, message in problems]
    stamps = translated.get(STAMPS) or {} if isinstance(translated, dict) else {}
    done = dict(words(translated, skip=skip))
    for key, text in words(source, skip=skip):
        if key not in done:
            if key.rsplit(".", 1)[-1] not in OPTIONAL:
                gaps_found.append(Gap(path, key, f"not translated yet (English: {_short(text)})"))
        elif stamps.get(key) != fingerprint(text):
            gaps_found.append(Gap(path, key, f"behind: the English now says {_short(text)}; update the translation, "
                                             f"then run scripts/tools/translations.py reviewed {path.as_posix()}"))
    return gaps_found


def page_gaps(root: Path, english: Path, language: str) -> list[Gap]:
    path = translation_of(root, english, language).relative_to(root)
    if not (root / path).exists():
        return [Gap(path, "", f"missing: translate {english.relative_to(root).as_posix()} into this page")]
    if page_stamp((root / path).read_text(encoding="utf-8")) != fingerprint(english.read_text(encoding="utf-8")):
        return [Gap(path, "", f"behind: {english.relative_to(root).as_posix()} changed since this page was translated; update it, "
                              f"then run scripts/tools/translations.py reviewed {path.as_posix()}")]
    return []


def _short(text: str, size: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= size else flat[: size - 1] + "…")


# --- marking a translation reviewed -------------------------------------------------------

STAMP_BLOCK = re.compile(r"\n*# Which English text each translation above.*\Z", re.S)
STAMP_HEADER = ("# Which English text each translation above was written from (a fingerprint of it).\n"
                "# Written by scripts/tools/translations.py reviewed; do not edit by hand.\n")


def mark_reviewed(root: Path, path: Path, language: str) -> None:
    """Record that the translation at ``path`` matches today's English (every text in it)."""
    path = path if path.is_absolute() else root / path
    english = english_of(root, path, language)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        path.write_text(_stamp_page(text, fingerprint(english.read_text(encoding="utf-8"))), encoding="utf-8")
        return
    skip = skipped(english)
    done = dict(words(_read(path), skip=skip))
    stamps = {key: fingerprint(value) for key, value in words(_read(english), skip=skip) if key in done}
    block = yaml.safe_dump({STAMPS: stamps}, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(STAMP_BLOCK.sub("", text.rstrip("\n")) + "\n\n" + STAMP_HEADER + block, encoding="utf-8")


def _stamp_page(text: str, stamp: str) -> str:
    line = f"{STAMPS}: {stamp}  # the English page this translates (scripts/tools/translations.py)\n"
    found = FRONT_MATTER.match(text)
    if not found:
        return f"---\n{line}---\n" + text
    meta = re.sub(rf"^{STAMPS}:.*\n", "", found.group(1), flags=re.M)
    return f"---\n{meta}{line}---\n" + text[found.end():]


# --- messages: each English sentence with its meaning in the other language ---------------

# A sentence ends at . ? or ! (and a closing quote), before a space or the end of the line; a
# line without one (a sign-off like "{your_name}") is a sentence of its own.
SENTENCE = re.compile(r".*?[.?!]+[\"”]?(?=\s|$)")
PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_]*\}")


def sentences(body: str) -> list[list[str]]:
    """A message body as paragraphs (split at blank lines) of sentences."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        found: list[str] = []
        for line in paragraph.strip().splitlines():
            line, end = line.strip(), 0
            for match in SENTENCE.finditer(line):
                found.append(match.group(0).strip())
                end = match.end()
            if line[end:].strip():
                found.append(line[end:].strip())
        paragraphs.append([sentence for sentence in found if sentence])
    return paragraphs


def pairs(english: str, translated: str) -> list[list[tuple[str, str]]]:
    """Each English sentence with the translated sentence in the same place."""
    return [list(zip(a, b)) for a, b in zip(sentences(english), sentences(translated))]


def alignment_problems(english: str, translated: str) -> list[str]:
    """Why the translated body cannot stand sentence by sentence under the English one."""
    a, b = sentences(english), sentences(translated)
    if len(a) != len(b):
        return [f"the English has {len(a)} paragraphs and the translation {len(b)}; keep one paragraph for each"]
    problems = []
    for number, (english_paragraph, translated_paragraph) in enumerate(zip(a, b), 1):
        if len(english_paragraph) != len(translated_paragraph):
            problems.append(f"paragraph {number}: the English has {len(english_paragraph)} sentences and the translation "
                            f"{len(translated_paragraph)}; write one sentence for each, in the same order")
            continue
        for place, (one, other) in enumerate(zip(english_paragraph, translated_paragraph), 1):
            if set(PLACEHOLDER.findall(one)) != set(PLACEHOLDER.findall(other)):
                problems.append(f"paragraph {number}, sentence {place}: the English fills {sorted(set(PLACEHOLDER.findall(one)))} "
                                f"and the translation {sorted(set(PLACEHOLDER.findall(other)))}; use the same blanks")
    return problems
