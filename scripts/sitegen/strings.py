"""The interface strings catalogue: every word the site's templates and code show, per language.

``data/strings/<language>.yml`` is a nested mapping grouped by where a string shows
(``share:``, ``footer:``, ``message:`` ...). ``load()`` checks it and returns ``Strings``, a
read-only mapping that templates use as ``ui.share.title`` and Python as ``ui["share"]["title"]``
or ``ui.get_text("share.title")``. ``{name}`` in a value marks what code or a script fills in:
``ui.fill("contact.help", agency=name)`` fills it (``fill_html`` for theme templates, where a
value may be a link), and leaves the placeholders a script fills alone.

A key that is not in the catalogue stops the build with "did you mean ...?". The error is a
ValueError on purpose: Jinja turns KeyError, AttributeError and LookupError into an empty
Undefined, which would print nothing and hide the typo.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterator, Mapping, Union

from markupsafe import Markup, escape

from sitegen.datafiles import DataFileError, Located, Problem, read_yaml

FOLDER = ("data", "strings")
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# Values that set how the site works, not words a reader sees (a test catalogue leaves them).
SETTINGS = frozenset({"language", "meta.locale", "pdf.date_format"})
REQUIRED = SETTINGS
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class UnknownString(ValueError):
    """A template or module asked for a string the catalogue does not have."""


def catalogue_path(root: Path, language: str) -> Path:
    """Where the catalogue of ``language`` ("en") lives in the project at ``root``."""
    return root.joinpath(*FOLDER, f"{language}.yml")


class Strings(Mapping[str, Union[str, "Strings"]]):
    """A read-only group of strings: values are text or smaller groups."""

    __slots__ = ("_values", "_prefix", "_source", "_every")

    def __init__(self, values: Mapping[str, object], *, source: str, prefix: str = "", every: tuple[str, ...] | None = None):
        every = every if every is not None else tuple(_dotted_keys(values))
        groups = {key: Strings(value, source=source, prefix=f"{prefix}{key}.", every=every) if isinstance(value, Mapping) else value
                  for key, value in values.items()}
        object.__setattr__(self, "_values", MappingProxyType(groups))
        object.__setattr__(self, "_prefix", prefix)
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "_every", every)

    def __getitem__(self, key: str) -> Union[str, "Strings"]:
        try:
            return self._values[key]
        except KeyError:
            raise self._unknown(self._prefix + str(key)) from None

    def __getattr__(self, name: str) -> Union[str, "Strings"]:
        if name.startswith("_"):  # Python's own lookups (copy, pickle, __html__) find nothing here
            raise AttributeError(name)
        return self[name]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: str, default: object = None) -> object:  # Mapping's own would raise UnknownString
        return self._values.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __setattr__(self, name: str, value: object) -> None:
        raise TypeError(f"the strings catalogue is read-only; change {self._source} instead")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"the strings catalogue is read-only; change {self._source} instead")

    def __str__(self) -> str:
        # A group printed where a string belongs is a mistake in a template: say so loudly.
        names = ", ".join(f"'{self._prefix}{key}'" for key in list(self._values)[:5])
        raise UnknownString(f"'{self._prefix.rstrip('.')}' in {self._source} is a group of strings, not one string; use one of {names}")

    def __repr__(self) -> str:
        return f"Strings({self._prefix.rstrip('.') or self._source!r}, {len(self)} keys)"

    def __reduce__(self):  # a build's worker processes may receive the catalogue
        return (_rebuild, (_plain(self), self._source, self._prefix, self._every))

    def get_text(self, dotted: str) -> str:
        """The string at ``"share.title"``; an unknown key or a group raises UnknownString."""
        value: Union[str, Strings] = self
        for part in dotted.split("."):
            if not isinstance(value, Strings) or part not in value:
                raise self._unknown(self._prefix + dotted)
            value = value[part]
        if isinstance(value, Strings):
            str(value)  # raises, naming the group's strings
        return value

    def fill(self, dotted: str, /, **values: object) -> str:
        """The string at ``dotted`` with the named {placeholders} filled in, in one pass (a
        value that holds "{x}" stays as typed); placeholders a script fills stay as written.
        A value whose {name} the string lacks is an error: its words would vanish unseen."""
        text = self.get_text(dotted)
        missing = [name for name in values if "{" + name + "}" not in text]
        if missing:
            names = ", ".join("{" + name + "}" for name in missing)
            raise UnknownString(f"the string '{self._prefix}{dotted}' in {self._source} has no {names}; put it back where that value goes")
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)

    def fill_html(self, dotted: str, /, **values: object) -> Markup:
        """Like ``fill``, for HTML: the string's words are escaped, and so is each value unless
        it is already markup (a link made in the template, passed through ``| safe``)."""
        return Markup(self.fill_escaped(dotted, escape, **{name: escape(value) for name, value in values.items()}))

    def fill_escaped(self, dotted: str, escape_words: Callable[[str], str], /, **values: object) -> str:
        """Like ``fill``, for code that writes markup: the string's words go through
        ``escape_words`` (``render.text`` for Markdown), the values go in as given (the caller
        made them safe), and placeholders left for a script are escaped like words."""
        text = self.get_text(dotted)
        self.fill(dotted, **{name: "" for name in values})  # the same check for missing {names}
        pieces, last = [], 0
        for match in _PLACEHOLDER.finditer(text):
            name = match.group(1)
            pieces += [escape_words(text[last:match.start()]), str(values[name]) if name in values else escape_words(match.group(0))]
            last = match.end()
        return "".join([*pieces, escape_words(text[last:])])

    @property
    def source(self) -> str:
        """The catalogue file, as a maintainer finds it: data/strings/en.yml."""
        return self._source

    def dotted(self) -> dict[str, str]:
        """Every string under this group by its full key ("share.title": "Share this page")."""
        found: dict[str, str] = {}
        for key, value in self._values.items():
            if isinstance(value, Strings):
                found.update(value.dotted())
            else:
                found[self._prefix + key] = value
        return found

    def _unknown(self, wanted: str) -> UnknownString:
        close = difflib.get_close_matches(wanted, self._every, n=1, cutoff=0.6)
        advice = f"did you mean '{close[0]}'?" if close else "add it there, or check the spelling"
        return UnknownString(f"no string '{wanted}' in {self._source}; {advice}")


def _rebuild(values: dict, source: str, prefix: str, every: tuple[str, ...]) -> Strings:
    return Strings(values, source=source, prefix=prefix, every=every)


def _plain(group: Strings) -> dict:
    return {key: _plain(value) if isinstance(value, Strings) else value for key, value in group._values.items()}


def _dotted_keys(values: Mapping[str, object], prefix: str = "") -> Iterator[str]:
    """Every key a template may name: each string's, and each group's ("message.script")."""
    for key, value in values.items():
        if isinstance(value, Mapping):
            yield f"{prefix}{key}"
            yield from _dotted_keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def _display(path: Path) -> str:
    """data/strings/en.yml when the file sits where catalogues live, else the path as given."""
    parts = path.parts
    if len(parts) >= 3 and tuple(parts[-3:-1]) == FOLDER:
        return "/".join(parts[-3:])
    return str(path)


# Where a translation records the English it was written from (sitegen/translations.py).
STAMPS = "translated_from"
# Names a key may not take: Jinja would find the mapping's own method (ui.x.items) first.
RESERVED_NAMES = frozenset(name for name in dir(Strings) if not name.startswith("_"))


def load(path: Path) -> Strings:
    """Read and check one catalogue; raises DataFileError listing every problem with its line."""
    located = read_yaml(path)  # a YAML mistake is reported with file and line here
    if not isinstance(located.data, dict):
        raise DataFileError([located.problem((), "the file must hold groups of strings (key: value lines), like 'share:' then '  title: Share this page'")])
    stamps = located.data.pop(STAMPS, None)
    problems = list(_check_group(located, located.data, ()))
    if stamps is not None and not isinstance(stamps, dict):
        problems.append(located.problem((STAMPS,), "this is written by scripts/tools/translations.py reviewed; remove it and run that"))
    if not problems:  # the settings, once every value is text or a group
        problems = [Problem(path, 1, dotted, f"this setting is missing; add '{dotted}' (see data/strings/en.yml)")
                    for dotted in sorted(REQUIRED) if not _has(located.data, dotted.split("."))]
    language = located.data.get("language")
    if not problems and language != path.stem:
        problems.append(located.problem(("language",), f"'{language}' does not match the file name; a file named {path.name} says 'language: {path.stem}'"))
    if problems:
        raise DataFileError(problems)
    return Strings(located.data, source=_display(path))


def _check_group(located: Located, group: dict, loc: tuple) -> Iterator[Problem]:
    """Every key is a plain name; every value is text or a group of more strings."""
    if not group:
        yield located.problem(loc, "this group has no strings; add some under it or remove it")
    for key, value in group.items():
        where = (*loc, key)
        if not isinstance(key, str) or not KEY.fullmatch(key):
            yield located.problem(where, f"'{key}' is not a usable name; use lower-case letters, digits and _, starting with a letter")
        elif key in RESERVED_NAMES:
            yield located.problem(where, f"'{key}' is a name the catalogue keeps for itself; pick another, like '{key}_text'")
        elif isinstance(value, dict):
            yield from _check_group(located, value, where)
        elif value is None:
            yield located.problem(where, "this string is empty; write the words after the colon, or remove the line")
        elif not isinstance(value, str):
            yield located.problem(where, f"this must be text, not {_kind(value)}; put the words in double quotes")
        elif not value.strip():
            yield located.problem(where, "this string is empty; write the words after the colon, or remove the line")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no (YAML reads yes, no, true, false, on and off that way)"
    if isinstance(value, (int, float)):
        return f"a number (write \"{value}\")"
    if isinstance(value, list):
        return "a list (lines starting with -)"
    return type(value).__name__


def _has(data: dict, parts: list[str]) -> bool:
    for part in parts:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return isinstance(data, str)
