"""MkDocs hook: finishing touches on each page's HTML, after Markdown and the theme are done.

- Links that leave the site get a class, so print can show their address. Material turns
  internal links into absolute URLs once a page loads, so CSS alone cannot tell them apart.
- No scripts in content: a <script>, an event handler (onclick=...), a javascript: link or an
  inline style in a page's content stops the build with the file and line it came from
  (sitegen.security.content_problems). Each finished page is then checked whole, with one HTML
  parse (security.PageScan): every inline script must be one the theme writes
  (security.THEME_SCRIPTS, read from the theme's templates), nothing else may hold inline
  code, and no id may appear twice (an id that comes from a data file is named there).
- <title> is written from the page's title as the page shows it: Material's striptags decodes
  &-codes once more, so "&amp;lt;" in a heading became "<" in the tab.
- What happens after every page is written (fingerprints, the policy, gzip twins) is one
  ordered list in sitegen/postbuild.py, run by scripts/hooks/postbuild.py.
- A page's own stylesheets (front matter `styles: [checklist]`, loaded by overrides/main.html)
  must exist: a wrong name stops the build with the page's name.
- The templates' indentation between tags becomes one line break (drop_indentation).
- Two fixes to Material's own markup, so every page passes the Nu HTML Checker:
  its base template puts autocomplete="off" on checkbox toggles (not allowed on checkboxes;
  the lines sit outside any template block, so overriding would mean copying base.html), and
  on a section's index page its contents sidebar has a <label for="__toc"> with no such input.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitegen import context, datafiles, editions, security


EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"')
# Whitespace between two tags that holds a line break: the templates' indentation. One line
# break reads the same wherever whitespace collapses, and saves a tenth of a page's gzip size.
# Never inside <pre>, <textarea> or <script>, where whitespace is content.
INDENTATION = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*<")
KEEPS_WHITESPACE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
STYLE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
TITLE = re.compile(r"<title>.*?</title>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


def mark_external(html: str, site_host: str) -> str:
    def mark(match: re.Match) -> str:
        host = urlsplit(match.group(1)).netloc
        return match.group(0) if host == site_host else f'<a class="external-link" href="{match.group(1)}"'

    return EXTERNAL.sub(mark, html)


def material_fixes(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


def drop_indentation(html: str) -> str:
    parts = KEEPS_WHITESPACE.split(html)  # text, kept block, text, kept block, ..., text
    return "".join(part if i % 2 else INDENTATION.sub(">\n<", part) for i, part in enumerate(parts))


def page_styles(meta: dict, docs_dir: Path) -> list[str]:
    """The names in a page's `styles:` front matter; ValueError unless each is a stylesheet
    of docs/assets/stylesheets/ (named without .css)."""
    names = meta.get("styles") or []
    if not isinstance(names, list):
        raise ValueError(f"styles: must be a list of names, like [checklist], not {names!r}")
    for name in names:
        if not isinstance(name, str) or not STYLE_NAME.fullmatch(name):
            raise ValueError(f"styles: {name!r} is not a stylesheet name (lowercase letters, digits, - and _)")
        if not (docs_dir / "assets" / "stylesheets" / f"{name}.css").is_file():
            raise ValueError(f"styles: there is no docs/assets/stylesheets/{name}.css")
    return names


def page_title(page, site_name: str) -> str:
    """The text of a page's <title>, chosen as Material chooses it (front matter title, else
    the page's heading, else the site's name alone on the home page), written as the page
    shows it. ``page.title`` is HTML already: its tags go, its &-codes stay."""
    site = html_lib.escape(site_name, quote=False)
    meta = page.meta.get("title") if page.meta else None
    if meta:
        text = html_lib.escape(str(meta), quote=False)
    elif page.title and not page.is_homepage:
        text = " ".join(TAG.sub("", str(page.title)).split())
    else:
        return site
    return f"{text} - {site}"


def with_title(output: str, title: str) -> str:
    return TITLE.sub(lambda _match: f"<title>{title}</title>", output, count=1)


def _source_of(page, config) -> tuple[str, str]:
    """(name, text) of where a page's content comes from: its Markdown file in docs/, or the
    data file a generated page is made from."""
    built = context.of(config)
    generated = next((p for p in built.pages if p.src_uri == page.file.src_uri), None)
    if generated is not None and generated.data_file is not None:
        try:
            return datafiles._display(generated.data_file), datafiles.read_text(generated.data_file)
        except datafiles.DataFileError:
            return datafiles._display(generated.data_file), ""
    return f"docs/{page.file.src_uri}", page.file.content_string or ""


def content_code_problems(html: str, source_name: str, source: str, found_in_html: list | None = None) -> list[str]:
    """Each script, event handler, javascript: link or inline style in a page's content, as
    'file:line: what to do' (the line found in ``source``, the file the content came from)."""
    messages, seen = [], {}
    for found in security.content_problems(html) if found_in_html is None else found_in_html:
        line = security.source_line(source, found, seen.get(found.needle, 0))
        seen[found.needle] = seen.get(found.needle, 0) + 1
        messages.append(f"{source_name}:{line}: {found.advice}" if line else f"{source_name}: {found.advice}")
    return messages


def on_page_content(html, page, config, files):
    try:
        page_styles(page.meta, editions.assets_docs(config))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error
    found = security.content_problems(html)
    if found:  # only then read where the content came from, to name the line
        name, source = _source_of(page, config)
        raise PluginError("\n".join(content_code_problems(html, name, source, found)))
    return mark_external(html, urlsplit(config.site_url or "").netloc)


def _known_scripts(config) -> list[security.ThemeScript]:
    """The theme's own inline scripts, read once per build into the build context."""
    return context.of(config).theme_scripts


