"""The site's security policy, as pure functions the build, the hooks and the tools share.

- ``inline_script_hashes(html)``: the CSP hashes ('sha256-…') of a page's inline scripts.
- ``site_script_hashes(site_dir)``: the same for every page of a built site, merged.
- ``content_security_policy(hashes, for_meta=...)``: the Content-Security-Policy value.
- ``security_headers(policy)``: every header we send, as (name, value) pairs.
- ``headers_file(policy, immutable_paths)``: a ``_headers`` file (Netlify, Cloudflare Pages).
- ``meta_policy_tag(policy)`` / ``add_meta_policy(html, policy)``: the policy as a
  <meta http-equiv> tag, for hosts that cannot send headers (GitHub Pages).
- ``FINGERPRINTED`` / ``fingerprinted_files(site_dir)``: asset names that carry a content hash
  (``bundle.a5f9d56c.min.js``), which may be cached for a year.

Only the standard library, so a server without the project's virtualenv can run
scripts/tools/nginx_conf.py with its own Python 3.11+: PYTHONPATH=scripts python3 scripts/tools/nginx_conf.py
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from pathlib import Path
from typing import Iterable

# Material emits three executable inline scripts on every page (its storage helpers with
# __md_scope, the palette restorer, the tab restorer; its __config JSON is data and never runs).
# With `extra.scope` set, they are the same text on every page, so the whole site has exactly
# this many hashes. tests/test_security.py fails (and the build's hook should) when the number
# changes: look at what was added and why before raising it.
EXPECTED_INLINE_SCRIPTS = 3

# A file name with a content hash of 8 or more hex digits between dots: Material's
# bundle.a5f9d56c.min.js, main.57a0d79d.min.css, search.a7633da7.min.js (and their .map
# files), and our own assets once renamed name.<hash>.ext. Such a file never changes content
# under its name, so browsers may keep it for a year.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.[^/]+$")

# Script types a browser runs, so CSP checks them (HTML's "JavaScript MIME type essence
# match", plus module, importmap and speculationrules, which script-src also governs).
# Anything else (Material's <script type="application/json" id="__config">) is a data block:
# never run, never checked by CSP, and not hashed here.
_RUNNABLE_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}


# A small tokenizer for what matters here, several times faster than html.parser. Left to
# right, so a comment hides the tags inside it and a <script>'s text hides anything tag-like
# in it, as in a browser. About 1 ms for a 35 KB page.
_ATTRIBUTES = r"""(?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*/(?!>))*"""
_TOKENS = re.compile(
    rf"""<!--.*?(?:-->|\Z)
    | <(?P<raw>script|style|textarea|title)(?P<raw_attrs>{_ATTRIBUTES})\s*/?>(?P<text>.*?)(?:</(?P=raw)(?=[\s/>])|\Z)
    | <(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>{_ATTRIBUTES})\s*/?>""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
# Attributes worth a closer look: on…=, style=, or a value that is or may hide javascript:.
_MAYBE_INLINE_CODE = re.compile(r"[\s/]on|style|javascript|&", re.IGNORECASE)
# The same, for inline scripts only: what the build needs on every page, at a tenth of the
# cost (0.1 ms a page).
_SCRIPTS = re.compile(
    rf"""<!--.*?(?:-->|\Z)
    | <script(?P<attrs>{_ATTRIBUTES})\s*/?>(?P<text>.*?)(?:</script(?=[\s/>])|\Z)""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _attributes(text: str) -> list[tuple[str, str]]:
    """(name, value) pairs of a start tag's attribute text; "" for an attribute without value."""
    found = []
    for name, value in _ATTRIBUTE.findall(text):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.append((name.lower(), html_lib.unescape(value)))
    return found


class _Page:
    """The code in a page that CSP blocks without 'unsafe-inline', whatever the hashes:
    event-handler attributes, javascript: URLs, style attributes and <style> elements."""

    def __init__(self, html: str) -> None:
        self.problems: list[str] = []
        for token in _TOKENS.finditer(html):
            raw, tag = token.group("raw"), token.group("tag")
            if raw:
                raw = raw.lower()
                attrs = _attributes(token.group("raw_attrs"))
                self._check(raw, attrs)
                if raw == "style":
                    self.problems.append("<style> element")
            elif tag and _MAYBE_INLINE_CODE.search(token.group("attrs")):
                self._check(tag.lower(), _attributes(token.group("attrs")))

    def _check(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            elif name == "style":
                self.problems.append(f"<{tag} style=…> attribute")
            elif name in ("href", "src", "action", "formaction") and value and _is_javascript_url(value):
                self.problems.append(f'<{tag} {name}="javascript:…">')


def _runnable(script_type: str | None, language: str | None) -> bool:
    if script_type is None:
        # An old-style language="…" without type runs only for JavaScript names.
        return not language or f"text/{language.strip().lower()}" in _RUNNABLE_TYPES
    essence = script_type.split(";")[0].strip().lower()
    return essence in _RUNNABLE_TYPES


def _is_javascript_url(value: str) -> bool:
    # URL parsing strips leading C0 controls and spaces and removes tabs and newlines.
    cleaned = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21))))
    return cleaned.lower().startswith("javascript:")


