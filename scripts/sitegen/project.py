"""The parts of the project a site build reads, and a way to copy them.

Tests and benchmarks build throw-away copies (broken on purpose, or with 500 extra pages)
so the real tree is never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts", "data", "schemas"]


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """Copy everything a build reads from ``root`` into ``target`` (created here)."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target
