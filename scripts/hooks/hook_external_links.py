"""MkDocs hook: mark links that leave the site, so print can show their address.

Material turns every internal link into an absolute URL once the page loads, so CSS alone
cannot tell internal from external links; this hook marks external ones at build time.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK = re.compile(r'<a href="(https?://[^"]+)"')


def mark_external(html: str, site_host: str) -> str:
    def mark(match: re.Match) -> str:
        host = urlsplit(match.group(1)).netloc
        return match.group(0) if host == site_host else f'<a class="external-link" href="{match.group(1)}"'

    return LINK.sub(mark, html)


def on_page_content(html, page, config, files):
    return mark_external(html, urlsplit(config.site_url or "").netloc)
