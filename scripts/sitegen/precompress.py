"""Gzip twins of the site's text assets (main.1a2b3c4d.js.gz beside main.1a2b3c4d.js), for
servers that send a file's precompressed twin: nginx's gzip_static, which deploy/nginx turns on.

They are made with zopfli, which writes ordinary gzip about 4 % smaller than the best that
nginx can do as it sends (level 9), and that is what keeps every first visit within its
100 KB. Zopfli is slow (seconds for Material's bundle), so each twin is kept in a cache folder
under the hash of the file it compresses: Material's files, the search worker and unchanged
assets cost nothing after the first build. Pages (HTML) are left to the server: they change
with every build and nginx compresses them as it sends.

Hosts that compress on their own (Cloudflare Pages, Netlify, GitHub Pages) ignore the twins.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import zopfli.gzip

# What a reader's browser downloads as text, besides the pages.
TEXT = {".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".ics"}
MIN_SIZE = 256  # as nginx's gzip_min_length: smaller files gain nothing
ITERATIONS = 5  # zopfli's default is 15: 0.1 % smaller for three times the time
MAX_AGE = 7 * 24 * 3600
# Material's search languages other than English (2 MB, 40 files): only a site in another
# language loads them, and zopfli would take 8 s over them on a cold cache.
SKIP = ("assets/javascripts/lunr/",)


def cache_folder(project_root: Path) -> Path:
    return Path(os.environ.get("MIH_GZIP_CACHE") or project_root / ".cache" / "gzip")


def _twin(data: bytes, cache: Path) -> Path:
    cached = cache / f"{hashlib.sha256(data).hexdigest()}-{ITERATIONS}.gz"
    if cached.is_file():
        os.utime(cached)  # last used now: pruning keeps it
        return cached
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(zopfli.gzip.compress(data, numiterations=ITERATIONS))
    partial.replace(cached)  # atomic: a build running beside this one never reads half a file
    return cached


def precompress(site_dir: Path, cache: Path) -> list[str]:
    """Write a .gz twin beside every text asset of the built site; their site-relative paths."""
    site = Path(site_dir)
    cache.mkdir(parents=True, exist_ok=True)
    made = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.suffix not in TEXT or relative.startswith(SKIP) or not path.is_file() or path.stat().st_size < MIN_SIZE:
            continue
        shutil.copyfile(_twin(path.read_bytes(), cache), path.with_name(path.name + ".gz"))
        made.append(relative + ".gz")
    now = time.time()
    for old in cache.glob("*.gz"):
        if now - old.stat().st_mtime > MAX_AGE:
            old.unlink(missing_ok=True)
    return made
