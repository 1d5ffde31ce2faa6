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
Markers, set here from the fixtures a test uses (so no test needs to remember them):
- ``real_site``: checks the project under test (sitegen.project.ROOT, which MIH_PROJECT_ROOT may
  point at a copy): its build (``built_site``, ``site_url``), or set by hand on checks of its data;
- ``browser``: needs Chromium or the served site; ``builds_copy``: builds a project copy (slow).
tests/test_readme_recipes.py runs ``-m "real_site and not builds_copy"`` against a copy.
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


BROWSER_FIXTURES = {"browser", "page", "new_page", "shared_page", "site_url"}
REAL_SITE_FIXTURES = {"built_site", "site_url"}


def pytest_configure(config):
    config.addinivalue_line("markers", "real_site: checks the project under test (its build or its data)")
    config.addinivalue_line("markers", "browser: needs Chromium or the served site")
    config.addinivalue_line("markers", "builds_copy: builds a throw-away copy of the project")


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & REAL_SITE_FIXTURES:
            item.add_marker("real_site")
        if used & BROWSER_FIXTURES:
            item.add_marker("browser")
        if "project_copy" in used:
            item.add_marker("builds_copy")


def build(project_dir: Path, out_dir: Path, *extra_args: str, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``project_dir`` into ``out_dir``; never raises."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out_dir), *extra_args]
    env = dict(os.environ, SITE_URL=site_url) if site_url else None
    return subprocess.run(command, cwd=project_dir, capture_output=True, text=True, env=env)


def _chosen_port() -> int | None:
    """``$MIH_TEST_PORT``: serve on that port, so a caller can build the project for that
    address first and the session's own build reuses every PDF from the cache
    (tests/test_readme_recipes.py). Unset: a free port."""
    chosen = os.environ.get("MIH_TEST_PORT", "").strip()
    return int(chosen) if chosen.isdigit() else None


@pytest.fixture(scope="session", autouse=True)
def _shared_caches(tmp_path_factory):
    """One PDF cache and one gzip-twin cache for every build this run makes (the session's own
    and each project copy's, on every xdist worker): each entry is keyed by what decides its
    bytes, so a copy whose pages did not change reuses what an earlier build made, as
    `make build` does for a maintainer, and a changed page is made afresh. Tests of a cache
    itself give their build a folder of their own; MIH_PDF_CACHE or MIH_GZIP_CACHE set by the
    caller are left alone."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, shared by its workers
    for name, folder in (("MIH_PDF_CACHE", "pdf-cache"), ("MIH_GZIP_CACHE", "gzip-cache")):
        if name not in os.environ:
            (shared / folder).mkdir(exist_ok=True)
            os.environ[name] = str(shared / folder)
    yield


@pytest.fixture(scope="session")
def _server():
    """A server bound early: the build needs its address, since Material's instant
    navigation only follows links whose port matches the sitemap's."""
    server = static_server.bind(_chosen_port())
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
        options.setdefault("base_url", site_url)  # another server's, for a test that serves its own site
        context = browser.new_context(**options)
        contexts.append(context)
        return _watched_page(context, options["base_url"])

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
