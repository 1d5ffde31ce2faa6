"""MkDocs hook: list headings written as raw HTML in the table of contents.

Generated checklist and template pages put their sections in raw HTML blocks, which
Python-Markdown's toc extension does not see; readers still want "Text message" or
"The first hour" in the page's contents.
"""

from __future__ import annotations

import html as html_lib
import re

from mkdocs.structure.toc import AnchorLink

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAGS = re.compile(r"<[^>]+>")


def on_page_content(html, page, config, files):
    if len(page.toc.items) != 1:  # only pages with one H1 on top, as every page here has
        return html
    top = page.toc.items[0]
    known = {child.id: child for child in top.children}
    children = []
    for anchor, inner in H2.findall(html):
        title = html_lib.escape(html_lib.unescape(TAGS.sub("", inner)).strip())
        children.append(known.pop(anchor, None) or AnchorLink(title, anchor, 2))
    top.children = children + list(known.values())
    return html
