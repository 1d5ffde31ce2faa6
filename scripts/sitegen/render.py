"""Write generated pages as Markdown from Jinja templates, with every value escaped as text.

Templates live in ``scripts/sitegen/markdown_templates/`` (outside ``overrides/``, which MkDocs
would publish). Each ``{{ value }}`` is escaped by construction: every character that means
something to Markdown, its extensions or HTML becomes a character reference (``&#42;``), which
reads as the same character in a Markdown paragraph, a raw HTML block and a quoted attribute
alike. A template opts out only through the filters below, each for a checked kind of value.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from sitegen.model import PAGE_LINK

TEMPLATES = Path(__file__).parent / "markdown_templates"
# ASCII punctuation that Markdown, pymdown-extensions or HTML give a meaning to.
SPECIAL = "&<>\"'\\`*_{}[]()#+-.!|=~^?:"
_REFERENCES = {ord(char): f"&#{ord(char)};" for char in SPECIAL}


class Trusted(str):
    """Text already fit for the page: a checked path, an escaped attribute, front matter."""


def text(value: object) -> str:
    """Any value as text in Markdown or HTML: specials become references, indentation goes
    (four spaces would start a code block), and line breaks stay."""
    if isinstance(value, Trusted):
        return value
    first, *rest = str(value).translate(_REFERENCES).split("\n")
    return "\n".join([first, *(line.lstrip() for line in rest)])


@jinja2.pass_context
def page_link(context: jinja2.runtime.Context, path: str) -> Trusted:
    """A docs path (``templates/forgot.md#call``) as a Markdown link target relative to the
    page being written, which is how MkDocs resolves and checks it. The models allow only
    letters, digits and - _ / . # in paths, so nothing here needs escaping."""
    if not all(char.isascii() and (char.isalnum() or char in "-_/.#") for char in path):
        raise ValueError(f"not a page path: {path!r}")
    target, _, anchor = path.partition("#")
    relative = posixpath.relpath(target, posixpath.dirname(context["page_src"]) or ".")
    return Trusted(relative + (f"#{anchor}" if anchor else ""))


def ident(value: str) -> Trusted:
    """An id or class name (a slug from a model), as HTML ids and attr_list anchors need it."""
    if not value or not all(char.isascii() and (char.isalnum() or char in "-_") for char in value):
        raise ValueError(f"not an identifier: {value!r}")
    return Trusted(value)


@jinja2.pass_context
def with_links(context: jinja2.runtime.Context, value: str) -> Trusted:
    """Prose whose [words](page.md) links (checked by the model) become Markdown links that
    MkDocs resolves and checks; everything else is escaped as text."""
    out, last = [], 0
    for match in PAGE_LINK.finditer(value):
        out += [text(value[last : match.start()]), f"[{text(match.group(1))}]({page_link(context, match.group(2))})"]
        last = match.end()
    return Trusted("".join(out) + text(value[last:]))


def newlines(value: str) -> Trusted:
    """Text for a raw HTML block shown with white-space: pre-wrap: escaped, with line breaks as
    references so that a blank line cannot end the block."""
    return Trusted("&#10;".join(text(line) for line in str(value).split("\n")))


def already_escaped(value: str) -> Trusted:
    """The output of a macro in these templates, whose own values were escaped inside it."""
    return Trusted(value)


def front_matter(meta: dict) -> Trusted:
    """YAML front matter; safe_dump quotes whatever the values contain."""
    return Trusted("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=text,
        autoescape=False,  # `finalize` escapes for Markdown and HTML at once
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(page_link=page_link, with_links=with_links, ident=ident, newlines=newlines, already_escaped=already_escaped, front_matter=front_matter)
    return env


def render(template_file: str, /, *, page_src: str, **context: object) -> str:
    """The Markdown of the page at ``page_src`` (a path inside docs/)."""
    return environment().get_template(template_file).render(page_src=page_src, **context)
