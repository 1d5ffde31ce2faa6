"""Build the site into ``site/`` without ever leaving a broken or half-built one.

MkDocs writes into a fresh folder beside ``site/``; only when the build succeeds does
that folder replace ``site/``. A failed build exits non-zero and the last good site stays.
Every folder of the result is mode 0755 and every file 0644, whatever the umask, so a web
server running as its own user can read it (the fresh folder starts out 0700).
Usage: python scripts/tools/build.py [--site-dir site] [extra mkdocs build arguments]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The project this copy of the script sits in: a copy of the project (tests, benchmarks) builds itself.
ROOT = Path(__file__).resolve().parents[2]



def build_into(out_dir: Path, extra: list[str]) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir), *extra]
    return subprocess.run(command, cwd=ROOT).returncode


def make_public(site: Path) -> None:
    """Folders 0755, files 0644: readable by everyone, writable by the owner only.
    Symbolic links are left alone (the build makes none)."""
    os.chmod(site, 0o755)
    for folder, dirs, files in os.walk(site):
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new``; both live in one folder, so the renames are quick."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path)
    args, extra = parser.parse_known_args(argv)
    target = args.site_dir if args.site_dir.is_absolute() else ROOT / args.site_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        code = build_into(staging, extra)
        if code != 0:
            print(f"Build failed: {target} was left as it was.", file=sys.stderr)
            return code
        make_public(staging)
        swap_in(staging, target)
        print(f"Site built into {target}")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
