"""The agency's details from ``extra.agency`` in mkdocs.yml: checked, and the ``{{ agency.x }}`` tokens.

Pages and data files write ``{{ agency.phone }}``; this module swaps in the value, so the
agency's details are written once, in mkdocs.yml. Each detail is checked when the build
starts, and a bad one is reported with the line of mkdocs.yml it is on.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Callable

from pydantic import AfterValidator, Field

from sitegen import datafiles
from sitegen.datafiles import DataFileError, Located
from sitegen.model import Strict, plain_text

TOKEN = re.compile(r"\{\{\s*agency\.([a-z_]+)\s*\}\}")
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
    hours: plain_text(200) = Field(description="Office hours in words, e.g. Monday to Friday, 8 AM to 5 PM.")
    website: WebAddress
    jobs_url: WebAddress = Field(description="The page with the agency's job listings.")
    time_zone: Annotated[str, AfterValidator(_time_zone)] = Field(
        description="The agency's IANA time zone, e.g. America/Chicago; messages and calendar files default to it."
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


def fill(text: str, values: dict[str, str], *, escape: Callable[[str], str] = str, where: str) -> str:
    """Replace every ``{{ agency.key }}`` with its value, passed through ``escape`` for the
    place it lands. An unknown key names the file it was found in."""

    def swap(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            known = ", ".join(sorted(values))
            line = text.count("\n", 0, match.start()) + 1
            message = f"unknown token '{match.group(0)}' (known: {known})"
            raise DataFileError([datafiles.Problem(Path(where), line, "", message)])
        return escape(values[key])

    return TOKEN.sub(swap, text)
