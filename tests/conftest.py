"""Shared test fixtures: build the site once, serve it on 127.0.0.1, drive it in Chromium.

Fixtures other test files use:
- ``built_site``: Path of a strict build of the real project (built once per session).
- ``site_url``: "http://127.0.0.1:PORT/" serving ``built_site``.
- ``browser``: a Playwright Chromium browser.
- ``page``: a fresh page (own context, so no storage leaks between tests); it records
  console errors, page errors and requests to other hosts, checked after each test.
- ``new_page(**context_options)``: more pages, e.g. ``new_page(java_script_enabled=False)``.
- ``shared_page``: one page kept for the whole session, for checks that only read a page
  (every page's console, axe): moving between tests saves a new context and, when the
  page is already open, a navigation. Its storage and palette carry over from test to test.
- ``project_copy``: a throw-away copy of the project to break on purpose.
Helpers: ``check_axe(page)``, ``open_page(page, url)`` and ``settle(page)`` in
tests/testkit/helpers.py, ``build(project_dir, out_dir)`` below.
Serving the site is testkit/static_server.py's job alone: ``_server`` and ``site_url`` below
only call its bind() and start() and the server's shutdown() and server_close().
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from testkit.browser import LAUNCH_ARGS, NoBrowser, find_chromium
# Browser tests see the site as visitors do: served by nginx, running as its own user.
from testkit import nginx as static_server
from sitegen.project import ROOT, copy_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")  # the same notice, printed when mkdocs-redirects loads


def build(project_dir: Path, out_dir: Path, *extra_args: str, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``project_dir`` into ``out_dir``; never raises."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out_dir), *extra_args]
    env = dict(os.environ, SITE_URL=site_url) if site_url else None
    return subprocess.run(command, cwd=project_dir, capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def _server():
    """A server bound early: the build needs its address, since Material's instant
    navigation only follows links whose port matches the sitemap's."""
    server = static_server.bind()
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, _server) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out, site_url=_server.url)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of everything a build reads, so a test can change or break it safely."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_url(built_site, _server) -> str:
    yield static_server.start(_server, built_site)
    _server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            executable = find_chromium(playwright)
        except NoBrowser as error:
            pytest.fail(str(error), pytrace=False)
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that tests check: errors in the console and requests to other hosts;
    and the requests still under way, so a test can wait for them (testkit.helpers.settle)."""

    def __init__(self, page, base_url: str):
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.pending: set = set()
        self.last_activity = time.monotonic()  # when a request last started or ended
        own_host = urlsplit(base_url).netloc
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))

        def on_request(request):
            self.pending.add(request)
            self.last_activity = time.monotonic()
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own_host:
                self.foreign_requests.append(request.url)

        def on_request_end(request):
            self.pending.discard(request)
            self.last_activity = time.monotonic()

        page.on("request", on_request)
        page.on("requestfinished", on_request_end)
        page.on("requestfailed", on_request_end)

    def clear(self) -> None:
        """Forget everything seen so far, before a fresh navigation."""
        self.console_errors.clear()
        self.foreign_requests.clear()
        self.pending.clear()


def _watched_page(context, site_url: str):
    page = context.new_page()
    page.watch = PageWatch(page, site_url)
    return page


@pytest.fixture
def new_page(browser, site_url):
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=site_url, **options)
        contexts.append(context)
        return _watched_page(context, site_url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def shared_page(browser, site_url):
    context = browser.new_context(base_url=site_url)
    yield _watched_page(context, site_url)
    context.close()


@pytest.fixture
def page(new_page):
    page = new_page()
    yield page
    assert page.watch.foreign_requests == [], "requests to other hosts"
    assert page.watch.console_errors == [], "console errors"
