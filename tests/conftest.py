"""Shared test fixtures: build the site once, serve it on 127.0.0.1, drive it in Chromium.

Fixtures other test files use:
- ``built_site``: Path of a strict build of the real project (built once per session).
- ``site_url``: "http://127.0.0.1:PORT/" serving ``built_site``.
- ``browser``: a Playwright Chromium browser.
- ``page``: a fresh page (own context, so no storage leaks between tests); it records
  console errors, page errors and requests to other hosts, checked after each test.
- ``new_page(**context_options)``: more pages, e.g. ``new_page(java_script_enabled=False)``.
- ``project_copy``: a throw-away copy of the project to break on purpose.
Helpers: ``check_axe(page)`` in tests/helpers.py, ``build(project_dir, out_dir)`` below.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from testkit.browser import LAUNCH_ARGS, NoBrowser, find_chromium
from testkit import static_server
from sitegen.project import ROOT, copy_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keeps Material's notice out of build output


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
    """What a page did that tests check: errors in the console and requests to other hosts."""

    def __init__(self, page, base_url: str):
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        own_host = urlsplit(base_url).netloc
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own_host:
                self.foreign_requests.append(request.url)

        page.on("request", on_request)


@pytest.fixture
def new_page(browser, site_url):
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=site_url, **options)
        contexts.append(context)
        page = context.new_page()
        page.watch = PageWatch(page, site_url)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    page = new_page()
    yield page
    assert page.watch.foreign_requests == [], "requests to other hosts"
    assert page.watch.console_errors == [], "console errors"
