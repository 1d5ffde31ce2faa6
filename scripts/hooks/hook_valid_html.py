"""MkDocs hook: small fixes to Material's markup so every page passes the Nu HTML Checker.

- Material's base template puts autocomplete="off" on its checkbox toggles (drawer, search),
  which HTML does not allow on checkboxes. Those lines sit outside any template block, so
  they are fixed here rather than by copying base.html.
- On a section's index page (navigation.indexes) with headings, Material's table of contents
  has a <label for="__toc"> but no input with that id; the label loses its dangling "for".
"""

from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')

TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_html(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html


def on_post_page(output, page, config):
    return valid_html(output)


def on_post_template(output_content, template_name, config):
    return valid_html(output_content) if template_name.endswith(".html") else output_content
