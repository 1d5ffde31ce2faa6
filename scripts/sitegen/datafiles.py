"""Load YAML data files, validate them, and report every problem with file, line and field.

Checklists and templates both use this, so a maintainer gets the same kind of message
for any broken file: ``data/checklists/x.yml:12: field 'sections.0.items.2.id': ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
# The C parser reads files about twenty times faster and keeps line numbers too.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[str | int, ...]
# Data files are a few kilobytes; anything this large is a mistake (a pasted log, a binary).
MAX_BYTES = 200_000
SUFFIXES = (".yml", ".yaml")
MAX_FIELDS = 20_000
TOO_MANY = f"more than {MAX_FIELDS:,} fields once aliases (*name) are expanded; write the data out instead"


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
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line))
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in data files:"
        super().__init__("\n".join([heading, *(f"  {p}" for p in self.problems)]))


@dataclass
class Located:
    """A parsed YAML document and the line where each field of it starts."""

    path: Path
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest parent that has one."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line_of(loc), dotted(loc), message)


def dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def _display(path: Path) -> str:
    """Paths relative to the working folder read better in a terminal."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """The file as UTF-8 text; a wrong encoding is reported at the line where it shows."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError([Problem(path, 1, "", f"cannot read file: {error.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise DataFileError([Problem(path, 1, "", f"the file is {len(raw):,} bytes; data files must stay under {MAX_BYTES:,}")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = "this line is not UTF-8 text; save the file as UTF-8 in your editor"
        raise DataFileError([Problem(path, line, "", message)]) from None


def read_yaml(path: Path) -> Located:
    """Parse one file, keeping line numbers. Raises DataFileError on YAML syntax errors."""
    node, lines = _compose(path)
    if node is None:
        return Located(path, None, lines)
    data = yaml.SafeLoader("").construct_document(node)
    return Located(path, data, lines)


def line_index(path: Path) -> dict[Loc, int]:
    """The line of every key and list item of a YAML file, without building its values
    (mkdocs.yml has tags such as !ENV that only MkDocs knows how to build)."""
    return _compose(path)[1]


def _compose(path: Path) -> tuple[yaml.Node | None, dict[Loc, int]]:
    try:
        node = yaml.compose(read_text(path), Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        raise DataFileError([_syntax_problem(path, error)]) from None
    if node is None:
        return None, {(): 1}
    lines: dict[Loc, int] = {}
    problems: list[Problem] = []
    _index_lines(node, (), lines, problems, path, ancestors=())
    if problems:
        raise DataFileError(problems)
    return node, lines


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    """Name the line where the parser gave up, and where the unfinished part began if elsewhere."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    message = f"YAML syntax error: {error.problem}"
    if error.context_mark and error.context_mark.line + 1 != line:
        message += f" ({error.context} on line {error.context_mark.line + 1})"
    return Problem(path, line, "", message)


def _index_lines(node: yaml.Node, loc: Loc, lines: dict, problems: list, path: Path, ancestors: tuple) -> None:
    """Record the line of every mapping key and list item; PyYAML itself keeps none.
    Also refuses duplicate keys and aliases that contain themselves (they never end)."""
    line = node.start_mark.line + 1
    lines.setdefault(loc, line)
    if any(node is seen for seen in ancestors):  # named at the key that holds the alias
        problems.append(Problem(path, lines[loc], dotted(loc), "this alias (*name) refers to a block that contains it; it never ends"))
        return
    if len(lines) > MAX_FIELDS:  # aliases of aliases can multiply a small file into millions of fields
        if not problems or problems[-1].message != TOO_MANY:
            problems.append(Problem(path, line, dotted(loc), TOO_MANY))
        return
    ancestors += (node,)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(Problem(path, key_node.start_mark.line + 1, dotted(loc + (key,)), "this key appears twice"))
            seen.add(key)
            lines[loc + (key,)] = key_node.start_mark.line + 1
            _index_lines(value_node, loc + (key,), lines, problems, path, ancestors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, loc + (index,), lines, problems, path, ancestors)


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
    """Every ``.yml`` and ``.yaml`` file in ``folder``: both spellings are common in editors."""
    return sorted(path for path in folder.glob("*") if path.suffix in SUFFIXES and path.is_file())


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
