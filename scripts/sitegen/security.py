"""The site's security policy, as pure functions the build, the hooks and the tools share.

- ``theme_scripts(theme_dirs)``: the inline scripts the theme writes (THEME_SCRIPTS), read
  from its own templates: the only inline code the policy allows, each by its hash.
- ``content_problems(html)``: scripts, event handlers, javascript: links and inline styles in
  content (a guide, copyright, a data file): each stops the build (SCRIPTS_NOT_ALLOWED).
- ``PageScan(html)``: one HTML parse of a built page: its ids (duplicates named) and the
  same problems anywhere in it.
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
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

# The inline scripts the site allows: the ones its theme writes, named by what they are and by
# the theme template that writes each (overrides/ first, then Material's own, as the theme
# finds them). The build reads each template and allows exactly the <script> text written
# there, where a {{ value }} may stand only for a plain value (no quote, backslash, angle
# bracket or space), and hashes those for the Content-Security-Policy. Any other inline
# script stops the build, and so does any script in content, wherever it comes from (see
# content_problems): an entry here names a theme template, so it cannot let content in.
# Material writes three on every page (its __config JSON is data and never runs); with
# `extra.scope` set, they are the same text on every page.
THEME_SCRIPTS = {
    "Material's storage helpers (__md_get, __md_set)": "partials/javascripts/base.html",
    "Material's palette restorer": "partials/javascripts/palette.html",
    "Material's tab restorer": "partials/javascripts/content.html",
}
# What the build says about any script in content. The policy would block it anyway; the
# build stops instead, so the page never ships something that silently does nothing.
SCRIPTS_NOT_ALLOWED = "scripts are not allowed in content"
STYLES_NOT_ALLOWED = "inline styles are not allowed in content"

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


# Attributes whose value is a URL a browser may follow or load (a javascript: URL in any of
# them runs code).
_URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "lowsrc",
    "dynsrc", "ping", "cite", "longdesc", "manifest", "codebase", "archive", "usemap", "icon", "srcset",
})


@dataclass(frozen=True)
class Found:
    """One piece of inline code in some HTML: what it is, its line there, and text to look for
    in a source file to find where it came from."""

    line: int  # 1-based, in the HTML scanned
    what: str  # "a <script> element", "the onclick attribute on <button> (an event handler)", ...
    needle: str  # "<script", "onclick", "javascript:", "style"
    script: bool = True  # False: an inline style

    @property
    def advice(self) -> str:
        if self.script:
            return (f"{SCRIPTS_NOT_ALLOWED}: remove {self.what}. The site's security policy would block it, so it "
                    "would never run. The site's own scripts go in docs/assets/javascripts/")
        return (f"{STYLES_NOT_ALLOWED}: remove {self.what}. The site's security policy would block it. "
                "Styles go in docs/assets/stylesheets/")


class PageScan(HTMLParser):
    """One pass of the standard HTML parser over a page or a piece of content: every id (and
    the ids that appear twice), and the inline code a strict policy blocks (``problems``):
    event-handler attributes, javascript: URLs, srcdoc, style attributes and <style>; and
    every <script> element with its line (``scripts``), which content may not have at all."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}  # id -> line of its first use
        self.duplicates: dict[str, list[int]] = {}  # id -> the lines of every use
        self.problems: list[Found] = []
        self.scripts: list[Found] = []
        self._template = 0  # inside <template>: ids there belong to another document
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        if tag == "template":
            self._template += 1

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "template" and self._template:
            self._template -= 1

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "script":
            self.scripts.append(Found(line, "a <script> element", "<script"))
        elif tag == "style":
            self.problems.append(Found(line, "a <style> element", "<style", script=False))
        for name, value in attrs:
            value = value or ""
            if name == "id" and not self._template:
                if value in self.ids:
                    self.duplicates.setdefault(value, [self.ids[value]]).append(line)
                else:
                    self.ids[value] = line
            if name.startswith("on"):
                self.problems.append(Found(line, f"the {name} attribute on <{tag}> (an event handler)", name))
            elif name == "style":
                self.problems.append(Found(line, f"the style attribute on <{tag}>", "style", script=False))
            elif name == "srcdoc":
                self.problems.append(Found(line, f"the srcdoc attribute on <{tag}> (a page inside the page)", "srcdoc"))
            elif name in _URL_ATTRIBUTES and _is_javascript_url(value.split(",")[0] if name == "srcset" else value):
                self.problems.append(Found(line, f'the javascript: link in <{tag} {name}="…">', "javascript"))


def content_problems(html: str) -> list[Found]:
    """Inline code in content (HTML from a guide's Markdown, ``copyright``, a value from a data
    file): every <script> element, whatever it holds, and everything PageScan finds. Content
    never needs any, and none of it can be allowed by a hash: it stops the build."""
    scan = PageScan(html)
    return sorted(scan.scripts + scan.problems, key=lambda found: found.line)


def source_line(source: str, found: Found, occurrence: int = 0, start: int = 1) -> int | None:
    """The line of ``source`` (a Markdown page, mkdocs.yml, a data file) where ``found``
    most likely came from: the line holding its needle (in any letter case) for the
    ``occurrence``-th time (counted from 0; the last one if there are fewer); None if no
    line holds it. ``start`` is the number of the source's first line."""
    needle = found.needle.lower()
    lines = [number for number, line in enumerate(source.splitlines(), start=start) if needle in line.lower()]
    if not lines:
        return None
    return lines[min(occurrence, len(lines) - 1)]


