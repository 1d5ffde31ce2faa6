"""MkDocs hook: while `make serve` runs, a failed build shows in the browser.

MkDocs 1.6 leaves the browser waiting when a build fails: the first `mkdocs serve` stops
with the error, and after a failed rebuild the server holds every request until a build
works again. Under `serve` only, this hook turns a failed build into an error page instead:
the preview folder then holds only that page, as index.html and 404.html, so every address
shows it, with the file and line of each problem. It asks again every few seconds (and the
live-reload script reloads it), so the real page comes back once the mistake is fixed.
`mkdocs build` is left exactly as it is: it still stops with the error.
"""

from __future__ import annotations

import html
import logging
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger("mkdocs.hooks.serve_errors")
# Set on the functions this hook wraps, so a second config load never wraps them twice.
WRAPPED = "_shows_build_errors"
REFRESH_SECONDS = 3
# `mkdocs serve` builds into a temporary folder it names like this (mkdocs/commands/serve.py).
SERVE_FOLDER_PREFIX = "mkdocs_"


def on_startup(*, command: str, dirty: bool) -> None:
    """The first build under `serve` runs before any other event of the server: catch a
    failure in the serve command's own build step, so the server still starts."""
    if command != "serve":
        return
    serve = sys.modules.get("mkdocs.commands.serve")
    build = getattr(serve, "build", None)
    if build is not None and not getattr(build, WRAPPED, False):
        serve.build = showing_errors(build)


def on_serve(server: Any, config: Any, builder: Callable) -> Any:
    """A rebuild reads mkdocs.yml again before it builds: a mistake there shows too."""
    if not getattr(server.builder, WRAPPED, False):
        server.builder = showing_errors(server.builder, site_dir=config.site_dir)
    return server


class _Messages(logging.Handler):
    """What MkDocs reports while one build runs: the failed build's own error text, and the
    warnings that stop a strict build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != log.name:
            self.texts.append(record.getMessage())


def showing_errors(func: Callable, *, site_dir: str | None = None) -> Callable:
    """``func`` (a build), but a failure writes the error page and returns, so the server
    carries on: it then tells the browser to reload, and the reader sees what went wrong."""
    logger = logging.getLogger(func.__module__.split(".")[0] if func.__module__ else "mkdocs")

    def run(*args: Any, **kwargs: Any) -> None:
        messages = _Messages()
        logger.addHandler(messages)
        try:
            func(*args, **kwargs)
        except Exception as error:  # any failed build: the preview shows it instead of hanging
            texts = messages.texts or [_describe(error)]
            if not messages.texts:
                log.error(texts[0])  # MkDocs logs only its own build errors; say the rest here
            folder = site_dir or _site_dir_of(args, kwargs)
            if folder:  # a --dirty preview rebuilds only what changed, so it keeps its files
                write_error_page(Path(folder), texts, empty=not kwargs.get("dirty", False))
            log.error("The build failed. The browser shows what to fix, and the site again once it builds.")
        finally:
            logger.removeHandler(messages)

    setattr(run, WRAPPED, True)
    return run


def _site_dir_of(args: tuple, kwargs: dict) -> str | None:
    """The folder of the build(config, ...) call: under `serve`, its temporary folder."""
    config = args[0] if args else kwargs.get("config")
    return getattr(config, "site_dir", None)


def _describe(error: BaseException) -> str:
    """An error MkDocs did not report itself: most often a mistake in the site's own code."""
    return "".join(traceback.format_exception(error)).rstrip()


def write_error_page(site_dir: Path, messages: list[str], *, empty: bool = True) -> None:
    """The error page as the preview's home page and its 'not found' page."""
    if empty and _is_preview_folder(site_dir):
        _empty(site_dir)  # so no address shows a page from before the mistake
    site_dir.mkdir(parents=True, exist_ok=True)
    page = error_page(messages)
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")


def _is_preview_folder(site_dir: Path) -> bool:
    """Only the temporary folder `mkdocs serve` made is ever emptied."""
    folder = site_dir.resolve()
    return folder.name.startswith(SERVE_FOLDER_PREFIX) and folder.parent == Path(tempfile.gettempdir()).resolve()


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def error_page(messages: list[str]) -> str:
    """A plain page: what happened, what to do, and MkDocs' messages as text (escaped)."""
    text = html.escape("\n\n".join(messages))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{REFRESH_SECONDS}">
<title>The site did not build</title>
<style>
body {{ font: 1.05rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1f; }}
pre {{ white-space: pre-wrap; background: #fff4f4; border-left: 0.3rem solid #b3261e; padding: 1rem; }}
</style>
</head>
<body>
<main>
<h1>The site did not build</h1>
<p>Each line below names a file and a line number, like <code>data/templates/forgot.yml:44</code>.
Open that file, fix that line and save it. This page checks again every few seconds and
shows the site as soon as it builds.</p>
<pre>{text}</pre>
</main>
</body>
</html>
"""
