"""The parts of the project a site build reads, and a way to copy them.

Tests and benchmarks build throw-away copies (broken on purpose, or with 500 extra pages)
so the real tree is never touched. ``MIH_PROJECT_ROOT`` points ROOT at another project tree
(a copy with a maintainer's edits, say): the whole test suite then builds and checks that one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# This checkout: where the code (sitegen, the hooks, the tools) always comes from.
CHECKOUT = Path(__file__).resolve().parents[2]
ROOT_VARIABLE = "MIH_PROJECT_ROOT"
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts", "data", "schemas"]
# Not read by a build, but part of the project a copy must carry so the suite can check it
# (MIH_PROJECT_ROOT): the maintainer's commands and guide, the hosting configuration the tests
# serve the site with, and the record of every address and step anchor ever published
# (scripts/tools/build.py adds to the first; the link tests check both).
RECORD_PARTS = ["Makefile", "README.md", "deploy", "tests/published-urls.txt", "tests/published-anchors.txt"]


def project_root() -> Path:
    """The project tree to build and check: ``$MIH_PROJECT_ROOT`` if set, else this checkout."""
    chosen = os.environ.get(ROOT_VARIABLE, "").strip()
    if not chosen:
        return CHECKOUT
    root = Path(chosen).expanduser().resolve()
    if not (root / "mkdocs.yml").is_file():
        raise SystemExit(f"{ROOT_VARIABLE}={chosen}: there is no mkdocs.yml in {root}; point it at a project folder")
    return root


ROOT = project_root()


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """Copy everything a build reads from ``root`` into ``target`` (created here), and what
    the suite checks besides (RECORD_PARTS)."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS + RECORD_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    return target
