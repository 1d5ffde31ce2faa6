"""Message templates: the field catalogue and one YAML file per scenario, checked and rendered.

``data/fields.yml`` defines every fill-in field once (label, hint, example, kind);
``data/templates/<id>.yml`` holds one scenario's advice and its four channels, whose text
names fields as ``{interviewer_name}``. Every problem names the file, the line and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import Field, model_validator

from sitegen import agency as agency_details
from sitegen import rules as site_rules
from sitegen import translations
from sitegen.datafiles import DataFileError, Located, Problem, load_each, read_yaml, unique_id_problems, validate
from sitegen.model import PAGE_LINK, Strict, plain_text, prose
from sitegen.pages import Page
from sitegen.situations import SITUATION_IDS

FOLDER = "templates"
INDEX = f"{FOLDER}/index.md"
RESERVED_IDS = {"index"}  # templates/index.md is the section's own page
FIELD_ID = r"^[a-z][a-z0-9_]*$"
TEMPLATE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Anything brace-like left after removing good placeholders: '{Name}', '{{x}}', '{ x }', a lone '}'.
STRAY_BRACE = re.compile(r"\{+[^{}\n]{0,40}\}*|\}+")

# What happened: the four situations (defined once, in sitegen.situations), then what follows
# the rescheduled interview. The templates index lists them in this order, each under its
# heading in data/strings (messages_index.groups).
GROUPS = (*SITUATION_IDS, "after")
Situation = Literal[GROUPS]

# Which channel parts a reader sees, in page order (call first: every page says to call
# first); 'to' holds only a recipient placeholder.
CHANNEL_PARTS: dict[str, tuple[str, ...]] = {
    "phone": ("body",),
    "voicemail": ("body",),
    "text": ("to", "body"),
    "email": ("to", "subject", "body"),
}
RECIPIENT_KIND = {"email": "email", "text": "tel"}


def _text(description: str, **extra) -> object:
    """A required, non-empty string field with a description the JSON schema shows in editors."""
    return Field(description=description, min_length=1, **extra)


Label = plain_text(120)
Message = prose(3000, tokens=True)  # {{ agency.x }} is filled in before placeholders are checked
Minutes = Annotated[int, Field(ge=0, le=40_320)]  # up to four weeks before
# A page shows each choice's answers without JavaScript through CSS (templates.css), which
# knows this many choices and answers.
MAX_CHOICES = 3
MAX_OPTIONS = 4


class CalendarEvent(Strict):
    """What a date-and-time field puts in the reader's calendar file (.ics)."""

    button: Label = _text("The download button's words, like \"Add the new interview to my calendar\".")
    summary: Label = _text("The event's title in the calendar; the company is added after it.")
    minutes: int = Field(ge=5, le=480, description="How long the event lasts, in minutes.")
    reminders: list[Minutes] = Field(default=[], max_length=5, description="Reminders, in minutes before the start (1440 is one day).")
    details: list[str] = Field(
        default=[],
        description="Fields whose values go in the event's notes, as 'Label: value', when the page has them and they are filled in.",
    )


class FieldDef(Strict):
    """One fill-in field in the shared catalogue."""

    id: str = _text("Name used in templates as {id} and in staff links as #id=value.", pattern=FIELD_ID)
    label: Label = _text("The label next to the input box, like \"Interviewer's name\".")
    hint: plain_text(200, tokens=True) = _text("One short sentence under the label that says what to type.")
    example: plain_text(120) = _text("A made-up example value, shown to staff and used in tests.")
    kind: Literal["text", "email", "tel", "datetime"] = Field(
        description="text, email or tel: a typed value. datetime: a date and time picker that also makes a calendar file."
    )
    blank: Optional[Label] = Field(
        default=None,
        description="What the empty blank says, without brackets. Defaults to the label in lower case.",
    )
    autocomplete: Optional[str] = Field(
        default=None,
        description="The browser's autocomplete token for the reader's own details (name, tel, email); leave out otherwise.",
        pattern=r"^[a-z-]+( [a-z-]+)*$",
    )
    calendar: Optional[CalendarEvent] = Field(default=None, description="Required for datetime fields: the calendar file it makes.")

    @model_validator(mode="after")
    def _calendar_only_for_datetime(self) -> "FieldDef":
        """A date and time makes a calendar file; other kinds cannot."""
        if self.kind == "datetime" and self.calendar is None:
            raise ValueError("a datetime field needs 'calendar' (button, summary, minutes)")
        if self.kind != "datetime" and self.calendar is not None:
            raise ValueError("only datetime fields can have 'calendar'")
        return self

    @property
    def blank_text(self) -> str:
        """'[interviewer's name]': the visible blank for a missing value."""
        label = self.blank or (self.label[:1].lower() + self.label[1:])
        return f"[{label}]"


