"""Measure what issue #2 asks for: build time and the weight of a first visit.

Prints the median wall time of five full builds (scripts/tools/build.py, as `make build` runs it)
and the bytes a first visit to the home page transfers when each response is gzip-compressed,
as a static host does. Run: .venv/bin/python scripts/tools/bench_build.py
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sitegen.project import ROOT

from testkit import static_server
from testkit.browser import LAUNCH_ARGS, find_chromium  # noqa: E402


def time_builds(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "scripts/tools/build.py"], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def first_visit_bytes(site: Path, path: str) -> tuple[int, int, list[str]]:
    """(raw bytes, gzip bytes, files) of everything Chromium fetches for one page on a cold cache."""
    from playwright.sync_api import sync_playwright

    server = static_server.bind()
    base = static_server.start(server, site)
    fetched: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(playwright), args=LAUNCH_ARGS)
        page = browser.new_page()
        page.on("requestfinished", lambda request: fetched.append(request.url.removeprefix(base)))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(1500)  # the search worker loads its index just after the page
        browser.close()
    server.shutdown()
    raw = packed = 0
    for url in fetched:
        file = site / url.split("#")[0].split("?")[0]
        file = file / "index.html" if file.is_dir() else file
        body = file.read_bytes()
        raw += len(body)
        packed += len(gzip.compress(body, compresslevel=6)) + 200  # ~200 bytes of response headers
    return raw, packed, fetched


def main() -> None:
    times = time_builds(5)
    print(f"make build: median {statistics.median(times):.2f} s over 5 runs "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
    raw, packed, files = first_visit_bytes(ROOT / "site", "")
    print(f"first visit to the home page: {len(files)} requests, {raw / 1024:.1f} KB raw, "
          f"{packed / 1024:.1f} KB with gzip")
    for name in files:
        print(f"  {name or '/'}")


if __name__ == "__main__":
    main()
