"""Load YAML data files, validate them, and report every problem with file, line and field.

Checklists and templates both use this, so a maintainer gets the same kind of message
for any broken file: ``data/checklists/x.yml:12: field 'sections.0.items.2.id': ...``.
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
# The C parser reads files about twenty times faster and keeps line numbers too.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[str | int, ...]
# Data files are a few kilobytes; anything this large is a mistake (a pasted log, a binary).
MAX_BYTES = 200_000
SUFFIXES = (".yml", ".yaml")  # in any letter case: x.YML is read too
MAX_FIELDS = 20_000
# No data file needs a longer number; past 4,300 digits Python refuses to read one at all.
MAX_DIGITS = 30
TOO_MANY = f"more than {MAX_FIELDS:,} fields once aliases (*name) are expanded; write the data out instead"
# What YAML counts as a line break: its line numbers (marks) count these, and only these.
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
BLOCK_STYLES = ("|", ">")
QUOTE_STYLES = ("'", '"')
# The language an edition's build reads its data in (sitegen.context sets it with in_language):
# for another language than English, read_yaml lays the translation's words over each English
# data file (sitegen.translations.read_translated). None: the English files as they are.
_LANGUAGE: ContextVar[str | None] = ContextVar("data_language", default=None)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        return f"{_display(self.path)}:{self.line}: {where}{self.message}"


class DataFileError(Exception):
    """Raised once with every problem found, so the maintainer can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        # dict.fromkeys: a file several families read (data/rules.yml) reports each problem once
        self.problems = sorted(dict.fromkeys(problems), key=lambda p: (str(p.path), p.line))
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in data files:"
        super().__init__("\n".join([heading, *(f"  {p}" for p in self.problems)]))


@dataclass(frozen=True)
class Scalar:
    """Where a text value starts in its file and how it is written, so a problem inside a
    long text can name the line it is on."""

    line: int  # 1-based; for | and > blocks, the line of the | or >
    column: int  # 0-based
    style: str | None  # None (plain), ' or " (quoted), | (literal block) or > (folded block)


@dataclass
class Located:
    """A parsed YAML document and the line where each field of it starts."""

    path: Path
    data: Any
    lines: dict[Loc, int]
    scalars: dict[Loc, Scalar] = field(default_factory=dict)
    source: list[str] = field(default_factory=list)  # the file's lines, as YAML counts them

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest parent that has one."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1

    def text_at(self, loc: Loc) -> str | None:
        """The text at ``loc`` as the file holds it (before any model strips it), or None."""
        value = self.data
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value if isinstance(value, str) else None

    def line_in(self, loc: Loc, offset: int) -> int:
        """The line of character ``offset`` of the text at ``loc`` (as ``text_at`` gives it):
        a misspelt blank in the middle of a long message is named on its own line."""
        scalar, text = self.scalars.get(loc), self.text_at(loc)
        if scalar is None or text is None:
            return self.line_of(loc)
        offset = max(0, min(offset, len(text)))
        if self.source:
            return _source_line(self.source, scalar, text, offset)
        # Without the file's lines: exact for | blocks, the usual way to write a long text.
        return scalar.line + (scalar.style in BLOCK_STYLES) + text.count("\n", 0, offset)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line_of(loc), dotted(loc), message)

    def problem_in(self, loc: Loc, offset: int, message: str) -> Problem:
        """A problem at one place inside the text at ``loc``: named at that place's line."""
        return Problem(self.path, self.line_in(loc, offset), dotted(loc), message)


def _source_line(lines: list[str], scalar: Scalar, text: str, offset: int) -> int:
    """Find the character at ``offset`` in the file by counting the non-blank characters
    before it: YAML changes only blanks and line breaks when it reads a text (folding lines,
    dropping indentation), apart from quote escapes, which are counted as what they stand for."""
    wanted = sum(1 for char in text[:offset] if not char.isspace())
    row, column = scalar.line - 1, scalar.column
    if scalar.style in BLOCK_STYLES:
        row, column = row + 1, 0  # the text starts on the line after | or >
    elif scalar.style in QUOTE_STYLES:
        column += 1
    seen = 0
    for row, width in _characters(lines, row, column, scalar.style):
        if seen >= wanted:
            return row + 1
        seen += width
    return min(row + 1, len(lines)) or 1


