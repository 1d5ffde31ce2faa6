"""The staff link builder's data, from the same data files the pages are made from.

``link_builder_html(built)`` gives the (hidden until its script starts) element the staff
page's builder grows from: which pages can be sent, each page's own fields (the `fields:` list
of data/templates/<id>.yml) with their labels and kinds (data/fields.yml), all from the build
context (sitegen.context), which has read and checked those files once.
Everything is in escaped data attributes: no inline script, no markup from data.
"""

from __future__ import annotations

import json
import re
from markupsafe import Markup, escape

from sitegen import render
from sitegen.context import BuildContext, page_url



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


def builder_data(built: BuildContext) -> tuple[list[dict], dict[str, dict]]:
    """(pages, fields) from the build context: pages as {group, path, title, fields: [ids]},
    in the order the site lists them; each field by id with its label and kind."""
    catalogue = built.templates.catalogue
    fields = {field_id: {"label": field.label, "kind": field.kind} for field_id, field in catalogue.items()}
    entries = [("situation", f"situations/{s.id}.md", s.title, []) for s in built.situations]
    entries += [("template", f"templates/{t.id}.md", t.title, [used.id for used in t.fields]) for t in built.templates.templates]
    entries += [("checklist", f"checklists/{c.id}.md", c.title, []) for c in built.checklists]
    pages = [{"group": group, "path": page_url(src), "title": title, "fields": ids} for group, src, title, ids in entries]
    return pages, fields


def link_builder_html(built: BuildContext) -> str:
    pages, fields = builder_data(built)
    attributes = {
        "data-module": "link-builder",
        "data-site-url": built.site_url,
        "data-pages": json.dumps(pages, ensure_ascii=False),
        "data-fields": json.dumps(fields, ensure_ascii=False),
        # The controls' words, from ui.link_builder (data/strings/<language>.yml): label_page -> data-label-page.
        **{f"data-{key.replace('_', '-')}": value for key, value in built.strings.link_builder.items()},
    }
    attrs = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
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
    site_url = built.site_url
    lines = []
    for old, new in built.redirects.items():
        if "/" in old or not old.endswith(".md"):
            continue
        address = f"{site_url.rstrip('/')}/{old.removesuffix('.md')}/"
        title = re.sub(r"([\\`*_\[\]])", r"\\\1", str(escape(titles.get(new, new))))  # text, never markup
        lines.append("- " + built.strings.fill_escaped("staff.short_address", render.text, address=f"`{address}`", title=f"[{title}]({new})"))
    return "\n".join(lines)
