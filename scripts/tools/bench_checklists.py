"""Measure what generated checklists cost at build time: the site with N extra checklists
against the same site without them.

Copies the project twice into a temp folder, writes N generated checklist files into one copy,
then times strict `mkdocs build` of both copies, interleaved (A B, B A, ...) so that a busy
machine slows both alike. Prints the medians, their ratio and the milliseconds per generated page.
Run: .venv/bin/python scripts/tools/bench_checklists.py [--count 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitegen.project import ROOT, copy_project

# One realistic checklist: four sections, ten items, a detail and a link, an agency token.
CHECKLIST = """\
# yaml-language-server: $schema=../../schemas/checklist.schema.json
id: bench-{n:04d}
title: Benchmark checklist {n}
summary: A generated checklist for the build benchmark, number {n}.
order: {order}
sections:
{sections}"""
SECTION = """\
  - title: Part {s} of list {n}
    items:
{items}"""
ITEM = """\
      - id: item-{s}-{i}
        text: Do step {i} of part {s}, then tick it.
        detail: Call {{{{ agency.phone }}}} if you need help with step {i}.
        link:
          text: What to do now
          to: what-to-do-now.md
"""


def checklist_text(n: int) -> str:
    sections = "".join(
        SECTION.format(s=s, n=n, items="".join(ITEM.format(s=s, i=i) for i in range(1, 4 if s < 3 else 3)))
        for s in range(1, 5)
    )
    return CHECKLIST.format(n=n, order=1000 + n, sections=sections)


def add_checklists(project: Path, count: int) -> None:
    folder = project / "data" / "checklists"
    for n in range(1, count + 1):
        (folder / f"bench-{n:04d}.yml").write_text(checklist_text(n), encoding="utf-8")


def time_build(project: Path, out: Path) -> float:
    """Seconds for one strict build; a failed build stops the benchmark with MkDocs' message."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")
    return seconds


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="generated checklists (default 500)")
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each site (default 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-checklists-") as temp:
        base, more = copy_project(Path(temp) / "base"), copy_project(Path(temp) / "more")
        add_checklists(more, args.count)
        sites = {base: Path(temp) / "site-base", more: Path(temp) / "site-more"}
        for project, out in sites.items():  # warm-up: imports and disk caches, not timed
            time_build(project, out)
        pages = {project: count_pages(out) for project, out in sites.items()}
        times: dict[Path, list[float]] = {base: [], more: []}
        for run in range(args.runs):
            order = [base, more] if run % 2 == 0 else [more, base]
            for project in order:
                times[project].append(time_build(project, sites[project]))

    base_s, more_s = statistics.median(times[base]), statistics.median(times[more])
    added = pages[more] - pages[base]
    print(f"runs: {args.runs} interleaved strict builds per site, medians reported")
    print(f"without generated checklists: {base_s * 1000:8.0f} ms  ({pages[base]} pages)")
    print(f"with {args.count} generated:       {more_s * 1000:8.0f} ms  ({pages[more]} pages)")
    print(f"ratio: {more_s / base_s:.2f}x")
    print(f"per generated page: {(more_s - base_s) * 1000 / added:.1f} ms ({added} pages added)")
    print("all times (s): base " + " ".join(f"{t:.2f}" for t in times[base]))
    print("               more " + " ".join(f"{t:.2f}" for t in times[more]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
