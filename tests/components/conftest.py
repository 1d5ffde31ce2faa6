"""Component tests: each component on small fixture pages (fixture_site.py), served from a
temporary folder by a threaded http.server on 127.0.0.1, driven in the session's Chromium
(``browser`` from tests/conftest.py). No site build, no nginx.

MIH_COMPONENT_ASSETS=/path/to/assets serves that folder as assets/ instead of docs/assets/: a
broken copy of a component, to see the tests fail on purpose.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from testkit import static_server

from . import fixture_site
from .components_kit import PHONE


@pytest.fixture(scope="session")
def component_url(tmp_path_factory) -> str:
    assets = Path(os.environ.get("MIH_COMPONENT_ASSETS") or fixture_site.ASSETS)
    server = static_server.bind()
    root = fixture_site.build(tmp_path_factory.mktemp("components") / "site", server.url, assets)
    url = static_server.start(server, root)
    yield url
    server.shutdown()
    server.server_close()


class Watch:
    """Console errors and requests that left 127.0.0.1's fixture server, per page."""

    def __init__(self, page, base_url: str):
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("request", lambda request: self.requests.append(request.url))


@pytest.fixture
def open_component(browser, component_url):
    """open_component("checklist.html", viewport=PHONE, init_script=None, **context_options):
    a page of its own context (fresh storage), opened at the fixture page, once its component
    said it is ready (``ready``: a CSS selector)."""
    contexts = []

    def make(path: str, *, ready: str, viewport: dict = PHONE, init_script: str | None = None, **options):
        context = browser.new_context(base_url=component_url, viewport=viewport, **options)
        contexts.append(context)
        # Fixture pages are small: a wait that takes longer has found a fault, not a slow machine.
        context.set_default_timeout(10_000)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.watch = Watch(page, component_url)
        page.goto(path)
        page.wait_for_selector(ready, state="attached")
        return page

    yield make
    for context in contexts:
        context.close()
