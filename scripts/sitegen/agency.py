"""The agency's details from ``extra.agency`` in mkdocs.yml: checked, and the ``{{ agency.x }}`` tokens.

Pages and data files write ``{{ agency.phone }}``; this module swaps in the value, so the
agency's details are written once, in mkdocs.yml. Each detail is checked when the build
starts, and a bad one is reported with the line of mkdocs.yml it is on.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import replace
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Callable

from pydantic import AfterValidator, Field

from sitegen import datafiles
from sitegen.datafiles import DataFileError, Located
from sitegen.model import Strict, plain_text

# Capitals and digits too, so {{ agency.Phone }} gets "did you mean" instead of staying in the page.
TOKEN = re.compile(r"\{\{\s*agency\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Details that also serve as link targets. Their checks allow no character that means anything
# to Markdown or HTML, so they go into pages as written; the rest are escaped as text.
ADDRESS_KEYS = frozenset({"email", "website", "jobs_url", "phone_tel"})
PHONE = re.compile(r"^\+?[0-9(][0-9 ().-]{5,22}[0-9]( ?(?:ext\.?|x) ?(?P<ext>[0-9]{1,6}))?$", re.IGNORECASE)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
WEB = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&+,;=:@%/-]*)?(\?[A-Za-z0-9._~!$&+,;=:@%/?-]*)?$")


def _check(pattern: re.Pattern, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"'{value[:80]}' is not {what}")
        return value

    return AfterValidator(check)


def _time_zone(value: str) -> str:
    if value not in time_zone_names():
        raise ValueError(f"'{value[:60]}' is not a time zone name; write it like 'America/Chicago'")
    return value


def _time_zone_words(value: str) -> str:
    # A common slip: the IANA name here too. Readers see this one, so it must be words.
    if "/" in value:
        raise ValueError(f"'{value[:60]}' is a time zone code; write the zone as readers say it, like 'Central Time' (the code goes in time_zone)")
    return value


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


Phone = Annotated[str, _check(PHONE, "a phone number; write digits, spaces, ( ) - and an optional 'ext. 12'")]
Email = Annotated[str, _check(EMAIL, "a plain email address like jobs@example.com (no name, no ?subject=)")]
WebAddress = Annotated[str, Field(max_length=300), _check(WEB, "a web address starting with https:// or http://")]


class Agency(Strict):
    """extra.agency in mkdocs.yml: who runs the site and how to reach them."""

    name: plain_text(80) = Field(description="The agency's name, as readers know it.")
    phone: Phone = Field(description="The main phone number, e.g. (615) 555-0142 or (615) 555-0142 ext. 12.")
    email: Email
    address: plain_text(200)
    city: plain_text(80) = Field(description="The city the agency serves, as pages name it, e.g. Nashville.")
    state: plain_text(80) = Field(description="The state (or region) it is in, written out, e.g. Tennessee.")
    hours: plain_text(200) = Field(description="Office hours in words, e.g. Monday to Friday, 8 AM to 5 PM.")
    website: WebAddress
    jobs_url: WebAddress = Field(description="The page with the agency's job listings.")
    time_zone: Annotated[str, AfterValidator(_time_zone)] = Field(
        description="The agency's IANA time zone, e.g. America/Chicago; messages and calendar files default to it."
    )
    time_zone_name: Annotated[plain_text(60), AfterValidator(_time_zone_words)] = Field(
        description="That time zone as readers say it, e.g. Central Time; pages and messages name it this way."
    )


def phone_tel(phone: str) -> str:
    """'(615) 555-0142 ext. 12' -> '+16155550142;ext=12': the form tel: links need (RFC 3966)."""
    match = PHONE.fullmatch(phone)
    extension = match.group("ext") if match else None
    number = phone[: match.start(1)] if match and match.group(1) else phone
    digits = re.sub(r"\D", "", number)
    if not number.strip().startswith("+") and len(digits) == 10:
        digits = "1" + digits  # a US number written without the country code
    return "+" + digits + (f";ext={extension}" if extension else "")


def details(extra: dict, config_file: Path) -> dict[str, str]:
    """Checked agency details plus derived values (``phone_tel`` for tel: links).
    Raises DataFileError naming mkdocs.yml, the line and the field."""
    located = _locate(extra.get("agency"), config_file)
    try:
        agency = datafiles.validate(located, Agency)
    except DataFileError as error:  # name fields as the maintainer sees them: extra.agency.phone
        raise DataFileError([replace(p, field=".".join(filter(None, ("extra.agency", p.field)))) for p in error.problems]) from None
    values = agency.model_dump()
    values["phone_tel"] = phone_tel(agency.phone)
    return values


def _locate(agency: object, config_file: Path) -> Located:
    """The agency block with the line of each key in mkdocs.yml, for messages that point at it."""
    try:
        every = datafiles.line_index(config_file)
    except DataFileError:
        every = {}  # MkDocs has read the file already; only the line numbers are lost
    lines = {key[2:]: line for key, line in every.items() if key[:2] == ("extra", "agency")}
    lines.setdefault((), every.get(("extra",), 1))
    return Located(config_file, agency, lines)


def for_markdown(values: dict[str, str], escape: Callable[[str], str]) -> dict[str, str]:
    """The details as they go into a Markdown page: text escaped, addresses as checked."""
    return {key: value if key in ADDRESS_KEYS else escape(value) for key, value in values.items()}


def fill(text: str, values: dict[str, str], *, escape: Callable[[str], str] = str, where: str, first_line: int = 1) -> str:
    """Replace every ``{{ agency.key }}`` with its value, passed through ``escape`` for the
    place it lands. An unknown key names the file and line it was found on: ``first_line``
    is the file's line where ``text`` starts (after a page's front matter, say)."""

    def swap(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            line = first_line + text.count("\n", 0, match.start())
            raise DataFileError([datafiles.Problem(Path(where), line, "", unknown_token(match.group(0), key, values))])
        return escape(values[key])

    return TOKEN.sub(swap, text)


def token_problem(located: Located, loc: tuple, value: str, values: dict[str, str], error: DataFileError) -> datafiles.Problem:
    """A fill() error in a data file's text, on the line of the first unknown token itself."""
    offsets = [match.start() for match in TOKEN.finditer(value) if match.group(1) not in values]
    line = located.line_in(loc, offsets[0]) if offsets else located.line_of(loc)
    return datafiles.Problem(located.path, line, datafiles.dotted(loc), error.problems[0].message)


def unknown_token(token: str, key: str, values: dict[str, str]) -> str:
    """What to write instead of a token with a misspelt or unknown key."""
    guess = get_close_matches(key.lower(), sorted(values), n=1, cutoff=0.7)
    if guess:
        return f"unknown token '{token}': did you mean {{{{ agency.{guess[0]} }}}}?"
    return f"unknown token '{token}' (known: {', '.join(sorted(values))})"


def body_first_line(source: str) -> int:
    """The line of a Markdown file where its text starts once MkDocs has taken off the front
    matter (the part between --- lines): hooks see only that text, but messages name file lines."""
    from mkdocs.utils.meta import get_data  # the same rule MkDocs itself uses; only hooks call this

    body, _ = get_data(source)
    if not source.endswith(body):
        return 1
    return source.count("\n", 0, len(source) - len(body)) + 1
