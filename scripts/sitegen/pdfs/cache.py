"""A content-hash cache for PDFs: the key is a hash of everything that decides a PDF's
bytes (its HTML, the stylesheet, fonts and engine version), so an unchanged PDF is copied,
not rendered again. Beside each PDF, ``<hash>.pages`` holds its number of pages (the pages'
"Print the whole guide" block shows it). ``report`` says which PDFs were rendered and which
were reused, with their sizes and pages, and is also written to ``last-build.json`` in the
cache folder, for tests and benchmarks."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.cache_folder import writable_or_temporary

MANIFEST = "last-build.json"  # the English edition's; another's is last-build-<language>.json
MAX_AGE = 7 * 24 * 3600


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)


def key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def manifest_name(language: str = "en") -> str:
    return MANIFEST if language == "en" else MANIFEST.replace(".json", f"-{language}.json")


class Cache:
    def __init__(self, folder: Path, language: str = "en"):
        self.language = language  # each edition's build writes its own manifest
        self.used: set[str] = set()
        # A folder this build cannot write (read-only .cache): work in a temporary one.
        self.folder, self._temporary = writable_or_temporary(
            folder, prefix="mih-pdfs-", what="the PDF cache", then="this build renders every PDF")

    def path(self, digest: str) -> Path:
        return self.folder / f"{digest}.pdf"

    def get(self, digest: str) -> Path | None:
        """The cached PDF, if it and its page count are there."""
        found = self.path(digest)
        if found.is_file() and self.pages(digest) is not None:
            os.utime(found)  # last used now: pruning keeps it
            self.used.add(found.name)
            return found
        return None

    def pages(self, digest: str) -> int | None:
        try:
            return int(self.path(digest).with_suffix(".pages").read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None

    def put(self, digest: str, data: bytes, pages: int) -> Path:
        target = self.path(digest)
        _write_atomically(target.with_suffix(".pages"), str(pages).encode("ascii"))
        _write_atomically(target, data)  # after its page count: a PDF found has one
        self.used.add(target.name)
        return target

    def finish(self, report: Report) -> None:
        """Forget PDFs unused for a week (another build, say the tests' with their own
        address, may share the folder) and write the manifest."""
        now = time.time()
        for old in self.folder.glob("*.pdf"):
            if old.name not in self.used and now - old.stat().st_mtime > MAX_AGE:
                old.unlink(missing_ok=True)
        for count in self.folder.glob("*.pages"):
            if not count.with_suffix(".pdf").exists():
                count.unlink(missing_ok=True)
        manifest = {"rendered": report.rendered, "reused": report.reused, "skipped": report.skipped,
                    "seconds": round(report.seconds, 3), "sizes": report.sizes, "pages": report.pages}
        (self.folder / manifest_name(self.language)).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _write_atomically(target: Path, data: bytes) -> None:
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)  # atomic: a reader never sees half a file


def read_manifest(folder: Path, language: str = "en") -> dict:
    """What the last build of the ``language`` edition rendered, reused and skipped."""
    return json.loads((folder / manifest_name(language)).read_text(encoding="utf-8"))


def copy_out(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