def _characters(lines: list[str], row: int, column: int, style: str | None) -> Iterator[tuple[int, int]]:
    """(row, how many non-blank characters of the text it stands for), for each non-blank
    character of the file from (row, column) on."""
    while row < len(lines):
        line = lines[row]
        while column < len(line):
            char = line[column]
            if char.isspace():
                column += 1
                continue
            size, width = _escape(line, column) if style == '"' and char == "\\" else (1, 1)
            if style == "'" and line.startswith("''", column):
                size = 2  # '' is how a single-quoted text writes one '
            if width:
                yield row, width
            column += size
        row, column = row + 1, 0


# Double-quoted escapes that stand for a blank (tab, line breaks, spaces) and those that take hex digits.
_BLANK_ESCAPES = set(" \ttnvfrN_LP")
_HEX_ESCAPES = {"x": 4, "u": 6, "U": 10}


def _escape(line: str, column: int) -> tuple[int, int]:
    """(characters in the file, non-blank characters in the text) of the escape at ``column``."""
    after = line[column + 1 : column + 2]
    if not after:
        return 1, 0  # a backslash at the end of a line joins it to the next
    if after in _BLANK_ESCAPES:
        return 2, 0
    return _HEX_ESCAPES.get(after, 2), 1


def dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _display(path: Path) -> str:
    """Paths relative to the working folder read better in a terminal."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _open_without_waiting(name, flags):
    # O_NONBLOCK: opening a pipe (FIFO) returns at once instead of waiting for a writer.
    return os.open(name, flags | getattr(os, "O_NONBLOCK", 0))


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them. Anything else named like a data
    file (a folder, a link to nothing, a pipe or a device) is refused without being read: a
    pipe would wait forever and /dev/zero never ends."""
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        raise DataFileError([Problem(path, 1, "", f"this is a link to {target}, which does not exist; remove the link or put the file back")])
    folder = DataFileError([Problem(path, 1, "", "this is a folder, not a data file; rename it so its name does not end in .yml or .yaml")])
    try:
        with open(path, "rb", buffering=0, opener=_open_without_waiting) as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise folder
            if not stat.S_ISREG(info.st_mode):
                raise DataFileError([Problem(path, 1, "", "this is not a plain file (a pipe, a device or a socket); data files must be plain text files")])
            if info.st_size > MAX_BYTES:
                raise DataFileError([Problem(path, 1, "", f"the file is {info.st_size:,} bytes; data files must stay under {MAX_BYTES:,}")])
            raw = handle.read(MAX_BYTES + 1)  # a file that grew since: read no further
    except IsADirectoryError:
        raise folder from None
    except OSError as error:
        raise DataFileError([Problem(path, 1, "", f"cannot read file: {error.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise DataFileError([Problem(path, 1, "", f"the file is over {MAX_BYTES:,} bytes; data files must stay under {MAX_BYTES:,}")])
    return raw


def read_text(path: Path) -> str:
    """The file as UTF-8 text; a wrong encoding or a NUL byte is reported at its line."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = "this line is not UTF-8 text; save the file as UTF-8 in your editor"
        raise DataFileError([Problem(path, line, "", message)]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        message = ("this line holds a NUL character (U+0000), so the file is not plain text: if it is a copy your "
                   "computer made (like ._name.yml on macOS), delete it; otherwise save the file again as UTF-8 text")
        raise DataFileError([Problem(path, line, "", message)])
    return text


@contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Data files read inside this block are read in ``language`` (see read_yaml)."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def reading_language() -> str | None:
    return _LANGUAGE.get()


def read_yaml(path: Path) -> Located:
    """Parse one file, keeping line numbers. Raises DataFileError on YAML syntax errors.
    Inside ``in_language(code)``, an English data file comes with that language's words."""
    language = _LANGUAGE.get()
    if language:
        from sitegen import translations  # it reads files with this module

        return translations.read_translated(path, language)
    return read_english(path)


def read_english(path: Path) -> Located:
    """One file as it is, keeping line numbers."""
    text = read_text(path)
    node, index = _compose(path, text)
    if node is None:
        return Located(path, None, index.lines)
    try:
        data = yaml.SafeLoader("").construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise DataFileError([_construct_problem(path, error)]) from None
    except (ValueError, OverflowError, RecursionError) as error:  # what _Index did not foresee
        raise DataFileError([Problem(path, 1, "", f"YAML cannot read this file: {error}")]) from None
    return Located(path, data, index.lines, index.scalars, source_lines(text))


def _construct_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    """A value YAML parsed but cannot build: a tag such as !foo or !!python/object, or a key
    that is a list or a group."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    problem = error.problem or ""
    tag = re.search(r"tag '([^']*)'", problem)
    if tag:
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return Problem(path, line, "", f"Line {line} has a YAML tag ({shown}), which data files never use: remove it, "
                                       f"or put the whole text in double quotes (YAML: {problem})")
    if "unhashable" in problem:
        return Problem(path, line, "", f"Line {line} uses a list or a group as a field name: write a plain name before the colon (YAML: {problem})")
    return Problem(path, line, "", f"Line {line} holds a value YAML cannot read ({_yaml_words(error)})")


def line_index(path: Path) -> dict[Loc, int]:
    """The line of every key and list item of a YAML file, without building its values
    (mkdocs.yml has tags such as !ENV that only MkDocs knows how to build)."""
    return _compose(path, read_text(path), data_file=False)[1].lines


def source_lines(text: str) -> list[str]:
    """The file's lines, split where YAML counts a new line."""
    return LINE_BREAK.split(text)


def _compose(path: Path, text: str, *, data_file: bool = True) -> tuple[yaml.Node | None, _Index]:
    """The file's node tree and its index; ``data_file`` also refuses YAML tags, which a data
    file never has (mkdocs.yml has MkDocs' own, like !ENV)."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        raise DataFileError([syntax_problem(path, text, error)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control character
        line = text.count("\n", 0, max(0, error.position)) + 1
        char = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        message = f"this line holds a character YAML does not allow ({char}, an invisible control character): delete it"
        raise DataFileError([Problem(path, line, "", message)]) from None
    except yaml.YAMLError as error:
        raise DataFileError([Problem(path, 1, "", f"YAML cannot read this file: {error}")]) from None
    except RecursionError:
        raise DataFileError([Problem(path, 1, "", "the file nests lists or groups too deeply for YAML to read")]) from None
    index = _Index(path, tags=not data_file)
    if node is None:
        index.lines[()] = 1
        return None, index
    index.visit(node, (), ancestors=())
    if index.problems:
        raise DataFileError(index.problems)
    return node, index


class _Index:
    """The line of every mapping key and list item, and where each text starts; PyYAML
    itself keeps none once the data is built. Also refuses duplicate keys and aliases that
    contain themselves (they never end)."""

    def __init__(self, path: Path, *, tags: bool = False):
        self.path = path
        self.tags = tags  # True: any tag is allowed (mkdocs.yml); False: only YAML's own
        self.lines: dict[Loc, int] = {}
        self.scalars: dict[Loc, Scalar] = {}
        self.problems: list[Problem] = []

    def visit(self, node: yaml.Node, loc: Loc, ancestors: tuple) -> None:
        line = node.start_mark.line + 1
        self.lines.setdefault(loc, line)
        if any(node is seen for seen in ancestors):  # named at the key that holds the alias
            self.problems.append(Problem(self.path, self.lines[loc], dotted(loc), "this alias (*name) refers to a block that contains it; it never ends"))
            return
        if len(self.lines) > MAX_FIELDS:  # aliases of aliases can multiply a small file into millions of fields
            if not self.problems or self.problems[-1].message != TOO_MANY:
                self.problems.append(Problem(self.path, line, dotted(loc), TOO_MANY))
            return
        ancestors += (node,)
        if not self.tags and node.tag not in yaml.SafeLoader.yaml_constructors:  # !foo, !!python/object:...: refused, never built
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(Problem(self.path, line, dotted(loc), f"this value has a YAML tag ({shown[:60]}), which data files never use: "
                                                                         "remove it, or put the whole text in double quotes"))
            return
        if isinstance(node, yaml.ScalarNode):
            self.scalars.setdefault(loc, Scalar(line, node.start_mark.column, node.style or None))
            if node.tag == "tag:yaml.org,2002:int" and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
                digits = sum(c.isdigit() for c in node.value)
                self.problems.append(Problem(self.path, line, dotted(loc), f"this number has {digits:,} digits, more than any data file needs; "
                                                                             "if it is text, put it in double quotes"))
        elif isinstance(node, yaml.MappingNode):
            self._visit_mapping(node, loc, ancestors)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.visit(item, loc + (index,), ancestors)

    def _visit_mapping(self, node: yaml.MappingNode, loc: Loc, ancestors: tuple) -> None:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                self.problems.append(Problem(self.path, key_node.start_mark.line + 1, dotted(loc + (key,)), "this key appears twice"))
            seen.add(key)
            self.lines[loc + (key,)] = key_node.start_mark.line + 1
            self.visit(value_node, loc + (key,), ancestors)


# --- YAML syntax errors, in plain words first ------------------------------------------------


def syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """Name the line of the mistake itself, in plain words, with YAML's own words after them."""
    lines = source_lines(text)
    jargon = _yaml_words(error)
    quote = _unclosed_quote(text, lines, error)
    if quote:
        line, char = quote
        return Problem(path, line, "", f"a quote ({char}) opened on line {line} is never closed: add the closing {char} at the end of that text ({jargon})")
    line, words = _plain_words(error, lines)
    return Problem(path, line, "", f"{words} ({jargon})")


def _yaml_words(error: yaml.MarkedYAMLError) -> str:
    words = f"YAML: {error.problem}"
    if error.context and error.context_mark:
        words += f", {error.context} on line {error.context_mark.line + 1}"
    elif error.context:
        words += f", {error.context}"
    return words


def _unclosed_quote(text: str, lines: list[str], error: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """(line, quote) of a quote that was never closed. Such a text runs on to the next quote
    in the file, so YAML stops far below the mistake: find the text that swallowed lines."""
    if error.context and "quoted scalar" in error.context and error.problem and "end of stream" in error.problem:
        mark = error.context_mark
        return mark.line + 1, _char_at(lines, mark) or '"'
    stop = error.problem_mark
    if stop is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if (token.start_mark.line, token.start_mark.column) >= (stop.line, stop.column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass  # the tokens read so far are enough
    if last is not None and last.style in QUOTE_STYLES and last.end_mark.line > last.start_mark.line:
        return last.start_mark.line + 1, last.style
    return None


def _char_at(lines: list[str], mark: yaml.Mark | None) -> str:
    if mark is None or mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + 1]


def _plain_words(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """(line, what is wrong in plain words) for the mistakes a maintainer makes most. The line
    is where the mistake starts: for a list or a key left open, where it was opened."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    start = error.context_mark.line + 1 if error.context_mark else line
    char = _char_at(lines, mark)
    if "flow" in context:  # the text began with [ or {, which YAML reads as a list or a group
        opener = _char_at(lines, error.context_mark) or "["
        kind = "group" if opener == "{" else "list"
        return start, f"the text on line {start} starts with {opener}, which YAML reads as the start of a {kind}: put the whole text in double quotes, or end the list with {_CLOSERS.get(opener, ']')}"
    if "tab" in problem or char == "\t":
        return line, f"Line {line} has a tab: indent with spaces only (most editors can turn tabs into spaces)"
    if "mapping values are not allowed" in problem:
        return line, f"Line {line} has a colon (:) where YAML does not expect one: if it is part of the text, put the whole text in double quotes; if the line starts a new field, indent it like the field above it"
    if "could not find expected ':'" in problem:
        return start, f"Line {start} has no colon (:) after its name: write it like 'title: Your words', or, if it belongs to the text above, indent it like that text"
    if "expected '-' indicator" in problem or ("expected <block end>" in problem and "sequence" in context):
        return line, f"Line {line} is not indented like the list items around it: start it under their dashes (-)"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return line, _not_lined_up(line, lines)
    if "undefined alias" in problem:
        return line, f"Line {line} has a *, which YAML reads as a link to a part marked with &, and there is none: if the * is part of the text, put the whole text in double quotes"
    if "escape" in problem:
        return line, f"the text in double quotes on line {line} has a backslash (\\) that YAML cannot read: write two backslashes (\\\\) for one, or put the text in single quotes (') instead"
    if "cannot start any token" in problem or "directive" in context:
        char = _char_at(lines, error.context_mark) if "directive" in context else char
        return line, f"Line {line} starts a text with {char or 'a sign'}, which YAML keeps for itself: put the whole text in double quotes"
    if "another document" in problem:
        return line, f"Line {line} has ---, which starts a second part: a data file holds only one, so remove that line"
    return line, f"Line {line} is not written the way YAML expects: check its indentation, its colon (:) and its quotes"


def _not_lined_up(line: int, lines: list[str]) -> str:
    """Most often a line indented by the wrong number of spaces; sometimes a text that starts
    with a quote or a brace and goes on after the matching one."""
    text = lines[line - 1] if line <= len(lines) else ""
    value = re.match(r"\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?([\"'{\[])", text)
    if value:
        opener = value.group(1)
        return (f"the text on line {line} starts with {opener} and goes on after the {_CLOSERS[opener]} that matches it: "
                f"put the whole text in double quotes, and write each \" inside it as \\\"")
    return f"Line {line} is not indented like the lines around it: line it up with the other fields at its level"


_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}


def validate(located: Located, model: type[Model]) -> Model:
    """Check one parsed file against its pydantic model. Raises DataFileError naming each field."""
    if not isinstance(located.data, dict):
        raise DataFileError([located.problem((), "the file must hold a set of fields (key: value lines)")])
    try:
        return model.model_validate(located.data)
    except ValidationError as error:
        raise DataFileError(_problems_from(error, located)) from None


def _problems_from(error: ValidationError, located: Located) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = _plain_message(detail)
        problems.append(located.problem(loc, message))
    return problems


def _plain_message(detail: dict) -> str:
    """Pydantic's wording, made plainer for the cases a maintainer meets most."""
    kind = detail["type"]
    if kind == "missing":
        return "this field is required but missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the schema for allowed fields)"
    message = detail["msg"]
    return message.removeprefix("Value error, ")


def data_files(folder: Path) -> list[Path]:
    """Everything in ``folder`` named like a data file: ``.yml`` or ``.yaml`` in any letter
    case (both spellings are common in editors). Names that start with a dot are left out:
    those are the copies editors and macOS make (.#name.yml, ._name.yml). A folder, a pipe or
    a link to nothing with such a name is listed too, so that reading it names the mistake."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir()
                  if path.suffix.lower() in SUFFIXES and not path.name.startswith("."))


def load_each(folder: Path, model: type[Model], problems: list[Problem]) -> list[tuple[Located, Model]]:
    """Load and validate every data file in ``folder``. Broken files add to ``problems``; the
    good ones are returned, so checks across files (duplicate ids) run in the same pass."""
    loaded: list[tuple[Located, Model]] = []
    for path in data_files(folder):
        try:
            located = read_yaml(path)
            loaded.append((located, validate(located, model)))
        except DataFileError as error:
            problems.extend(error.problems)
    return loaded


def unique_id_problems(loaded: list[tuple[Located, BaseModel]], kind: str, reserved: Iterable[str] = ()) -> list[Problem]:
    """Ids become URLs and storage keys, so two files may never share one, nor take a
    reserved one (the section's own index page)."""
    first_seen: dict[str, Path] = {}
    problems = []
    for located, item in loaded:
        item_id = getattr(item, "id")
        if item_id in reserved:
            problems.append(located.problem(("id",), f"'{item_id}' is reserved for a page the site makes itself; pick another id"))
        elif item_id in first_seen:
            message = f"{kind} id '{item_id}' is already used by {_display(first_seen[item_id])}"
            problems.append(located.problem(("id",), message))
        else:
            first_seen[item_id] = located.path
    return problems
