"""The staff link builder's data, from the same data files the pages are made from.

``link_builder_html(built)`` gives the (hidden until its script starts) element the staff
page's builder grows from: which pages can be sent and, for each, the details the candidate's
pages will use; each field with its label in the recruiter's voice (ui.link_builder.fields)
and its kind (data/fields.yml); the agency's name and phone for the message sent with the
link; all from the build context (sitegen.context), which has read and checked those files once.
Everything is in escaped data attributes: no inline script, no markup from data.

Which details a link carries ("nothing sent that the page does not need"): a message page
gets its own fields; a situation page the fields of the messages its choices lead to; any
other page (a checklist, a guide) the fields any message uses, since the candidate may open
any message next. The recruiter's own details (recruiter_name, ...) go only to pages whose
messages use them. A page is sent under its shortest address: a short address from
redirect_maps (``missed.md: situations/missed.md``) when it has one. The short names links
use for fields are in docs/assets/javascripts/lib/short-names.js.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import Markup, escape

from sitegen import agency as agency_details
from sitegen import render, translations
from sitegen.context import BuildContext, page_url

# The details a recruiter knows most often come first in the builder; the others fold away
# under "More details".
FIRST_FIELDS = ("your_name", "interviewer_name", "company", "role", "original_time")
# The recruiter's own details: the builder fills them from "About you", never per candidate.
RECRUITER_FIELDS = ("recruiter_name", "recruiter_phone", "recruiter_email")
# Hand-written pages never offered: the staff page itself.
NOT_SENT = {"for-staff.md"}
# The sections the build makes from data files (their pages come from the data, not docs/).
GENERATED = ("templates/", "checklists/", "situations/")


def page_title(page, site_name: str) -> str:
    """The one rule for the title a page is shared under: the preview tags, the share control
    and the preview card all use it. Front matter `title:`, else the page's heading as text,
    else (the home page, or a page without one) the site's name."""
    meta = page.meta if page and page.meta else {}
    if meta.get("title"):
        return str(meta["title"])
    if page and page.title and not page.is_homepage:
        return Markup(str(page.title)).striptags()
    return site_name


def shortest_address(built: BuildContext, src: str) -> str:
    """The shortest address that opens the docs page ``src``: its own, or a redirect to it
    (redirect pages keep the fragment: lib/redirect.js)."""
    candidates = [page_url(src)] + [page_url(old) for old, new in built.redirects.items() if new == src]
    return min(candidates, key=len)


def _ordered(ids, catalogue: dict) -> list[str]:
    """Field ids as the builder lists them: FIRST_FIELDS first, then the catalogue's order."""
    wanted = set(ids)
    order = [*FIRST_FIELDS, *catalogue]
    return [field_id for field_id in dict.fromkeys(order) if field_id in wanted]


def _guide_title(path: Path, agency: dict[str, str]) -> str | None:
    """A hand-written page's title: front matter ``title:``, else its first "# " heading
    as plain text (agency tokens filled in, attribute lists and Markdown marks left out)."""
    text = path.read_text(encoding="utf-8")
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        meta, body = (text[3:end], text[end + 4:]) if end > 0 else ("", text)
        found = re.search(r"^title:\s*(.+?)\s*$", meta, re.M)
        if found:
            return found.group(1).strip("\"'")
    heading = re.search(r"^#\s+(.+?)\s*(\{[^}]*\})?\s*$", body, re.M)
    if not heading:
        return None
    title = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading.group(1))
    try:
        return agency_details.fill(title, agency, where=str(path))
    except Exception:  # a broken token: the content hook names it; the title stays as written
        return title


def guide_pages(built: BuildContext) -> list[tuple[str, str]]:
    """(docs path, title) of every hand-written page a recruiter may send: the home page
    first, then the others by title."""
    docs = built.root / "docs"
    found = []
    for path in translations.english_pages(built.root):  # the Spanish pages are not built yet
        src = path.relative_to(docs).as_posix()
        if src in NOT_SENT or src.startswith(GENERATED) or not path.is_file():
            continue
        title = _guide_title(path, built.agency)
        if title:
            found.append((src, title))
    return sorted(found, key=lambda item: (item[0] != "index.md", item[1].lower()))