class TimeZoneChoice(Strict):
    """A time zone readers may pick for the times they type."""

    id: str = _text("An IANA time zone name, like America/New_York.", pattern=r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", max_length=60)
    label: Label = _text("What the menu shows, like \"Eastern Time (New York)\".")


class FieldCatalogue(Strict):
    """data/fields.yml: every field any template may use, defined once."""

    fields: list[FieldDef] = Field(min_length=1, max_length=100, description="All fill-in fields.")
    time_zones: list[TimeZoneChoice] = Field(
        default=[],
        max_length=40,
        description="Time zones offered next to date fields. The agency's own (extra.agency.time_zone in mkdocs.yml) is the default and is added if missing.",
    )


class UsedField(Strict):
    """A catalogue field this template fills in."""

    id: str = _text("A field id from data/fields.yml.", pattern=FIELD_ID)
    required: bool = Field(default=False, description="True if the message makes no sense without it.")


class EmailChannel(Strict):
    to: Optional[plain_text(40)] = Field(default=None, description="The recipient: one email placeholder, like {interviewer_email}.")
    subject: plain_text(200) = _text("The email's subject line; may use placeholders.")
    body: Message = _text("The email's text; may use placeholders.")


class SpokenChannel(Strict):
    body: Message = _text("What to say; may use placeholders.")


class TextChannel(Strict):
    to: Optional[plain_text(40)] = Field(default=None, description="The recipient: one phone placeholder, like {interviewer_phone}.")
    body: Message = _text("The text message; keep it short and use plain characters.")


class Channels(Strict):
    email: EmailChannel
    phone: SpokenChannel = Field(description="A script to read on the phone, including what to say if they say no.")
    voicemail: SpokenChannel = Field(description="What to say if no one answers.")
    text: TextChannel


class ChoiceOption(Strict):
    """One answer the reader may pick, and the words it puts in the messages."""

    id: str = _text("A short name for this answer, like phone_died.", pattern=FIELD_ID, max_length=40)
    label: plain_text(80) = _text("What the reader picks, like \"My phone died\".")
    words: plain_text(200) = _text("The words the messages say for it, like \"My phone died, and I lost my alarm\". No placeholders.")


class Choice(Strict):
    """Where the messages differ by what happened: the reader picks, and every channel follows.
    The messages name it like a field: {what_happened}. Use this instead of "(or ...)"."""

    id: str = _text("The name the messages use for it, as {id}; not a field id.", pattern=FIELD_ID, max_length=40)
    label: plain_text(120) = _text("The question above the answers, like \"What happened?\".")
    options: list[ChoiceOption] = Field(min_length=2, max_length=MAX_OPTIONS, description="The answers, first one picked to begin with.")


class Template(Strict):
    """data/templates/<id>.yml: one scenario's advice and messages."""

    id: str = _text("The page address: templates/<id>/. Never change it once published.", pattern=TEMPLATE_ID, max_length=60)
    title: plain_text(80) = _text("The page title and menu entry.")
    situation: Situation = Field(description="What happened; groups the templates index.")
    order: int = Field(default=100, ge=0, le=10_000, description="Position within its situation on the index; lower comes first.")
    scenario: plain_text(300) = _text("One sentence: when to use these messages. Shown on the index and in link previews.")
    advice: prose(1500, tokens=True, links=True) = _text("A few plain sentences, with a blank line between paragraphs: call or write, how much to explain.")
    fields: list[UsedField] = Field(min_length=1, max_length=40, description="The catalogue fields these messages use.")
    choices: list[Choice] = Field(
        default=[], max_length=MAX_CHOICES,
        description="Optional: where the words differ by what happened. The reader picks one answer, and the messages say its words where they name {id}.",
    )
    channels: Channels


@dataclass(frozen=True)
class Part:
    """A run of message text, or one field's blank."""

    text: str = ""
    field: str = ""


@dataclass
class Loaded:
    """Everything the pages need, checked."""

    catalogue: dict[str, FieldDef]
    templates: list[Template]
    paths: dict[str, Path]
    time_zones: list[TimeZoneChoice]
    default_zone: str
    lines: dict[str, int]  # the line of each template's advice, for link problems
    agency: dict[str, str] = field(default_factory=dict)  # for the agency box on each page
    rules: site_rules.Rules | None = None  # data/rules.yml: the agency box and the texting rule on each page
    # Another edition's pages send the English words by default (an English-speaking employer),
    # each sentence with its meaning: the English templates, by id (sitegen.context sets it).
    english: dict[str, Template] = field(default_factory=dict)


def parts(text: str) -> list[Part]:
    """Split message text at its placeholders, so blanks can be rendered and refilled."""
    result: list[Part] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > last:
            result.append(Part(text=text[last : match.start()]))
        result.append(Part(field=match.group(1)))
        last = match.end()
    if last < len(text):
        result.append(Part(text=text[last:]))
    return result


def channel_texts(template: Template) -> list[tuple[tuple[str, ...], str]]:
    """Every (location, text) a reader sees, for checking placeholders."""
    found = []
    for channel, names in CHANNEL_PARTS.items():
        model = getattr(template.channels, channel)
        for name in names:
            value = getattr(model, name, None)
            if value is not None:
                found.append((("channels", channel, name), value))
    return found


def load_catalogue(path: Path) -> tuple[dict[str, FieldDef], list[TimeZoneChoice]]:
    """Read data/fields.yml; raises DataFileError naming the file and line."""
    located = read_yaml(path)
    catalogue = validate(located, FieldCatalogue)
    found: dict[str, FieldDef] = {}
    problems = []
    for index, field in enumerate(catalogue.fields):
        if field.id in found:
            problems.append(located.problem(("fields", index, "id"), f"field id '{field.id}' is defined twice"))
        found[field.id] = field
    problems.extend(_check_calendar_details(located, found) if not problems else [])
    for index, field in enumerate(catalogue.fields):
        problems.extend(_check_example(located, index, field))
    for index, zone in enumerate(catalogue.time_zones):
        if zone.id not in agency_details.time_zone_names():
            problems.append(located.problem(("time_zones", index, "id"), f"'{zone.id}' is not a time zone name; write it like America/Chicago"))
    if problems:
        raise DataFileError(problems)
    return found, catalogue.time_zones


# Staff copy examples into links and the tests type them into the page, so each must be a
# value its kind of input box takes.
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
DATETIME_EXAMPLE = "2026-12-01T10:00"
US_DATETIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})[\s,T]*(?:at\s*)?(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?m?\.?", re.IGNORECASE)


def _check_example(located: Located, index: int, field: FieldDef) -> list[Problem]:
    """An example that does not fit its field's kind is named at its own line."""
    message = _example_problem(field.kind, field.example)
    return [located.problem(("fields", index, "example"), message)] if message else []


def _example_problem(kind: str, example: str) -> str | None:
    if kind == "datetime" and not _is_datetime(example):
        return (f"'{example}' is not a date and time the date picker can show; write it like "
                f"{_as_datetime(example) or DATETIME_EXAMPLE} (year-month-day, a T, then the time on a 24-hour clock)")
    if kind == "email" and not agency_details.EMAIL.fullmatch(example):
        return f"'{example}' is not an email address; write one like jordan.smith@example.com"
    if kind == "tel" and not _is_full_phone(example):
        return f"'{example}' is not a whole phone number; write 10 digits like (555) 555-0188, or + and the country code like +44 20 7946 0958"
    return None


def _is_datetime(value: str) -> bool:
    if not DATETIME.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:  # 2026-02-30T10:00, 2026-12-01T25:00
        return False
    return True


def _as_datetime(value: str) -> str | None:
    """'12/01/2026 10am' -> '2026-12-01T10:00': the example as the maintainer meant it."""
    match = US_DATETIME.fullmatch(value.strip())
    if not match:
        return None
    month, day, year, hour, minute, half = match.groups()
    hour_24 = int(hour) % 12 + (12 if half and half.lower() == "p" else 0) if half else int(hour)
    try:
        meant = datetime(int(year), int(month), int(day), hour_24, int(minute or 0))
    except ValueError:
        return None
    return meant.strftime("%Y-%m-%dT%H:%M")


def _is_full_phone(value: str) -> bool:
    """Ten digits (a US number with its area code), or + and a country code."""
    match = agency_details.PHONE.fullmatch(value)
    if not match:
        return False
    number = value[: match.start("ext")] if match.group("ext") else value
    digits = re.sub(r"\D", "", number)
    return 8 <= len(digits) <= 15 if number.strip().startswith("+") else len(digits) == 10


# Templates for these situations offer calendar files for the new interview and the call back.
CALENDAR_SITUATIONS = ("missed", "no-show", "move")
CALENDAR_FIELDS = ("new_interview_at", "callback_at")
CALENDAR_RULE = (
    "templates for a missed, no-show or moved interview offer a calendar file for the new time "
    "and the call back: list new_interview_at and callback_at under fields:"
)


def check_template(located: Located, template: Template, catalogue: dict[str, FieldDef]) -> list[Problem]:
    """Placeholders and listed fields must match exactly, and every field must exist."""
    problems: list[Problem] = []
    if template.id != located.path.stem:  # guide pages link to templates/<file name>.md
        problems.append(located.problem(("id",), f"the id must match the file name '{located.path.stem}'"))
    listed, stand_ins = _listed_fields(located, template, catalogue, problems)
    chosen = _check_choices(located, template, catalogue, problems)
    accepted = {**stand_ins, **listed, **chosen}  # a misspelt listed field stands for the one it was meant to be
    known = [*listed, *chosen, *(name for name in catalogue if name not in listed)]
    used_anywhere: set[str] = set()
    meant: set[str] = set()  # fields a misspelt placeholder stands for: listed, and used once it is fixed
    for loc, text in channel_texts(template):
        written = _as_written(located, loc, text)
        problems.extend(_check_syntax(located, loc, written, known))
        found, used, guessed = _check_placeholders(located, loc, written, accepted, catalogue, known)
        problems += found
        used_anywhere |= used
        meant |= guessed
    problems.extend(_check_recipients(located, template, catalogue))
    problems.extend(_check_calendar_rule(located, template, accepted))
    for name, index in listed.items():
        if name in catalogue and name not in used_anywhere and name not in meant:
            problems.append(located.problem(("fields", index, "id"), f"field '{name}' is listed but no channel uses '{{{name}}}'"))
    for name, index in chosen.items():
        if name not in used_anywhere and name not in meant:
            problems.append(located.problem(("choices", index, "id"), f"choice '{name}' is listed but no channel uses '{{{name}}}'"))
    problems.extend(_check_alternatives(located, template))
    return _unique_problems(problems)


# "(or my phone died)": an alternative the reader was meant to delete, sent as written.
ALTERNATIVE = re.compile(r"\(or\b", re.IGNORECASE)


def _check_alternatives(located: Located, template: Template) -> list[Problem]:
    """What the employer receives holds no '(or ...)': the reader picks, through a choice."""
    problems = []
    for loc, text in channel_texts(template):
        written = _as_written(located, loc, text)
        for match in ALTERNATIVE.finditer(written):
            message = "'(or ...)' would be sent as written: make it a choice (choices:, with one answer each), and write {its_id} here"
            problems.append(located.problem_in(loc, match.start(), message))
    return problems


def _check_choices(located: Located, template: Template, catalogue: dict[str, FieldDef], problems: list[Problem]) -> dict[str, int]:
    """Each choice's id and position. Its id must not be a field's, its answers' ids are
    unique, and its words hold no blanks (a choice fills in words, not other fields)."""
    found: dict[str, int] = {}
    for index, choice in enumerate(template.choices):
        loc = ("choices", index, "id")
        if choice.id in found:
            problems.append(located.problem(loc, f"choice '{choice.id}' is listed twice"))
        elif choice.id in catalogue:
            problems.append(located.problem(loc, f"'{choice.id}' is a field in data/fields.yml; give the choice another name"))
        found.setdefault(choice.id, index)
        seen: set[str] = set()
        for position, option in enumerate(choice.options):
            where = ("choices", index, "options", position)
            if option.id in seen:
                problems.append(located.problem((*where, "id"), f"answer '{option.id}' is listed twice in this choice"))
            seen.add(option.id)
            if PLACEHOLDER.search(option.words) or "{" in option.words or "}" in option.words:
                problems.append(located.problem((*where, "words"), "an answer's words are plain text: no {placeholders}"))
    return found


def _listed_fields(
    located: Located, template: Template, catalogue: dict[str, FieldDef], problems: list[Problem]
) -> tuple[dict[str, int], dict[str, int]]:
    """Each field under 'fields:' and its position; a repeat or an unknown one adds a problem.
    Also the fields misspelt ones were meant to be: the messages that use those add no
    problems of their own, since fixing the spelling fixes them all."""
    listed: dict[str, int] = {}
    stand_ins: dict[str, int] = {}
    for index, used in enumerate(template.fields):
        loc = ("fields", index, "id")
        if used.id in listed:
            problems.append(located.problem(loc, f"field '{used.id}' is listed twice"))
        elif used.id not in catalogue:
            guess = _closest(used.id, list(catalogue))
            hint = f"did you mean {guess[0]}?" if guess else f"known: {', '.join(sorted(catalogue))}"
            problems.append(located.problem(loc, f"'{used.id}' is not in data/fields.yml ({hint})"))
            stand_ins.update(dict.fromkeys(guess, index))
        listed.setdefault(used.id, index)
    return listed, stand_ins


def _as_written(located: Located, loc: tuple, text: str) -> str:
    """The text as the file holds it, so a position in it is a position in the file: the model
    strips it, and agency tokens in it may be filled in already."""
    written = located.text_at(loc)
    return written if written is not None else text


def _closest(name: str, known: list[str]) -> list[str]:
    return get_close_matches(name, known, n=1, cutoff=0.75)


def _check_placeholders(
    located: Located, loc: tuple, text: str, listed: dict[str, int], catalogue: dict[str, FieldDef], known: list[str]
) -> tuple[list[Problem], set[str], set[str]]:
    """(problems, fields used, fields a misspelt one was meant to be). Each problem is named
    at the line of the placeholder itself."""
    problems: list[Problem] = []
    used: set[str] = set()
    meant: set[str] = set()
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        first_in_text = name not in used
        used.add(name)
        if name in listed:
            continue
        if name in catalogue:  # a real field, only not listed: one line under fields: fixes every use
            if first_in_text:
                message = f"placeholder '{{{name}}}' is used here but not listed under 'fields'; add '- id: {name}' there"
                problems.append(located.problem_in(loc, match.start(), message))
            continue
        guess = _closest(name, known)
        meant.update(guess)
        message = (f"'{{{name}}}' is not a field: did you mean {{{guess[0]}}}?" if guess else
                   f"'{{{name}}}' is not a field in data/fields.yml; check the spelling, or add the field there first")
        problems.append(located.problem_in(loc, match.start(), message))
    return problems, used, meant


def _check_syntax(located: Located, loc: tuple, text: str, known: list[str]) -> list[Problem]:
    """Catch '{Name}', '{{ x }}' and lone braces, which would otherwise print as-is."""
    # Blank out good placeholders and agency tokens, keeping every other character where it is.
    masked = site_rules.TOKEN.sub(_blank_out, agency_details.TOKEN.sub(_blank_out, PLACEHOLDER.sub(_blank_out, text)))
    problems = []
    for match in STRAY_BRACE.finditer(masked):
        shown = text[match.start() : match.end()]
        guess = _closest(re.sub(r"[^a-z0-9]+", "_", shown.lower()).strip("_"), known)
        message = (f"'{shown}' is not a placeholder: did you mean {{{guess[0]}}}? (lower-case names in single braces)" if guess else
                   f"'{shown}' is not a placeholder; write lower-case names in single braces, like {{interviewer_name}}")
        problems.append(located.problem_in(loc, match.start(), message))
    return problems


def _blank_out(match: re.Match) -> str:
    return "\0" * len(match.group(0))


def _check_calendar_rule(located: Located, template: Template, listed: dict[str, int]) -> list[Problem]:
    """A reader who missed an interview, or must move one, sets a new time and a call back:
    their page offers both as calendar files."""
    missing = [name for name in CALENDAR_FIELDS if name not in listed]
    if template.situation not in CALENDAR_SITUATIONS or not missing:
        return []
    return [located.problem(("fields",), f"{CALENDAR_RULE} (missing here: {', '.join(missing)})")]


def _check_recipients(located: Located, template: Template, catalogue: dict[str, FieldDef]) -> list[Problem]:
    """A 'to' line becomes a mailto: or sms: address, so it holds one field of the right kind."""
    problems = []
    for channel, kind in RECIPIENT_KIND.items():
        value = getattr(template.channels, channel).to
        if value is None:
            continue
        match = PLACEHOLDER.fullmatch(value.strip())
        field = catalogue.get(match.group(1)) if match else None
        if match is None or (field is not None and field.kind != kind):
            loc = ("channels", channel, "to")
            problems.append(located.problem(loc, f"'to' must be one placeholder of a field whose kind is '{kind}'"))
    return problems


def _unique_problems(problems: list[Problem]) -> list[Problem]:
    """One message per line and text, even if a placeholder repeats."""
    return list(dict.fromkeys(problems))


def _check_calendar_details(located: Located, catalogue: dict[str, FieldDef]) -> list[Problem]:
    """A calendar's notes may only name fields that exist."""
    problems = []
    for index, field in enumerate(catalogue.values()):
        for position, name in enumerate(field.calendar.details if field.calendar else []):
            if name not in catalogue:
                loc = ("fields", index, "calendar", "details", position)
                problems.append(located.problem(loc, f"'{name}' is not a field in this file"))
    return problems


def load(data_dir: Path, agency: dict[str, str]) -> Loaded:
    """Load the catalogue and every template; raise one DataFileError listing all problems."""
    problems: list[Problem] = []
    catalogue: dict[str, FieldDef] = {}
    zones: list[TimeZoneChoice] = []
    try:
        catalogue, zones = load_catalogue(data_dir / "fields.yml")
    except DataFileError as error:
        problems.extend(error.problems)
    folder = data_dir / FOLDER
    the_rules = None
    try:
        the_rules = site_rules.load(data_dir, agency)
    except DataFileError as error:
        problems.extend(error.problems)
    loaded = load_each(folder, Template, problems)
    if the_rules is not None:
        loaded = _fill_tokens(loaded, agency, the_rules, problems)
    catalogue = _fill_hints(data_dir / "fields.yml", catalogue, agency, problems)
    problems += unique_id_problems(loaded, "template", RESERVED_IDS)
    if catalogue:
        for located, template in loaded:
            problems.extend(check_template(located, template, catalogue))
    if not loaded and not problems:
        problems.append(Problem(folder, 1, "", "no templates found; add a .yml file here"))
    if problems:
        raise DataFileError(problems)
    templates = sorted((t for _, t in loaded), key=sort_key)
    default = agency["time_zone"]
    if default not in {zone.id for zone in zones}:
        zones = [TimeZoneChoice(id=default, label=agency.get("time_zone_name") or default.replace("_", " ")), *zones]
    paths = {t.id: located.path for located, t in loaded}
    lines = {t.id: located.line_of(("advice",)) for located, t in loaded}
    return Loaded(catalogue, templates, paths, zones, default, lines, dict(agency), the_rules)


def _fill_tokens(loaded: list[tuple[Located, Template]], agency: dict[str, str], the_rules: site_rules.Rules,
                 problems: list[Problem]) -> list[tuple[Located, Template]]:
    """Agency tokens ({{ agency.time_zone_name }}) and rule tokens ({{ rule.texting }}) in the
    advice and the messages become their words (plain text, escaped later), so the placeholder
    checks see the final text."""
    filled = []
    for located, template in loaded:
        def fill(value: str, *loc: str) -> str:
            try:
                return site_rules.fill_data(value, the_rules, agency, located, loc)
            except DataFileError as error:
                problems.extend(error.problems)
                return value

        channels = {
            name: getattr(template.channels, name).model_copy(update={"body": fill(getattr(template.channels, name).body, "channels", name, "body")})
            for name in CHANNEL_PARTS
        }
        update = {"advice": fill(template.advice, "advice"), "channels": template.channels.model_copy(update=channels)}
        filled.append((located, template.model_copy(update=update)))
    return filled


def _fill_hints(path: Path, catalogue: dict[str, FieldDef], agency: dict[str, str], problems: list[Problem]) -> dict[str, FieldDef]:
    """Agency tokens in the field hints of data/fields.yml become the agency's details."""
    filled = {}
    for index, (name, field) in enumerate(catalogue.items()):
        try:
            filled[name] = field.model_copy(update={"hint": agency_details.fill(field.hint, agency, where=str(path))})
        except DataFileError as error:
            # Read again only to point at the mistake: the catalogue keeps no line numbers.
            problems.append(agency_details.token_problem(read_yaml(path), ("fields", index, "hint"), field.hint, agency, error))
            filled[name] = field
    return filled


def sort_key(template: Template) -> tuple:
    """Index order: by what happened, then the file's own order, then title."""
    return (GROUPS.index(template.situation), template.order, template.title)


def page_fields(template: Template, catalogue: dict[str, FieldDef]) -> list[dict]:
    """The fields a page shows, in the template's order, with their catalogue details."""
    return [
        {**catalogue[used.id].model_dump(), "required": used.required, "blank_text": catalogue[used.id].blank_text}
        for used in template.fields
    ]


def recipient(template: Template, channel: str) -> str | None:
    """The field a channel's 'To:' names (interviewer_email), or None."""
    to = getattr(getattr(template.channels, channel), "to", None)
    found = PLACEHOLDER.findall(to or "")
    return found[0] if found else None


# The details block under the call's words holds at most this many fields: the ones that
# matter most. The rest sit beside the channel that uses them, or fold away.
MAX_MAIN_FIELDS = 4


def channel_fields(template: Template) -> dict[str, list[str]]:
    """The fields each channel names, in the order they first appear in it."""
    found: dict[str, list[str]] = {name: [] for name in CHANNEL_PARTS}
    for loc, text in channel_texts(template):
        for name in PLACEHOLDER.findall(text):
            if name not in found[loc[1]]:
                found[loc[1]].append(name)
    return found


def call_number(template: Template, by_id: dict[str, dict]) -> str | None:
    """The number the call dials: the text message's recipient, when it is a phone field."""
    call = recipient(template, "text")
    return call if call and by_id.get(call, {}).get("kind") == "tel" else None


def page_layout(template: Template, fields: list[dict]) -> dict:
    """Where each field goes on the page, words first:
    - ``call``: the number to dial, under the call's words, beside its button;
    - ``main``: the details block under the call, at most MAX_MAIN_FIELDS required fields, the
      ones most channels use (ties in the template's order), shown in the template's order;
    - ``channels``: each later channel's own fields (its recipient, then the fields it is the
      first of voicemail, text and email to use), required ones shown, optional ones folded;
    - ``more``: the details block's fold: every other field (those only the call uses).
    ``zone`` names the group that holds the time zone menu: the first with a date field."""
    by_id = {f["id"]: f for f in fields}
    uses = channel_fields(template)
    call = call_number(template, by_id)
    recipients = {name for name in (call, recipient(template, "email")) if name}
    count = {f["id"]: sum(f["id"] in used for used in uses.values()) for f in fields}
    candidates = [f for f in fields if f["required"] and f["id"] not in recipients and f["kind"] != "datetime"]
    ranked = sorted(candidates, key=lambda f: -count[f["id"]])[:MAX_MAIN_FIELDS]  # sorted() keeps file order in ties
    main = [f for f in fields if f in ranked]
    placed = {f["id"] for f in main} | ({call} if call else set())
    channels: dict[str, dict[str, list[dict]]] = {}
    for name in ("voicemail", "text", "email"):
        own = [by_id[n] for n in dict.fromkeys([recipient(template, name), *uses[name]]) if n in by_id and n not in placed]
        placed |= {f["id"] for f in own}
        channels[name] = {"main": [f for f in own if f["required"] or f["id"] in recipients], "more": [f for f in own if not (f["required"] or f["id"] in recipients)]}
    more = [f for f in fields if f["id"] not in placed]
    groups = [("details", main + more), *((name, group["main"] + group["more"]) for name, group in channels.items())]
    zone = next((name for name, group in groups if any(f["kind"] == "datetime" for f in group)), None)
    return {"call": by_id.get(call) if call else None, "main": main, "more": more, "channels": channels, "zone": zone}


def choice_context(template: Template) -> dict[str, dict]:
    """Each choice by id, with its position (1, 2, 3): the CSS that shows the picked answer
    without JavaScript knows choices and answers by position."""
    return {choice.id: {"choice": choice, "group": index} for index, choice in enumerate(template.choices, start=1)}


def message_parts(template: Template) -> dict[str, dict[str, list[Part]]]:
    """Each channel's parts (to, subject, body) as runs of text and blanks."""
    return {
        name: {part: parts(text.strip()) for part in CHANNEL_PARTS[name] if (text := getattr(getattr(template.channels, name), part, None))}
        for name in CHANNEL_PARTS
    }


def glosses(english: Template, translated: Template) -> dict[str, list[tuple[list[Part], list[Part]]]]:
    """Each channel's English words, sentence by sentence (the subject first), with the same
    sentence of the translation beside it: what the reader says, and what it means. Where a
    paragraph's sentences do not pair up, the whole paragraph is one pair."""
    found: dict[str, list[tuple[list[Part], list[Part]]]] = {}
    for name in CHANNEL_PARTS:
        pairs: list[tuple[str, str]] = []
        for part in ("subject", "body"):
            one = getattr(getattr(english.channels, name), part, None)
            other = getattr(getattr(translated.channels, name), part, None)
            if not one or not other:
                continue
            if part == "subject":
                pairs.append((one.strip(), other.strip()))
                continue
            for a, b in zip(translations.sentences(one), translations.sentences(other)):
                pairs += list(zip(a, b)) if len(a) == len(b) else [(" ".join(a), " ".join(b))]
        found[name] = [(parts(a), parts(b)) for a, b in pairs]
    return found


def page_context(template: Template, loaded: Loaded) -> dict:
    """What markdown_templates/message.md needs for one template."""
    fields = page_fields(template, loaded.catalogue)
    channels = message_parts(template)
    english = loaded.english.get(template.id)
    has_datetime = any(field["kind"] == "datetime" for field in fields)
    return {
        "template": template,
        "fields": fields,
        "blanks": {field["id"]: field["blank_text"] for field in fields},
        "choices": choice_context(template),
        "channels": channels,
        "time_zones": loaded.time_zones if has_datetime else [],
        "default_zone": loaded.default_zone,
        "datetime_fields": [field["id"] for field in fields if field["kind"] == "datetime"],
        "layout": page_layout(template, fields),
        "agency": loaded.agency,
        "rules": loaded.rules,
        "box": site_rules.BOX[template.situation],
        "advice": [" ".join(part.split()) for part in template.advice.split("\n\n") if part.strip()],
        # Another edition's page: the English words to send by default, and their meaning.
        "english": {"channels": message_parts(english), "choices": choice_context(english),
                    "glosses": glosses(english, template)} if english else None,
    }


def pages(loaded: Loaded) -> list[Page]:
    """A page per template and the section's index, grouped by what happened."""
    found = [
        Page(
            src_uri=f"{FOLDER}/{template.id}.md",
            template="message.md",
            context=page_context(template, loaded),
            nav_section=INDEX,
            data_file=loaded.paths[template.id],
            links=[(target, Problem(loaded.paths[template.id], loaded.lines[template.id], "advice", f"no page '{target}' in this site (paths start in docs/)"))
                   for _, target in PAGE_LINK.findall(template.advice)] + (loaded.rules.links() if loaded.rules and site_rules.BOX[template.situation] else []),
        )
        for template in loaded.templates
    ]
    groups = [(key, [t for t in loaded.templates if t.situation == key]) for key in GROUPS]
    found.append(Page(src_uri=INDEX, template="messages-index.md", context={"groups": [g for g in groups if g[1]]}))
    return found
