"""What "Save for offline" saves, and the service worker's values for this build (issue #19).

``write(site, worker, folders, site_path)`` runs once every file name is final (after the
fingerprints, sitegen.postbuild) and:

- writes each edition's pack, ``offline.json`` in its folder: every page that carries the
  saved-copy notice (overrides/partials/saved-copy.html; a page's front matter
  ``offline: false`` leaves it out), the files those pages load (stylesheets, scripts and what
  they import, icons, images), the edition's sitemap (instant navigation reads it), what
  search loads on first use (the index, its worker, the stemmers; ``search_files``), and the
  pack's size as a reader downloads it (gzip);
- writes that size into the "Save for offline" control of the edition's pages;
- fills in ``sw.js``'s SITE line: the build's version (a hash of every packed file: a changed
  page or asset is a new version, so the reader's saved copy is replaced), the pattern of
  content-hashed names (security.FINGERPRINTED), and each edition's words for the page shown
  when a page is not saved, read from the edition's home page (where the strings catalogue
  put them). The worker is then minified like our other scripts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Mapping

from markupsafe import escape

from sitegen import fingerprint
from sitegen.security import FINGERPRINTED

PACK = "offline.json"
WORKER = "sw.js"
NOTICE = 'class="mih-saved-copy"'  # the saved-copy notice: a page that has it is in the pack
SIZE_MARK = re.compile(r"<span data-offline-size>[^<]*</span>")  # where the control says the pack's size
# What a page loads that the pack keeps; links to pages and PDFs are not loaded by the page.
LOADED = {".css", ".js", ".mjs", ".svg", ".png", ".jpg", ".webp", ".ico", ".woff", ".woff2"}
_MODULE = re.compile(r'data-module="([a-z-]+)"')
_COMPONENT = re.compile(r"assets/javascripts/components/([a-z-]+)\.[0-9a-f]{8}\.js")
_SITE_LINE = re.compile(r"^const SITE = .*;$", re.MULTILINE)
WORDS = ("title", "missing", "saved", "none")  # ui.offline.page_*: the not-saved page
CONTROL = "offline-save"  # the control's data-module


class OfflineError(ValueError):
    pass


@dataclass(frozen=True)
class Pack:
    folder: str  # "" or "es/"
    pages: list[str]  # site-relative page files (es/situations/missed/index.html)
    files: list[str]  # site-relative files the pages load, and the sitemap
    size: int  # bytes, each file gzipped

    def urls(self, site_path: str) -> list[str]:
        """Root-relative addresses, pages as their folder ("/es/situations/missed/")."""
        pages = [site_path + page[: -len("index.html")] for page in self.pages]
        return pages + [site_path + name for name in self.files]


class _Packed(dict):
    """Each file's bytes as packed (``_as_packed``), read from the site once, when first asked:
    the pages are read for the notice, their references, the size and the version."""

    def __init__(self, site: Path):
        super().__init__()
        self.site = site

    def __missing__(self, name: str) -> bytes:
        self[name] = _as_packed(self.site, name)
        return self[name]

    def text(self, name: str) -> str:
        return self[name].decode("utf-8", errors="replace")


def _edition_pages(packed: _Packed, folder: str, others: list[str]) -> list[str]:
    found = []
    for path in sorted((packed.site / folder).rglob("index.html")):
        name = path.relative_to(packed.site).as_posix()
        if any(name.startswith(other) for other in others if other != folder and other.startswith(folder)):
            continue
        if NOTICE in packed.text(name):
            found.append(name)
    return found


def _components(html: str) -> set[str]:
    return set(_MODULE.findall(html))


def _loaded(packed: _Packed, start: list[str], site_path: str) -> list[str]:
    """Every file the pages load, and what those files import, in the order first met. main.js
    can import every component; only those the pages ask for (data-module) are packed."""
    seen: dict[str, None] = {}
    used: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop(0)
        text = packed.text(name)
        if name.endswith(".html"):
            used |= _components(text)
        for target in fingerprint.references(text, name, site_path):
            if target in seen or Path(target).suffix not in LOADED or not (packed.site / target).is_file():
                continue
            component = _COMPONENT.fullmatch(target)
            if component and component.group(1) not in used:
                continue
            seen[target] = None
            if target.endswith((".js", ".mjs", ".css")):
                todo.append(target)
    return list(seen)


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def packs(site: Path, folders: list[str], site_path: str = "/", packed: _Packed | None = None) -> list[Pack]:
    packed = _Packed(site) if packed is None else packed
    found = []
    for folder in folders:
        pages = _edition_pages(packed, folder, folders)
        if not pages:
            raise OfflineError(f"no page of {folder or 'the site'} carries the saved-copy notice ({NOTICE})")
        files = _loaded(packed, pages, site_path)
        if (site / folder / "sitemap.xml").is_file():
            files.append(folder + "sitemap.xml")
        files += [name for name in search_files(site, folder) if name not in files]
        size = sum(_gzipped(packed[name]) for name in pages + files)
        found.append(Pack(folder, pages, files, size))
    return found


def search_files(site: Path, folder: str) -> list[str]:
    """What search loads on first use (docs/assets/javascripts/on-demand.js holds it back until
    then): the edition's index, Material's search worker, and the word-stemming scripts that
    worker imports for the index's languages (as Material's worker names them), so that search
    works in the saved copy too. None where the build has no search."""
    index = site / folder / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not index.is_file() or len(workers) != 1:
        return []
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])
    lunr = "assets/javascripts/lunr/"
    scripts = [lunr + {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}[code]
               for code in languages if code in ("ja", "hi", "th")]
    scripts += [f"{lunr}min/lunr.{code}.min.js" for code in languages if code != "en"]
    if len(languages) > 1:
        scripts.append(lunr + "min/lunr.multi.min.js")
    if scripts:
        scripts.insert(0, lunr + "min/lunr.stemmer.support.min.js")
    found = [folder + "search/search_index.json", workers[0].relative_to(site).as_posix(), *scripts]
    missing = [name for name in found if not (site / name).is_file()]
    if missing:
        raise OfflineError(f"search for {folder or 'the site'} needs {', '.join(missing)}, which the build did not write")
    return found


def _as_packed(site: Path, name: str) -> bytes:
    """A file's bytes, a page's size sentence left empty: what the size and the version are
    measured on, so that writing again (the sentence now filled in) measures the same."""
    data = (site / name).read_bytes()
    if name.endswith(".html"):
        data = SIZE_MARK.sub("<span data-offline-size></span>", data.decode("utf-8")).encode("utf-8")
    return data


def version(site: Path, found: list[Pack], words: Mapping[str, Mapping[str, str]], worker: str,
            packed: _Packed | None = None) -> str:
    """A hash of what the packs hold (the size sentence left out: it follows from the rest)."""
    packed = _Packed(site) if packed is None else packed
    digest = hashlib.sha256(json.dumps(words, sort_keys=True).encode("utf-8") + worker.encode("utf-8"))
    for name in sorted({name for pack in found for name in pack.pages + pack.files}):
        digest.update(name.encode("utf-8") + b"\0" + packed[name])
    return digest.hexdigest()[:12]


def kilobytes(size: int) -> int:
    """The size as the control says it: whole KB, rounded up to a ten above 100."""
    kb = -(-size // 1000)
    return kb if kb < 100 else -(-kb // 10) * 10


def worker_source(source: str, build: str, words: Mapping[str, Mapping[str, str]]) -> str:
    values = {"version": build, "hashed": FINGERPRINTED.pattern, "editions": words}
    if not _SITE_LINE.search(source):
        raise OfflineError(f"{WORKER} has no 'const SITE = …;' line for the build to fill in")
    line = "const SITE = " + json.dumps(values, ensure_ascii=False) + ";"
    return fingerprint.compact(WORKER, _SITE_LINE.sub(lambda _match: line, source, count=1).encode("utf-8")).decode("utf-8")


class _Control(HTMLParser):
    """The attributes of a page's "Save for offline" control, and the page's language."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.control: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        elif self.control is None and values.get("data-module") == CONTROL:
            self.control = values


