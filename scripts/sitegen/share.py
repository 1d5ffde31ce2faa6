"""The staff link builder's data, from the same data files the pages are made from.

``link_builder_html(data_dir, site_url)`` gives the (hidden until its script starts) element
the staff page's builder grows from: which pages can be sent, each page's own fields (the
`fields:` list of data/templates/<id>.yml) with their labels and kinds (data/fields.yml).
Everything is in escaped data attributes: no inline script, no markup from data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from markupsafe import escape

# Wording of the builder's controls, kept here beside the markup (one place to edit).
WORDING = {
    "label-page": "Page to send",
    "label-details": "Details for this person (leave out what you do not know)",
    "label-link": "Link to send",
    "label-copy": "Copy link",
    "copied": "Link copied. Paste it into your text or email.",
    "copy-failed": "Could not copy. Select the link and copy it by hand.",
    "label-show-qr": "Show QR code",
    "label-qr": "QR code that opens the link",
    "label-svg": "Download QR code (SVG)",
    "label-png": "Download QR code (PNG)",
    "label-text": "Text to send",
    "text": "Here is the page we talked about, with your details filled in: {link}",
    "no-fields": "This page has nothing to fill in. Send the link as it is.",
    "group-situation": "What happened (situation pages)",
    "group-template": "Messages",
    "group-checklist": "Checklists",
}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def builder_data(data_dir: Path) -> tuple[list[dict], dict[str, dict]]:
    """(pages, fields): pages as {group, path, title, fields: [ids]}; fields by id."""
    fields = {
        f["id"]: {"label": str(f.get("label", f["id"])), "kind": str(f.get("kind", "text"))}
        for f in _load(data_dir / "fields.yml").get("fields", [])
    }
    pages: list[dict] = []
    for group, folder in (("situation", "situations"), ("template", "templates"), ("checklist", "checklists")):
        entries = []
        for path in sorted((data_dir / folder).glob("*.y*ml")):
            item = _load(path)
            ids = [f["id"] if isinstance(f, dict) else str(f) for f in item.get("fields", []) or []]
            entries.append((item.get("order", 1000), str(item.get("title", item["id"])), {
                "group": group, "path": f"{folder}/{item['id']}/", "title": str(item.get("title", item["id"])),
                "fields": [i for i in ids if i in fields],
            }))
        pages.extend(entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1])))
    return pages, fields


def link_builder_html(data_dir: Path, site_url: str) -> str:
    pages, fields = builder_data(data_dir)
    attributes = {
        "data-module": "link-builder",
        "data-site-url": site_url,
        "data-pages": json.dumps(pages, ensure_ascii=False),
        "data-fields": json.dumps(fields, ensure_ascii=False),
        **{f"data-{key}": value for key, value in WORDING.items()},
    }
    attrs = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return f'<div class="mih-link-builder" {attrs} hidden></div>'


# mkdocs-redirects' own page runs an inline script (blocked by the site's CSP, and a new hash
# per target); this one loads our redirect.js instead, which keeps the fragment (personal
# details) on the way. {url} is the plugin's relative address of the target page.
REDIRECT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>This page has moved</title>
<link rel="canonical" href="{{url}}">
<script src="{script}"></script>
<meta http-equiv="refresh" content="0; url={{url}}">
</head>
<body>
<p>This page has moved to <a href="{{url}}">a new address</a>.</p>
</body>
</html>
"""


def redirect_page_template(site_url: str) -> str:
    from urllib.parse import urlsplit

    prefix = urlsplit(site_url or "/").path or "/"
    return REDIRECT_PAGE.format(script=escape(prefix.rstrip("/") + "/assets/javascripts/lib/redirect.js"))


def short_addresses_markdown(redirect_maps: dict, site_url: str, titles: dict[str, str]) -> str:
    """A Markdown list of the short addresses (one path segment, such as late.md) and where
    each leads, from the redirects plugin's redirect_maps: the one place they are defined."""
    lines = []
    for old, new in redirect_maps.items():
        if "/" in old or not old.endswith(".md"):
            continue
        address = f"{site_url.rstrip('/')}/{old.removesuffix('.md')}/"
        title = re.sub(r"([\\`*_\[\]])", r"\\\1", str(escape(titles.get(new, new))))  # text, never markup
        lines.append(f"- `{address}` opens [{title}]({new})")
    return "\n".join(lines)


def situation_titles(data_dir: Path) -> dict[str, str]:
    return {f"situations/{_load(p)['id']}.md": str(_load(p).get("title", p.stem)) for p in sorted((data_dir / "situations").glob("*.y*ml"))}