def builder_data(built: BuildContext) -> tuple[list[dict], dict[str, dict]]:
    """(pages, fields) from the build context: pages as {group, path, canonical, title,
    fields: [ids]}, in the order the site lists them (path: the address links use); each
    field by id with its builder label and its kind."""
    catalogue = built.templates.catalogue
    ui = built.strings.link_builder
    labels = ui.fields
    fields = {
        field_id: {
            "label": labels[field_id] if field_id in labels else built.strings.fill("link_builder.field_fallback", label=field.label),
            "kind": field.kind,
        }
        for field_id, field in catalogue.items()
    }
    used = {t.id: [f.id for f in t.fields] for t in built.templates.templates}
    anywhere = [field_id for ids in used.values() for field_id in ids if field_id not in RECRUITER_FIELDS]

    def situation_fields(situation) -> list[str]:
        ids = []
        for step in getattr(situation, "steps", []) or []:
            for choice in getattr(step, "choices", []) or []:
                target = str(getattr(choice, "to", "")).split("#")[0]
                if target.startswith("templates/"):
                    ids += used.get(target.removeprefix("templates/").removesuffix(".md"), [])
        return ids or anywhere

    entries = [("situation", f"situations/{s.id}.md", s.title, situation_fields(s)) for s in built.situations]
    entries += [("template", f"templates/{t.id}.md", t.title, used[t.id]) for t in built.templates.templates]
    entries += [("checklist", f"checklists/{c.id}.md", c.title, anywhere) for c in built.checklists]
    entries += [("guide", src, title, anywhere) for src, title in guide_pages(built)]
    pages = [
        {"group": group, "path": shortest_address(built, src), "canonical": page_url(src), "title": str(title),
         "fields": _ordered(ids, catalogue)}
        for group, src, title, ids in entries
    ]
    return pages, fields


def _columns(built: BuildContext) -> dict[str, list[str]]:
    """The extra column names a class list may use for a field (ui.link_builder.columns),
    besides its builder label and its id, which the builder knows already."""
    extra = built.strings.link_builder.columns
    return {field_id: [word.strip() for word in str(extra[field_id]).split(",") if word.strip()] for field_id in extra}


def _attribute(value: str) -> str:
    """A value for a single-quoted attribute: JSON keeps its double quotes, so the staff page
    carries a third less than with each one written &#34;."""
    return str(value).replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;")


def link_builder_html(built: BuildContext) -> str:
    """The builder's element. Pages go as [group, path, canonical address, title, field set]
    with the field sets listed once (most pages share one), to keep the staff page light."""
    pages, fields = builder_data(built)
    sets: list[list[str]] = []
    for page in pages:
        if page["fields"] not in sets:
            sets.append(page["fields"])
    rows = [[page["group"], page["path"], page["canonical"], page["title"], sets.index(page["fields"])] for page in pages]
    compact = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    words = {key: value for key, value in built.strings.link_builder.items() if isinstance(value, str)}
    attributes = {
        "data-module": "link-builder",
        "data-site-url": built.site_url,
        "data-agency": built.agency["name"],
        "data-agency-phone": built.agency["phone"],
        "data-pages": compact(rows),
        "data-field-sets": compact(sets),
        "data-fields": compact({field_id: [field["label"], field["kind"]] for field_id, field in fields.items()}),
        "data-columns": compact(_columns(built)),
        # The controls' words, from ui.link_builder (data/strings/<language>.yml): label_page -> data-label-page.
        **{f"data-{key.replace('_', '-')}": value for key, value in words.items()},
    }
    attrs = " ".join(f"{name}='{_attribute(value)}'" for name, value in attributes.items())
    return f'<div class="mih-link-builder" {attrs} hidden></div>'


# mkdocs-redirects' own page runs an inline script (blocked by the site's CSP, and a new hash
# per target); this one loads our redirect.js instead, which keeps the fragment (personal
# details) on the way. {url} is the plugin's relative address of the target page.
REDIRECT_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="canonical" href="{{url}}">
<script src="{script}"></script>
<meta http-equiv="refresh" content="0; url={{url}}">
</head>
<body>
<p>{before_link} <a href="{{url}}">{link}</a>{after_link}</p>
</body>
</html>
"""


def redirect_page_template(site_url: str, ui) -> str:
    """The plugin's page template: our script, the words from ui.redirect. The plugin fills in
    {url} with str.format, so braces in the words are doubled."""
    from urllib.parse import urlsplit

    prefix = urlsplit(site_url or "/").path or "/"
    words = {key: str(escape(ui.redirect[key])).replace("{", "{{").replace("}", "}}")
             for key in ("title", "before_link", "link", "after_link")}
    return REDIRECT_PAGE.format(script=escape(prefix.rstrip("/") + "/assets/javascripts/lib/redirect.js"),
                                lang=escape(ui.language), **words)


def short_addresses_markdown(built: BuildContext) -> str:
    """A Markdown list of the short addresses (one path segment, such as late.md) and where
    each leads, from the redirects plugin's redirect_maps: the one place they are defined."""
    titles = {f"situations/{s.id}.md": s.title for s in built.situations}
    titles.update({f"templates/{t.id}.md": t.title for t in built.templates.templates})
    titles.update({f"checklists/{c.id}.md": c.title for c in built.checklists})
    titles.update(dict(guide_pages(built)))
    site_url = built.site_url
    lines = []
    for old, new in built.redirects.items():
        if "/" in old or not old.endswith(".md"):
            continue
        address = f"{site_url.rstrip('/')}/{old.removesuffix('.md')}/"
        title = re.sub(r"([\\`*_\[\]])", r"\\\1", str(escape(titles.get(new, new))))  # text, never markup
        lines.append("- " + built.strings.fill_escaped("staff.short_address", render.text, address=f"`{address}`", title=f"[{title}]({new})"))
    return "\n".join(lines)
