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
# The shape of a phone number: digits, spaces, ( ) . - and an optional extension. Which
# digits make a number someone can dial is phone_problem()'s job.
PHONE = re.compile(r"^\+?[0-9(][0-9 ().-]{5,22}[0-9]( ?(?:ext\.?|x) ?(?P<ext>[0-9]{1,6}))?$", re.IGNORECASE)
PHONE_EXAMPLES = "a US number with its area code, like (615) 555-0142, or + and the country code, like +44 20 7946 0958"
# A dot-atom local part (no dot first, last or twice in a row) and a host name whose labels
# start and end with a letter or digit.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@{_LABEL}(?:\.{_LABEL})+$")
WEB = re.compile(rf"^https?://{_LABEL}(?:\.{_LABEL})*(:[0-9]{{1,5}})?(/[A-Za-z0-9._~!$&+,;=:@%/-]*)?(\?[A-Za-z0-9._~!$&+,;=:@%/?-]*)?$")
# Names in the system's time zone folder that are not zones a browser knows.
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory", "leapseconds", "tzdata.zi", "zone.tab", "zone1970.tab", "iso3166.tab"})


def _check(pattern: re.Pattern, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"'{value[:80]}' is not {what}")
        return value

    return AfterValidator(check)


def phone_problem(phone: str) -> str | None:
    """Why ``phone`` would not dial the number the agency meant, or None when it would: a US
    number needs all 10 digits (an optional 1 first), any other an explicit + and country code."""
    match = PHONE.fullmatch(phone)
    if not match:
        return f"'{phone[:40]}' is not a phone number; write {PHONE_EXAMPLES} (digits, spaces, ( ) - and an optional 'ext. 12')"
    number = phone[: match.start(1)] if match.group(1) else phone
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        if digits.startswith("0"):
            return f"'{phone[:40]}' starts with +0, and no country code starts with 0; write {PHONE_EXAMPLES}"
        if digits.startswith("1") and len(digits) != 11:
            return f"'{phone[:40]}' is a US number (+1) with {len(digits) - 1} digits after the 1, not 10; write {PHONE_EXAMPLES}"
        if not 8 <= len(digits) <= 15:
            return f"'{phone[:40]}' has {len(digits)} digits; a number with + and its country code has 8 to 15. Write {PHONE_EXAMPLES}"
        return None
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return (f"'{phone[:40]}' has {len(digits)} digits: a phone would dial another number. Write {PHONE_EXAMPLES}")
    if digits[0] in "01" or digits[3] in "01":
        return f"'{phone[:40]}' is not a US number (no area code or exchange starts with 0 or 1); write {PHONE_EXAMPLES}"
    return None


def _phone(value: str) -> str:
    problem = phone_problem(value)
    if problem:
        raise ValueError(problem)
    return value


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
    """IANA zone names a browser accepts (Intl.DateTimeFormat's timeZone): the system's list,
    less the files in its zone folder that are not zones (localtime, posixrules, Factory)."""
    return frozenset(name for name in zoneinfo.available_timezones()
                     if name not in NOT_ZONES and not name.startswith(("posix/", "right/")))


Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, _check(EMAIL, "a plain email address like jobs@example.com (no name, no ?subject=, no dot at the start or end of the name and no two dots in a row)")]
WebAddress = Annotated[str, Field(max_length=300), _check(WEB, "a web address like https://www.example.com/ (https:// or http://, then a host name of letters, digits, dots and inner hyphens)")]


class AgencyWords(Strict):
    """extra.agency.<language> in mkdocs.yml: the details whose words differ in that language.
    Each one left out is shown as the English value."""

    hours: plain_text(200) = Field(default="", description="Office hours in that language.")
    time_zone_name: Annotated[plain_text(60), AfterValidator(_time_zone_words)] = Field(
        default="", description="The time zone as readers of that language say it, e.g. hora del Centro.")
    address: plain_text(200) = Field(default="", description="The address, if it reads differently (a floor, a note).")
    missed_interview_policy: plain_text(600) = Field(default="", description="The policy, in that language.")


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
    # Optional: the agency's own words. Left out, pages show the neutral line in data/rules.yml.
    missed_interview_policy: plain_text(600) = Field(
        default="",
        description="What the agency does after a missed interview it set up, in a sentence or two, "
                    "e.g. 'Your recruiter will call you within one working day.' Leave it out for a neutral line.",
    )
    speaks_spanish: bool = Field(default=False, description="Staff can help candidates in Spanish: every page says so.")
    es: AgencyWords = Field(default_factory=AgencyWords, description="The details whose words differ in Spanish.")


def phone_tel(phone: str) -> str:
    """'(615) 555-0142 ext. 12' -> '+16155550142;ext=12': the form tel: links need (RFC 3966)."""
    match = PHONE.fullmatch(phone)
    extension = match.group("ext") if match else None
    number = phone[: match.start(1)] if match and match.group(1) else phone
    digits = re.sub(r"\D", "", number)
    if not number.strip().startswith("+") and len(digits) == 10:
        digits = "1" + digits  # a US number written without the country code
    # 11 digits with a leading 1 and no +: already the US country code.
    return "+" + digits + (f";ext={extension}" if extension else "")


# The blocks of details in another edition's words (extra.agency.es), and every key of the
# agency block that is not a detail a page prints.
LANGUAGE_BLOCKS = ("es",)
NOT_DETAILS = ("speaks_spanish", *LANGUAGE_BLOCKS)


def details(extra: dict, config_file: Path, language: str = "en") -> dict[str, str]:
    """Checked agency details plus derived values (``phone_tel`` for tel: links), in
    ``language``: the words given for it under extra.agency.<language>, the English ones for
    the rest. Raises DataFileError naming mkdocs.yml, the line and the field."""
    located = _locate(extra.get("agency"), config_file)
    try:
        agency = datafiles.validate(located, Agency)
    except DataFileError as error:  # name fields as the maintainer sees them: extra.agency.phone
        raise DataFileError([replace(p, field=".".join(filter(None, ("extra.agency", p.field)))) for p in error.problems]) from None
    values = agency.model_dump(exclude=set(NOT_DETAILS))
    own = getattr(agency, language) if language in LANGUAGE_BLOCKS else None
    if own is not None:
        values.update({key: value for key, value in own.model_dump().items() if value})
    values["phone_tel"] = phone_tel(agency.phone)
    return values


def speaks_spanish(extra: dict) -> bool:
    """extra.agency.speaks_spanish, once details() has checked the block."""
    agency = extra.get("agency")
    return isinstance(agency, dict) and agency.get("speaks_spanish") is True


def _locate(agency: object, config_file: Path) -> Located:
    """The agency block with the line of each key in mkdocs.yml, for messages that point at it."""
    try:
        every = datafiles.line_index(config_file)
    except DataFileError as error:
        # MkDocs has read the file already, keeping the last of two equal keys without a word:
        # in the agency block that hides which detail is published, so it stops the build.
        twice = [p for p in error.problems if p.field.startswith("extra.agency.") and "appears twice" in p.message]
        if twice:
            raise DataFileError([replace(p, message="this key appears twice in extra.agency; keep one (the build would use the last)")
                                 for p in twice]) from None
        every = {}  # only the line numbers are lost
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
