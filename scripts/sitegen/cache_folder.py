"""A build's cache folder (.cache/pdfs, .cache/gzip), or, when this build cannot write there
(a read-only checkout, a .cache owned by someone else), a temporary folder for this build
only, with a note that says so: the build still makes everything, only more slowly."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.cache")


def writable_or_temporary(folder: Path, *, prefix: str, what: str = "the cache folder",
                          then: str = "this build works without it") -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """``folder`` and None when this build can write there; else a temporary folder and the
    TemporaryDirectory to clean up when the build is done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return folder, None
    except OSError as error:
        log.info("Cannot write %s %s (%s): %s.", what, folder, error.strerror or error, then)
        temporary = tempfile.TemporaryDirectory(prefix=prefix)
        return Path(temporary.name), temporary