def script_hash(source: str) -> str:
    """The CSP source expression for one inline script's text: 'sha256-<base64>'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The 'sha256-…' source expressions of every inline script a browser would run in
    ``html``, in page order, each once. Scripts with src, and data blocks such as
    <script type="application/json">, are not inline code and are left out."""
    seen: dict[str, None] = {}
    html = html.replace("\r\n", "\n").replace("\r", "\n")  # as browsers do before parsing
    for token in _SCRIPTS.finditer(html):
        if token.group("attrs") is None:
            continue  # a comment
        if token.group(0)[-8:].lower() != "</script":
            continue  # cut off by the end of the file: browsers never run it
        values = dict(_attributes(token.group("attrs")))
        source = token.group("text")
        # A browser skips an empty inline script before any CSP check.
        if not source or "src" in values or not _runnable(values.get("type"), values.get("language")):
            continue
        seen.setdefault(script_hash(source), None)
    return list(seen)


def inline_code_problems(html: str) -> list[str]:
    """What in ``html`` a strict policy blocks whatever its hashes: inline event handlers,
    javascript: URLs, style attributes and <style> elements. The site has none; keep it so."""
    return _Page(html).problems


def site_pages(site_dir: Path) -> list[Path]:
    return sorted(Path(site_dir).rglob("*.html"))


def site_script_hashes(site_dir: Path) -> list[str]:
    """The hashes of every page of a built site, merged and sorted. One policy serves the
    whole site: with Material's instant navigation, the policy of the first page a reader
    opens stays in force while they move to other pages."""
    found: set[str] = set()
    for page in site_pages(site_dir):
        found.update(inline_script_hashes(page.read_text(encoding="utf-8")))
    return sorted(found)


def fingerprinted_files(site_dir: Path) -> list[str]:
    """URL paths ("/assets/javascripts/bundle.a5f9d56c.min.js") of the site's files whose
    names carry a content hash, sorted."""
    root = Path(site_dir)
    return sorted(
        "/" + path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and FINGERPRINTED.search(path.name)
    )


