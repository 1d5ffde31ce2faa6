"""What every data file shares: one strict base model and the kinds of text a field may hold.

Every generated page family (checklists, message templates, and whatever comes next) builds
its models from these, so a title, an id or a paragraph follows the same rules everywhere.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, WithJsonSchema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PAGE_PATTERN = r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.md(#[a-z0-9-]+)?$"
# A link to a page of this site inside prose: [the words](path/in/docs.md).
PAGE_LINK = re.compile(r"\[([^\[\]\n]{1,80})\]\(([A-Za-z0-9_./#-]{1,200})\)")
# Markup a maintainer might paste by accident: HTML tags, Markdown links, template tokens.
MARKUP = re.compile(r"<|>|\]\(|\{\{|\}\}|\{%|%\}")
# Characters a reader cannot see that change or hide what text says: control characters
# other than tab and newline (C0, DEL and the C1 block U+0080-U+009F), zero-width characters
# (spaces, joiners, the word joiner and invisible operators, the byte-order mark), and the
# marks and overrides that change the direction of text.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # controls: C0 (not tab, newline), DEL, C1
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u061c"  # Arabic letter mark
    "\u202a-\u202e\u2066-\u2069"  # direction embeddings, overrides and isolates
    "\u2060-\u2064\ufeff"  # word joiner, invisible operators, zero-width no-break space (BOM)
    "]"
)


def hidden_problem(value: str) -> str | None:
    """What to say about the first hidden character in ``value``, or None when there is none."""
    found = HIDDEN.search(value)
    if found is None:
        return None
    code = f"U+{ord(found.group(0)):04X}"
    return f"remove the invisible character {code} (a control, zero-width or text-direction character; it hides or changes what the text says)"


class Strict(BaseModel):
    """Unknown keys are spelling mistakes: they fail instead of being ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _pattern(pattern: str, example: str) -> AfterValidator:
    """A pattern check whose message a maintainer can act on (pydantic's quotes the regex)."""

    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise ValueError(f"'{value[:60]}' is not allowed here; write it like '{example}'")
        return value

    return AfterValidator(check)


def _plain(*, one_line: bool, tokens: bool, links: bool = False) -> AfterValidator:
    """Text is published as text: refuse what would only ever be a mistake in plain words."""

    def check(value: str) -> str:
        if one_line and "\n" in value:
            raise ValueError("write this on one line")
        hidden = hidden_problem(value)
        if hidden:
            raise ValueError(hidden)
        if links:
            for target in PAGE_LINK.findall(value):
                if not re.fullmatch(PAGE_PATTERN, target[1]):
                    raise ValueError(f"'{target[1]}' is not a page of this site; write links like [the words](templates/forgot.md)")
            value_without_links = PAGE_LINK.sub("", value)
        else:
            value_without_links = value
        for found in MARKUP.finditer(value_without_links):  # every match: an allowed token may come first
            if not (tokens and found.group(0) in ("{{", "}}")):
                raise ValueError(f"plain text only: remove '{found.group(0)}' (no HTML, Markdown links or tokens here)")
        return value

    return AfterValidator(check)


Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    _pattern(SLUG_PATTERN, "call-the-interviewer"),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 60}),
]
PagePath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    _pattern(PAGE_PATTERN, "templates/forgot.md"),
    WithJsonSchema({"type": "string", "pattern": PAGE_PATTERN}),
]


def plain_text(max_length: int, *, tokens: bool = False) -> object:
    """One line of plain text: a title, a label, a summary. Tokens like {{ agency.phone }} only if allowed."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        _plain(one_line=True, tokens=tokens),
    ]


def prose(max_length: int, *, tokens: bool = False, links: bool = False) -> object:
    """Sentences and paragraphs (blank lines between them), published as text, never as markup.
    With ``links``, [words](page.md) links to pages of this site (paths inside docs/)."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        _plain(one_line=False, tokens=tokens, links=links),
    ]
