"""Message templates: the field catalogue and one YAML file per scenario, checked and rendered.

``data/fields.yml`` defines every fill-in field once (label, hint, example, kind);
``data/templates/<id>.yml`` holds one scenario's advice and its four channels, whose text
names fields as ``{interviewer_name}``. Every problem names the file, the line and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

import jinja2
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitegen.datafiles import DataFileError, Located, Problem, load_each, read_yaml, unique_id_problems, validate

FIELD_ID = r"^[a-z][a-z0-9_]*$"
TEMPLATE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Anything brace-like left after removing good placeholders: '{Name}', '{{x}}', '{ x }', a lone '}'.
STRAY_BRACE = re.compile(r"\{+[^{}\n]{0,40}\}*|\}+")

Situation = Literal["missed", "late", "no-show", "move", "after"]

# What happened, in the order the index lists it; the headings the reader scans.
SITUATIONS: dict[str, str] = {
    "missed": "I missed my interview",
    "late": "I am about to be late",
    "no-show": "The interviewer did not show up or call",
    "move": "I need to move my interview",
    "after": "After the rescheduled interview",
}

# US time zones for calendar files: (id, name in messages, menu label, standard and summer offsets and names).
# Summer values are None where the zone keeps one offset all year (Arizona, Hawaii).
TIME_ZONES: list[dict[str, Optional[str]]] = [
    {"id": "America/Chicago", "name": "Central Time", "label": "Central Time (Nashville)", "std": "-0600", "dst": "-0500", "std_abbr": "CST", "dst_abbr": "CDT"},
    {"id": "America/New_York", "name": "Eastern Time", "label": "Eastern Time (Knoxville, New York)", "std": "-0500", "dst": "-0400", "std_abbr": "EST", "dst_abbr": "EDT"},
    {"id": "America/Denver", "name": "Mountain Time", "label": "Mountain Time (Denver)", "std": "-0700", "dst": "-0600", "std_abbr": "MST", "dst_abbr": "MDT"},
    {"id": "America/Phoenix", "name": "Arizona Time", "label": "Arizona Time (Phoenix)", "std": "-0700", "dst": None, "std_abbr": "MST", "dst_abbr": None},
    {"id": "America/Los_Angeles", "name": "Pacific Time", "label": "Pacific Time (Los Angeles)", "std": "-0800", "dst": "-0700", "std_abbr": "PST", "dst_abbr": "PDT"},
    {"id": "America/Anchorage", "name": "Alaska Time", "label": "Alaska Time (Anchorage)", "std": "-0900", "dst": "-0800", "std_abbr": "AKST", "dst_abbr": "AKDT"},
    {"id": "Pacific/Honolulu", "name": "Hawaii Time", "label": "Hawaii Time (Honolulu)", "std": "-1000", "dst": None, "std_abbr": "HST", "dst_abbr": None},
]

# Which channel parts a reader sees, in page order; 'to' holds only a recipient placeholder.
CHANNEL_PARTS: dict[str, tuple[str, ...]] = {
    "email": ("to", "subject", "body"),
    "phone": ("body",),
    "voicemail": ("body",),
    "text": ("to", "body"),
}
RECIPIENT_KIND = {"email": "email", "text": "tel"}


def _text(description: str, **extra) -> object:
    """A required, non-empty string field with a description the JSON schema shows in editors."""
    return Field(description=description, min_length=1, **extra)


class Strict(BaseModel):
    """Unknown keys are spelling mistakes, so they fail rather than being ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class CalendarEvent(Strict):
    """What a date-and-time field puts in the reader's calendar file (.ics)."""

    button: str = _text("The download button's words, like \"Add the new interview to my calendar\".")
    summary: str = _text("The event's title in the calendar; the company is added after it.")
    minutes: int = Field(ge=5, le=480, description="How long the event lasts, in minutes.")
    reminders: list[int] = Field(default=[], description="Reminders, in minutes before the start (1440 is one day).")
    details: list[str] = Field(
        default=[],
        description="Fields whose values go in the event's notes, as 'Label: value', when the page has them and they are filled in.",
    )