def content_security_policy(script_hashes: Iterable[str], *, for_meta: bool) -> str:
    """The site's Content-Security-Policy. ``for_meta`` gives the version for a
    <meta http-equiv> tag, which must leave out what browsers ignore there (frame-ancestors)."""
    hashes = sorted(set(script_hashes))
    for expression in hashes:
        if not re.fullmatch(r"'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'", expression):
            raise ValueError(f"not a CSP hash source: {expression!r}")
    directives = [
        "default-src 'self'",
        # Every script is a file of the site, or one of Material's inline scripts by hash.
        # No 'unsafe-inline', no 'unsafe-eval'.
        "script-src " + " ".join(["'self'", *hashes]),
        # 'self' alone, measured (tests/test_hosting.py): Chromium reports no violation on any
        # page, nor while searching, navigating instantly, switching the palette, scrolling,
        # or using every field and button of the checklists and templates. Material's markup has
        # no style attributes and no <style> elements, and its JavaScript sets styles
        # through the CSSOM (element.style.x = …, style.setProperty), which CSP never blocks;
        # only markup styles (attributes, <style>, setAttribute("style")) would need
        # 'unsafe-inline'. inline_code_problems() keeps it that way at build time.
        "style-src 'self'",
        # data: for the small SVG icons Material's stylesheet embeds (mask-image: url(data:…)).
        "img-src 'self' data:",
        "font-src 'self'",
        # Instant navigation fetches pages and the sitemap; the search worker fetches its index.
        "connect-src 'self'",
        # Search runs in a Web Worker loaded from the site's own files.
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if not for_meta:
        # Browsers ignore frame-ancestors in a <meta> policy, and Chromium logs a console error.
        directives.append("frame-ancestors 'none'")
    # No upgrade-insecure-requests: every address the site loads is relative, so on HTTPS it
    # changes nothing; on a plain-HTTP server (a preview, an intranet, the tests) it would
    # rewrite the site's own requests to https:// and break every page.
    return "; ".join(directives)


# Powerful features the site never uses, switched off for it and anything it could embed:
# sensors, camera and microphone, location, payment, device access, ad targeting. Kept to
# those worth naming, since the header rides on every response (about 360 bytes).
# clipboard-write (copy buttons) and web-share (the share control) are used: left at their
# default ('self'). clipboard-read is left too: browsers already ask the reader first, and the
# template tests read the clipboard to check what the copy buttons put there. Only names Chromium recognises: for any other it writes "Unrecognized
# feature" to the console (Chromium 156 no longer knows bluetooth, battery,
# ambient-light-sensor, document-domain or the ad-auction names). tests/test_hosting.py checks.
PERMISSIONS_DENIED = (
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)

# same-origin: no other site learns which page a reader came from (a page address such as
# /templates/illness/ says something personal about a job seeker), while the site's own
# server logs still show which page holds a broken link. no-referrer would hide that too and
# protect no one more. (Candidate details ride in the URL fragment, never sent in any case.)
REFERRER_POLICY = "same-origin"

# A year, the usual value. No includeSubDomains or preload: the agency's other subdomains are
# not ours to force onto HTTPS. Browsers ignore it over plain HTTP.
HSTS = "max-age=31536000"

CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
# HTML and other files without a content hash: the browser keeps them but asks each time
# (a 304 answer is a few hundred bytes). A page kept for minutes without asking could still
# name assets a new deployment has removed.
CACHE_REVALIDATE = "no-cache"


def security_headers(policy: str) -> list[tuple[str, str]]:
    """Every security header the site sends, with ``policy`` as its Content-Security-Policy."""
    return [
        ("Content-Security-Policy", policy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", REFERRER_POLICY),
        ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in PERMISSIONS_DENIED)),
        ("Strict-Transport-Security", HSTS),
        # The older form of frame-ancestors 'none', for browsers that predate CSP 2.
        ("X-Frame-Options", "DENY"),
        # Pages the site opens (the agency's job listings) get no handle back to it.
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]


def headers_file(policy: str, immutable_paths: Iterable[str] = ()) -> str:
    """A ``_headers`` file for Netlify and Cloudflare Pages: the security headers on every
    response, and a year's cache for each fingerprinted file listed (URL paths from
    ``fingerprinted_files``). Each path is listed by name: neither host matches a hash pattern.
    Cache-Control appears in one rule per path only (hosts differ on merging a header that
    two rules set); everything else keeps the host's default, which revalidates each time."""
    lines = [
        "# Written by the build (sitegen.security.headers_file); do not edit by hand.",
        "/*",
        *(f"  {name}: {value}" for name, value in security_headers(policy)),
    ]
    for path in sorted(set(immutable_paths)):
        if not path.startswith("/") or any(ch.isspace() for ch in path):
            raise ValueError(f"not a URL path for _headers: {path!r}")
        lines += [path, f"  Cache-Control: {CACHE_IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def meta_policy_tag(policy: str) -> str:
    """``policy`` as a <meta http-equiv="Content-Security-Policy"> tag."""
    # In a double-quoted attribute only & < > " need escaping; the policy's many ' stay short.
    content = html_lib.escape(policy, quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


def add_meta_policy(html: str, policy: str) -> str:
    """``html`` with the policy tag placed first in <head> (right after <meta charset>): a meta
    policy covers only what comes after it, so it must precede every script and stylesheet."""
    tag = meta_policy_tag(policy)
    for pattern in (_CHARSET, _HEAD):
        match = pattern.search(html)
        if match:
            return html[: match.end()] + tag + html[match.end():]
    raise ValueError("no <head> to put the Content-Security-Policy in")
