"""MkDocs hook: small fixes to Material's markup so every page passes the Nu HTML Checker.

Material's base template puts autocomplete="off" on its checkbox toggles (drawer, search),
which HTML does not allow on checkboxes. Those lines sit outside any template block, so
they are fixed here rather than by copying base.html.
"""

from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def valid_html(html: str) -> str:
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def on_post_page(output, page, config):
    return valid_html(output)


def on_post_template(output_content, template_name, config):
    return valid_html(output_content) if template_name.endswith(".html") else output_content
