"""How long the PDFs take and how big they are: the whole build without PDFs, with PDFs from
an empty cache (cold) and with PDFs from a full cache (warm), median of several runs, then
each PDF's size and pages. The real project is built into throw-away folders; site/ and the
project's own PDF cache are not touched.
Usage: python scripts/tools/bench_pdfs.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from sitegen.pdfs.cache import read_manifest
from sitegen.project import ROOT


def build(out: Path, **env: str) -> tuple[float, dict | None]:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env})
    seconds = time.perf_counter() - started
    cache = env.get("MIH_PDF_CACHE")
    return seconds, (read_manifest(Path(cache)) if cache else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-pdfs-") as tmp:
        tmp = Path(tmp)
        out, cache = tmp / "site", tmp / "cache"
        plain = [build(out, MIH_PDFS="0")[0] for _ in range(args.runs)]
        cold, cold_pdf = [], []
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            seconds, manifest = build(out, MIH_PDFS="1", MIH_PDF_CACHE=str(cache))
            assert manifest["reused"] == [], "a cold build found PDFs in its cache"
            cold.append(seconds)
            cold_pdf.append(manifest["seconds"])
        warm, warm_pdf = [], []
        for _ in range(args.runs):
            seconds, manifest = build(out, MIH_PDFS="1", MIH_PDF_CACHE=str(cache))
            assert manifest["rendered"] == [], f"a warm build rendered {manifest['rendered']}"
            warm.append(seconds)
            warm_pdf.append(manifest["seconds"])

        def line(name: str, values: list[float], pdf: list[float] | None = None) -> str:
            extra = f", of which PDFs {statistics.median(pdf):5.2f} s" if pdf else ""
            return f"{name:<28} median {statistics.median(values):5.2f} s (min {min(values):.2f}, max {max(values):.2f}){extra}"

        print(f"Whole `mkdocs build --strict`, {args.runs} runs each, {os.cpu_count()} cores:")
        print(line("without PDFs", plain))
        print(line("with PDFs, cold cache", cold, cold_pdf))
        print(line("with PDFs, warm cache", warm, warm_pdf))
        print("\nPDFs:")
        total = 0
        for pdf in sorted(out.rglob("*.pdf")):
            size = pdf.stat().st_size
            total += size
            print(f"  {pdf.relative_to(out).as_posix():<58} {len(PdfReader(pdf).pages):>3} pages {size / 1024:7.1f} KB")
        print(f"  {'total':<58} {'':>9} {total / 1024:7.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