def _where_from(text: str, config) -> str:
    """'file:line' of the first file a maintainer edits that holds ``text``: mkdocs.yml, the
    strings catalogue, the theme overrides; "" when none does."""
    built = context.of(config)
    candidates = [built.config_file, built.data_dir / "strings" / f"{built.language}.yml",
                  *sorted((built.root / "overrides").rglob("*.html"))]
    needle = text.lower()
    for path in candidates:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line.lower():
                return f"{datafiles._display(path)}:{number}"
    return ""


def _id_sources(built, page_src: str | None, duplicate: str) -> list[str]:
    """Where in the data an id on a page comes from: 'file:line: field ...' for each data file
    entry (a step id, a field id) whose id makes ``duplicate``."""
    generated = next((p for p in built.pages if p.src_uri == page_src), None)
    paths = [generated.data_file] if generated is not None and generated.data_file else []
    if paths and paths[0].parent.name == "templates" and (built.data_dir / "fields.yml").is_file():
        paths.append(built.data_dir / "fields.yml")  # a message page's field ids: tpl-f-<id>, tpl-h-<id>
    entries = []
    for path in paths:
        try:
            located = datafiles.read_yaml(path)
        except datafiles.DataFileError:
            continue
        entries += [(path, located, loc, value) for loc, value in _id_values(located.data, ())]
    # The id as the data has it, or else one the page made from it (tpl-f-<id>, <id>--more).
    exact = [entry for entry in entries if entry[3] == duplicate]
    made = [entry for entry in entries if duplicate.endswith(("-" + entry[3], "_" + entry[3])) or duplicate.startswith(entry[3] + "--")]
    return [f"{datafiles._display(path)}:{located.line_of(loc)}: field '{datafiles.dotted(loc)}' ('{value}')"
            for path, located, loc, value in (exact or made)]


def _id_values(data, loc: tuple):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield loc + (key,), value
            else:
                yield from _id_values(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _id_values(value, loc + (index,))


def page_problems(output: str, where: str, config, page_src: str | None = None) -> list[str]:
    """What a finished page may not hold, with the page named: inline scripts the theme does
    not write, inline code anywhere, and ids used twice."""
    problems = []
    for source in security.unknown_inline_scripts(output, _known_scripts(config)):
        shown = " ".join(source.split())[:60]
        origin = _where_from(source.strip()[:40], config)
        problems.append(f"{origin or where}: {security.SCRIPTS_NOT_ALLOWED}: the page {where} has an inline script that the "
                        f"site's theme does not write ({shown!r}); remove it")
    scan = security.PageScan(output)
    for found in scan.problems:
        origin = _where_from(found.needle, config) if found.needle not in ("style", "javascript") else ""
        problems.append(f"{origin or where}: the page {where} has {found.what} (line {found.line} of the page): {found.advice}")
    built = context.of(config)
    for duplicate, lines in scan.duplicates.items():
        sources = _id_sources(built, page_src, duplicate)
        message = (f"{where}: the id '{duplicate}' is used {len(lines)} times on this page (lines {', '.join(map(str, lines))}). "
                   "Each id must be unique, or links, labels and screen readers reach the wrong element")
        if sources:
            message += "; it comes from " + "; ".join(sources) + ": give it an id of its own"
        problems.append(message)
    return problems


@event_priority(-100)  # last: sees the page exactly as it will be written
def on_post_page(output, page, config):
    output = with_title(drop_indentation(material_fixes(output)), page_title(page, config.site_name))
    problems = page_problems(output, page.file.dest_uri, config, page.file.src_uri)
    if problems:
        raise PluginError("\n".join(problems))
    return output


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    output = drop_indentation(material_fixes(output_content))
    problems = page_problems(output, template_name, config)
    if problems:
        raise PluginError("\n".join(problems))
    return output
