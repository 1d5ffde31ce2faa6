"""Measure what the brief asks of a build, and the weight of a first visit.

Prints, for the whole site (both languages, every PDF):
- cold: the median wall time of three builds of a fresh copy of the project (no caches: every
  PDF and card is made), side by side with
- warm: the median of five builds of the project itself (scripts/tools/build.py, as
  `make build` runs it), its caches kept;
- the pages each edition has, and the bytes a first visit to the home page transfers when each
  response is gzip-compressed, as a static host does.
The brief's budget: 15 s from cold. Run: .venv/bin/python scripts/tools/bench_build.py
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitegen import translations
from sitegen.project import ROOT, copy_project

from testkit import static_server
from testkit.browser import LAUNCH_ARGS, find_chromium  # noqa: E402


def time_builds(runs: int, root: Path = ROOT) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "scripts/tools/build.py"], cwd=root, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def time_cold_builds(runs: int) -> list[float]:
    """Builds of fresh copies of the project: nothing cached, every PDF and card made."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="mih-bench-") as folder:
            copy = copy_project(Path(folder) / "project")
            times += time_builds(1, copy)
    return times


def pages_per_edition(site: Path) -> dict[str, int]:
    """Pages (not the short addresses' redirect pages) of each edition of the built site."""
    counts: dict[str, int] = {}
    for page in site.rglob("*.html"):
        if '<meta http-equiv="refresh"' in page.read_text(encoding="utf-8")[:4000]:
            continue
        top = page.relative_to(site).parts[0]
        edition = top if top in translations.LANGUAGES else translations.MAIN
        counts[edition] = counts.get(edition, 0) + 1
    return counts


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
    cold, warm = time_cold_builds(3), time_builds(5)
    for name, times in (("cold", cold), ("warm", warm)):
        print(f"make build, {name}: median {statistics.median(times):.2f} s over {len(times)} runs "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
    print(f"cold / warm: {statistics.median(cold) / statistics.median(warm):.2f}; the brief's budget: 15 s cold")
    print("pages per edition: " + ", ".join(f"{name} {count}" for name, count in sorted(pages_per_edition(ROOT / "site").items())))
    raw, packed, files = first_visit_bytes(ROOT / "site", "")
    print(f"first visit to the home page: {len(files)} requests, {raw / 1024:.1f} KB raw, "
          f"{packed / 1024:.1f} KB with gzip")
    for name in files:
        print(f"  {name or '/'}")


if __name__ == "__main__":
    main()