def edition_words(site: Path, folder: str) -> tuple[dict[str, str], str]:
    """From the edition's home page: its language and the not-saved page's words (for the
    worker), and the size sentence with {size}. The words come from the strings catalogue
    through the page (overrides/partials/offline-save.html), read once by the build."""
    home = site / folder / "index.html"
    found = _Control()
    found.feed(home.read_text(encoding="utf-8") if home.is_file() else "")
    if found.control is None:
        raise OfflineError(f"{home.relative_to(site)} has no \"Save for offline\" control (data-module=\"{CONTROL}\")")
    words = {"lang": found.lang or "en", **{name: found.control.get(f"data-page-{name}-text", "") for name in WORDS}}
    return words, found.control.get("data-size-text", "{size} KB")


def write(site: Path, worker: str, folders: list[str], site_path: str = "/") -> list[Pack]:
    """``worker``: the service worker's source (docs/sw.js); ``folders``: each edition's folder
    ("" and "es/"). Run again on the same site, it writes the same (a test changes a built
    site and runs it again, as a new build would)."""
    read = {folder: edition_words(site, folder) for folder in folders}
    words = {folder: read[folder][0] for folder in folders}
    packed = _Packed(site)
    found = packs(site, folders, site_path, packed)
    build = version(site, found, words, worker, packed)
    for pack in found:
        body = {"version": build, "bytes": pack.size, "files": pack.urls(site_path)}
        (site / pack.folder / PACK).write_text(json.dumps(body, indent=1), encoding="utf-8")
        said = read[pack.folder][1].replace("{size}", f"{kilobytes(pack.size):,}")
        filled = f"<span data-offline-size>{escape(said)}</span>"
        for name in pack.pages:
            html = packed.text(name)  # the size sentence empty, as measured: filled in now
            if SIZE_MARK.search(html):
                (site / name).write_text(SIZE_MARK.sub(lambda _match: filled, html), encoding="utf-8")
    (site / WORKER).write_text(worker_source(worker, build, words), encoding="utf-8")
    return found
