"""Find a Chromium for the browser tests, in the order DEVELOPERS.md gives.

1. ``CHROMIUM_PATH`` (an explicit executable), 2. Playwright's own download,
3. Debian's ``chromium`` on the PATH, installed with apt-get when we are root.
Otherwise tests fail with a message saying how to get one.
"""

from __future__ import annotations

import os
from pathlib import Path

from testkit.system_packages import install_command

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class NoBrowser(RuntimeError):
    pass


def _playwright_own(playwright) -> str | None:
    try:
        path = playwright.chromium.executable_path
    except Exception:  # Playwright raises if it has never downloaded a browser.
        return None
    return path if path and Path(path).exists() else None


def find_chromium(playwright) -> str:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        if not Path(explicit).exists():
            raise NoBrowser(f"CHROMIUM_PATH is set to {explicit!r}, but no file is there.")
        return explicit
    found = _playwright_own(playwright) or install_command("chromium", "chromium")
    if not found:
        raise NoBrowser(
            "No Chromium found for the browser tests. Set CHROMIUM_PATH to a Chromium executable, "
            "or install Debian's 'chromium' package (apt-get install chromium)."
        )
    return found