@dataclass(frozen=True)
class ThemeScript:
    """One inline script the theme writes: its name, the template it is in, and a pattern that
    matches exactly the text it renders to."""

    name: str
    template: Path
    pattern: re.Pattern

    def matches(self, source: str) -> bool:
        return self.pattern.fullmatch(source) is not None


# A template's inline <script> elements (without src), and the Jinja parts inside them.
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", re.IGNORECASE | re.DOTALL)
_JINJA = re.compile(r"\{\{-?(?P<expression>.*?)-?\}\}|\{#.*?#\}|\{%", re.DOTALL)
# What a {{ value }} inside a theme script may render to: a plain value, which cannot end the
# string it sits in or the script.
_PLAIN_VALUE = r"[^\"'`\\<>\s]*"
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.html")


class ThemeScriptError(ValueError):
    """THEME_SCRIPTS names something that is not an inline script of the theme."""


def theme_scripts(theme_dirs: Iterable[Path], allowed: dict[str, str] | None = None) -> list[ThemeScript]:
    """The inline scripts of the templates ``allowed`` names (THEME_SCRIPTS), each read from
    the first of ``theme_dirs`` (the theme's search path) that holds its template."""
    allowed = THEME_SCRIPTS if allowed is None else allowed
    folders = [Path(folder) for folder in theme_dirs]
    found: list[ThemeScript] = []
    for name, template in allowed.items():
        if not isinstance(template, str) or not _TEMPLATE_NAME.fullmatch(template):
            raise ThemeScriptError(f"THEME_SCRIPTS: {name!r} must name a theme template like 'partials/javascripts/base.html', not {template!r}")
        path = next((folder / template for folder in folders if (folder / template).is_file()), None)
        if path is None:
            raise ThemeScriptError(f"THEME_SCRIPTS: {name!r}: the theme has no template {template}")
        scripts = [match for match in _TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8"))
                   if "src" not in dict(_attributes(match.group("attrs")))]
        if not scripts:
            raise ThemeScriptError(f"THEME_SCRIPTS: {name!r}: {path} writes no inline script")
        for match in scripts:
            found.append(ThemeScript(name, path, _script_pattern(match.group("text"), path)))
    return found


def _script_pattern(text: str, path: Path) -> re.Pattern:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as Jinja writes line ends
    pieces, last = [], 0
    for part in _JINJA.finditer(text):
        if part.group(0) == "{%":
            raise ThemeScriptError(f"{path}: a {{% %}} inside an inline script; the build can only allow a script whose text is fixed")
        pieces.append(re.escape(text[last:part.start()]))
        if part.group("expression") is not None:
            pieces.append(_PLAIN_VALUE)
        last = part.end()
    pieces.append(re.escape(text[last:]))
    return re.compile("".join(pieces), re.DOTALL)


def unknown_inline_scripts(html: str, known: list[ThemeScript]) -> list[str]:
    """The text of each inline script in ``html`` that a browser would run and that is not one
    the theme writes."""
    return [source for source in inline_scripts(html) if not any(script.matches(source) for script in known)]


def script_hash(source: str) -> str:
    """The CSP source expression for one inline script's text: 'sha256-<base64>'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run in ``html``, in page order.
    Scripts with src, and data blocks such as <script type="application/json">, are not
    inline code and are left out."""
    found = []
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
        found.append(source)
    return found


def inline_script_hashes(html: str) -> list[str]:
    """The 'sha256-…' source expressions of every inline script a browser would run in
    ``html``, in page order, each once."""
    return list(dict.fromkeys(script_hash(source) for source in inline_scripts(html)))


def inline_code_problems(html: str) -> list[str]:
    """What in ``html`` a strict policy blocks whatever its hashes: inline event handlers,
    javascript: URLs, style attributes and <style> elements. The site has none; keep it so."""
    return _Page(html).problems


def site_pages(site_dir: Path) -> list[Path]:
    return sorted(Path(site_dir).rglob("*.html"))


def site_script_hashes(site_dir: Path, known: list[ThemeScript] | None = None) -> list[str]:
    """The hashes of every page of a built site, merged and sorted. One policy serves the
    whole site: with Material's instant navigation, the policy of the first page a reader
    opens stays in force while they move to other pages. With ``known`` (theme_scripts()),
    a script that is not one of them raises UnknownScript, naming the page, instead of being
    hashed."""
    found: set[str] = set()
    root = Path(site_dir)
    for page in site_pages(root):
        html = page.read_text(encoding="utf-8")
        if known is not None:
            unknown = unknown_inline_scripts(html, known)
            if unknown:
                raise UnknownScript(page.relative_to(root).as_posix(), unknown[0])
        found.update(inline_script_hashes(html))
    return sorted(found)


class UnknownScript(ValueError):
    """A built page holds an inline script that the theme does not write."""

    def __init__(self, page: str, source: str):
        self.page, self.source = page, source
        shown = " ".join(source.split())[:80]
        super().__init__(f"{page}: an inline script that the site's theme does not write ({shown!r}): "
                         f"{SCRIPTS_NOT_ALLOWED}, and the security policy allows only the theme's own "
                         "(THEME_SCRIPTS in scripts/sitegen/security.py). Find where this text comes from and remove it")


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