class FieldDef(Strict):
    """One fill-in field in the shared catalogue."""

    id: str = _text("Name used in templates as {id} and in staff links as #id=value.", pattern=FIELD_ID)
    label: str = _text("The label next to the input box, like \"Interviewer's name\".")
    hint: str = _text("One short sentence under the label that says what to type.")
    example: str = _text("A made-up example value, shown to staff and used in tests.")
    kind: Literal["text", "email", "tel", "datetime"] = Field(
        description="text, email or tel: a typed value. datetime: a date and time picker that also makes a calendar file."
    )
    blank: Optional[str] = Field(
        default=None,
        min_length=1,
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


class FieldCatalogue(Strict):
    """data/fields.yml: every field any template may use, defined once."""

    fields: list[FieldDef] = Field(min_length=1, description="All fill-in fields.")


class UsedField(Strict):
    """A catalogue field this template fills in."""

    id: str = _text("A field id from data/fields.yml.", pattern=FIELD_ID)
    required: bool = Field(default=False, description="True if the message makes no sense without it.")


class EmailChannel(Strict):
    to: Optional[str] = Field(default=None, description="The recipient: one email placeholder, like {interviewer_email}.")
    subject: str = _text("The email's subject line; may use placeholders.")
    body: str = _text("The email's text; may use placeholders.")


class SpokenChannel(Strict):
    body: str = _text("What to say; may use placeholders.")


class TextChannel(Strict):
    to: Optional[str] = Field(default=None, description="The recipient: one phone placeholder, like {interviewer_phone}.")
    body: str = _text("The text message; keep it short and use plain characters.")


class Channels(Strict):
    email: EmailChannel
    phone: SpokenChannel = Field(description="A script to read on the phone, including what to say if they say no.")
    voicemail: SpokenChannel = Field(description="What to say if no one answers.")
    text: TextChannel


class Template(Strict):
    """data/templates/<id>.yml: one scenario's advice and messages."""

    id: str = _text("The page address: templates/<id>/. Never change it once published.", pattern=TEMPLATE_ID)
    title: str = _text("The page title and menu entry.")
    situation: Situation = Field(description="What happened; groups the templates index.")
    order: int = Field(default=100, description="Position within its situation on the index; lower comes first.")
    scenario: str = _text("One sentence: when to use these messages. Shown on the index and in link previews.")
    advice: str = _text("A few plain sentences (Markdown): call or write, how much to explain.")
    fields: list[UsedField] = Field(min_length=1, description="The catalogue fields these messages use.")
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


def load_catalogue(path: Path) -> dict[str, FieldDef]:
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
    if problems:
        raise DataFileError(problems)
    return found


def check_template(located: Located, template: Template, catalogue: dict[str, FieldDef]) -> list[Problem]:
    """Placeholders and listed fields must match exactly, and every field must exist."""
    problems: list[Problem] = []
    if template.id != located.path.stem:  # guide pages link to templates/<file name>.md
        problems.append(located.problem(("id",), f"the id must match the file name '{located.path.stem}'"))
    listed: dict[str, int] = {}
    for index, used in enumerate(template.fields):
        loc = ("fields", index, "id")
        if used.id in listed:
            problems.append(located.problem(loc, f"field '{used.id}' is listed twice"))
        elif used.id not in catalogue:
            problems.append(located.problem(loc, f"'{used.id}' is not in data/fields.yml (known: {', '.join(sorted(catalogue))})"))
        listed.setdefault(used.id, index)
    used_anywhere: set[str] = set()
    for loc, text in channel_texts(template):
        problems.extend(_check_syntax(located, loc, text))
        for name in PLACEHOLDER.findall(text):
            used_anywhere.add(name)
            if name not in listed:
                problems.append(located.problem(loc, f"placeholder '{{{name}}}' is used here but not listed under 'fields'"))
    problems.extend(_check_recipients(located, template, catalogue))
    for name, index in listed.items():
        if name not in used_anywhere:
            problems.append(located.problem(("fields", index, "id"), f"field '{name}' is listed but no channel uses '{{{name}}}'"))
    return _unique_problems(problems)


def _check_syntax(located: Located, loc: tuple, text: str) -> list[Problem]:
    """Catch '{Name}', '{{ x }}' and lone braces, which would otherwise print as-is."""
    leftover = PLACEHOLDER.sub("", text)
    return [
        located.problem(loc, f"'{match.group(0)}' is not a placeholder; write lower-case names in single braces, like {{interviewer_name}}")
        for match in STRAY_BRACE.finditer(leftover)
    ]


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


def load(data_dir: Path) -> Loaded:
    """Load the catalogue and every template; raise one DataFileError listing all problems."""
    problems: list[Problem] = []
    catalogue: dict[str, FieldDef] = {}
    try:
        catalogue = load_catalogue(data_dir / "fields.yml")
    except DataFileError as error:
        problems.extend(error.problems)
    folder = data_dir / "templates"
    loaded = load_each(folder, Template, problems)
    problems += unique_id_problems(loaded, "template")
    if catalogue:
        for located, template in loaded:
            problems.extend(check_template(located, template, catalogue))
    if not loaded and not problems:
        problems.append(Problem(folder, 1, "", "no templates found; add a .yml file here"))
    if problems:
        raise DataFileError(problems)
    templates = sorted((t for _, t in loaded), key=sort_key)
    return Loaded(catalogue, templates, {t.id: located.path for located, t in loaded})


def sort_key(template: Template) -> tuple:
    """Index order: by what happened, then the file's own order, then title."""
    return (list(SITUATIONS).index(template.situation), template.order, template.title)


def page_fields(template: Template, catalogue: dict[str, FieldDef]) -> list[dict]:
    """The fields a page shows, in the template's order, with their catalogue details."""
    return [
        {**catalogue[used.id].model_dump(), "required": used.required, "blank_text": catalogue[used.id].blank_text}
        for used in template.fields
    ]


def render_page(env: jinja2.Environment, template: Template, catalogue: dict[str, FieldDef]) -> str:
    """The Markdown for templates/<id>.md: title, advice, then the messages as HTML."""
    fields = page_fields(template, catalogue)
    blanks = {field["id"]: field["blank_text"] for field in fields}
    channels = {
        name: {part: parts(text.strip()) for part in CHANNEL_PARTS[name] if (text := getattr(getattr(template.channels, name), part, None))}
        for name in CHANNEL_PARTS
    }
    has_datetime = any(field["kind"] == "datetime" for field in fields)
    return env.get_template("partials/template-page.html").render(
        template=template,
        fields=fields,
        blanks=blanks,
        channels=channels,
        time_zones=TIME_ZONES if has_datetime else [],
        datetime_fields=[field["id"] for field in fields if field["kind"] == "datetime"],
    )


def render_index(env: jinja2.Environment, templates: list[Template]) -> str:
    """The Markdown for templates/index.md: every template, grouped by what happened."""
    groups = [(title, [t for t in templates if t.situation == key]) for key, title in SITUATIONS.items()]
    return env.get_template("partials/template-index.html").render(groups=[g for g in groups if g[1]])
