"""Content-hashed names for the site's own assets: ``main.js`` becomes ``main.1a2b3c4d.js``.

A renamed file never changes under its name, so browsers and CDNs may keep it for a year
(security.FINGERPRINTED matches these names; nginx and _headers give them the long cache).

``fingerprint_site(site_dir, asset_paths, site_prefix)`` renames each asset of the built site
and rewrites every reference to it:

- in pages (``*.html``): href="…" and src="…" attributes, relative or absolute;
- in JavaScript: relative module specifiers in ``import … from "./x.js"``, ``export … from``,
  ``import "./x.js"`` and ``import("./x.js")`` (string literals only: a computed path such as
  ``import("./components/" + name + ".js")`` cannot be rewritten, so write one literal per file);
- in CSS: ``url(…)`` and ``@import "…"``.

Before hashing, our CSS and JavaScript are minified (rjsmin, rcssmin: comments and spaces
out, every name kept), which more than halves what readers download.

Hashes are computed bottom-up: a file's hash covers its content *after* its own references
were rewritten, so a change in ``lib/dates.js`` renames it, the component importing it, and
``main.js`` importing that; an unchanged file keeps its name from build to build. A reference
to an asset that does not exist, or a cycle of imports, stops the build with a message.

The standard library, and rjsmin and rcssmin for the minifying.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import rcssmin
import rjsmin

# Only code is renamed; a licence or README beside a vendored library keeps its name.
CODE = {".js", ".mjs", ".css"}
HASH_LENGTH = 8  # as Material's own (bundle.a5f9d56c.min.js)

# The quoted specifier of a static import/export or a dynamic import(), starting with ./ ../ or /.
_JS_SPECIFIER = re.compile(
    r"""(?P<lead>\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)(?P<quote>["'])(?P<ref>(?:\.{1,2})?/[^"'\s]*)(?P=quote)"""
)
# url(x), url("x"), url('x') and @import "x".
_CSS_REFERENCE = re.compile(
    r"""(?P<lead>\burl\(\s*|@import\s+)(?P<quote>["']?)(?P<ref>[^"')\s]+)(?P=quote)""", re.IGNORECASE
)
# href="…" / src="…" in markup (MkDocs and Material always write them so: lowercase, double
# quotes). Case-sensitive: half the time of re.IGNORECASE, which counts at 500 pages.
_HTML_REFERENCE = re.compile(r"""(?P<lead>\s(?:href|src)=)(?P<quote>")(?P<ref>[^"]*)(?P=quote)""")


class FingerprintError(ValueError):
    pass


def hashed_name(name: str, content: bytes) -> str:
    """'main.js' + content -> 'main.<8 hex>.js' (the hash goes before the last suffix)."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot and stem else f"{name}.{digest}"


def _resolve(ref: str, from_path: str, site_prefix: str) -> str | None:
    """The site-relative path ('assets/javascripts/ui.js') that ``ref`` names when written in
    the file at site-relative ``from_path``; None for other hosts, data: and fragments."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        if not parts.path.startswith(site_prefix):
            return None
        target = parts.path[len(site_prefix):]
    else:
        target = posixpath.join(posixpath.dirname(from_path), parts.path)
    target = posixpath.normpath(target)
    return None if target.startswith("..") else target.lstrip("/")


def _with_new_name(ref: str, new_name: str) -> str:
    """``ref`` with the last segment of its path replaced, query and fragment kept."""
    parts = urlsplit(ref)
    path = parts.path.rsplit("/", 1)
    path[-1] = new_name
    return ref.replace(parts.path, "/".join(path), 1)


def _rewrite(text: str, pattern: re.Pattern, from_path: str, site_prefix: str,
             rename: Callable[[str, str], str | None], names: set[str] | None = None) -> str:
    """``names``: if given, only references ending in one of these file names can change (a
    quick test before resolving each of a page's many links)."""
    def replace(match: re.Match) -> str:
        if names is not None and re.split(r"[?#]", match.group("ref"), maxsplit=1)[0].rsplit("/", 1)[-1] not in names:
            return match.group(0)
        target = _resolve(match.group("ref"), from_path, site_prefix)
        new_name = rename(target, match.group("ref")) if target else None
        if new_name is None:
            return match.group(0)
        return f"{match.group('lead')}{match.group('quote')}{_with_new_name(match.group('ref'), new_name)}{match.group('quote')}"

    return pattern.sub(replace, text)


def _pattern_for(path: str) -> re.Pattern | None:
    if path.endswith((".js", ".mjs")):
        return _JS_SPECIFIER
    if path.endswith(".css"):
        return _CSS_REFERENCE
    return None



def references(text: str, from_path: str, site_prefix: str = "/") -> list[str]:
    """The site-relative paths the file at ``from_path`` names: a page's href and src, a
    script's imports (static and dynamic), a stylesheet's url() and @import (the offline pack
    follows them; sitegen.offline)."""
    pattern = _pattern_for(from_path) or _HTML_REFERENCE
    found = (_resolve(match.group("ref"), from_path, site_prefix) for match in pattern.finditer(text))
    return list(dict.fromkeys(target for target in found if target))

# --- minified --------------------------------------------------------------------------------
# Our sources are commented for the maintainer; readers on a data plan need not download that.
# rjsmin and rcssmin (well-kept, C-accelerated, no dependencies) drop comments and spaces and
# keep every name, string, template literal and regular expression as written: what runs is
# what the unit tests test (tests/test_fingerprint.py runs tests/js against the minified
# modules, and `node --check` on every built module). Files already minified (*.min.js) are
# left alone.

def compact(path: str, content: bytes) -> bytes:
    if ".min." in path.rsplit("/", 1)[-1]:
        return content
    if path.endswith((".js", ".mjs")):
        return rjsmin.jsmin(content.decode("utf-8")).encode("utf-8") + b"\n"
    if path.endswith(".css"):
        return rcssmin.cssmin(content.decode("utf-8")).encode("utf-8") + b"\n"
    return content


def plan(files: dict[str, bytes], site_prefix: str = "/") -> dict[str, tuple[str, bytes]]:
    """For each asset (site-relative path -> content): its new site-relative path and its new
    content, references to other assets rewritten. Pure: nothing is read or written."""
    done: dict[str, tuple[str, bytes]] = {}
    visiting: list[str] = []

    def visit(path: str) -> tuple[str, bytes]:
        if path in done:
            return done[path]
        if path in visiting:
            cycle = " -> ".join([*visiting[visiting.index(path):], path])
            raise FingerprintError(f"assets import each other in a cycle, which content hashes cannot name: {cycle}")
        visiting.append(path)
        content = compact(path, files[path])
        pattern = _pattern_for(path)
        if pattern is not None:
            def rename(target: str, ref: str) -> str | None:
                if target not in files:
                    if pattern is _JS_SPECIFIER and target.endswith((".js", ".mjs")):
                        raise FingerprintError(f"{path} imports {ref!r}, but there is no {target}")
                    return None
                return posixpath.basename(visit(target)[0])

            content = _rewrite(content.decode("utf-8"), pattern, path, site_prefix, rename).encode("utf-8")
        new_path = posixpath.join(posixpath.dirname(path), hashed_name(posixpath.basename(path), content))
        visiting.pop()
        done[path] = (new_path, content)
        return done[path]

    for path in sorted(files):
        visit(path)
    return done


def rewrite_page(html: str, page_path: str, renamed: dict[str, str], site_prefix: str = "/") -> str:
    """A page's href/src attributes pointing at renamed assets, pointing at the new names."""

    def rename(target: str, ref: str) -> str | None:
        new = renamed.get(target)
        return posixpath.basename(new) if new else None

    names = {posixpath.basename(old) for old in renamed}
    return _rewrite(html, _HTML_REFERENCE, page_path, site_prefix, rename, names)


def fingerprint_site(site_dir: Path, asset_paths: Iterable[str], site_prefix: str = "/") -> dict[str, str]:
    """Rename the built site's assets (site-relative paths) to content-hashed names and rewrite
    every page's references to them. ``site_prefix`` is the path part of site_url ("/" or
    "/help/"), for absolute references. Returns {old path: new path}."""
    site = Path(site_dir)
    if not site_prefix.endswith("/"):
        site_prefix += "/"
    files = {path: (site / path).read_bytes() for path in sorted(set(asset_paths))}
    planned = plan(files, site_prefix)
    for old, (new, content) in planned.items():
        (site / new).write_bytes(content)
        if new != old:
            (site / old).unlink()
    renamed = {old: new for old, (new, _) in planned.items()}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        updated = rewrite_page(html, relative, renamed, site_prefix)
        if updated != html:
            page.write_text(updated, encoding="utf-8")
    return renamed


def own_assets(docs_dir: Path, site_dir: Path, folders: Iterable[str]) -> list[str]:
    """Site-relative paths of every file under ``folders`` (e.g. "assets/javascripts") of the
    docs folder that the build copied into the site: the site's own assets. Material's files
    (its bundle, search worker, stylesheets) come from the theme, not docs/, so they are left
    alone: they carry Material's own hashes already."""
    docs, site = Path(docs_dir), Path(site_dir)
    found = []
    for folder in folders:
        root = docs / folder
        if root.is_dir():
            found += [p.relative_to(docs).as_posix() for p in root.rglob("*") if p.is_file() and p.suffix in CODE]
    return sorted(path for path in found if (site / path).is_file())
