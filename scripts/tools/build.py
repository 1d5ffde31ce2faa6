"""Build the site into ``site/`` without ever leaving a broken or half-built one.

MkDocs writes into a fresh folder beside ``site/``; only when the build succeeds does
that folder replace ``site/``. A failed build exits non-zero and the last good site stays.
Every folder of the result is mode 0755 and every file 0644, whatever the umask, so a web
server running as its own user can read it (the fresh folder starts out 0700).
A good build into the project's own ``site/`` (the deploy build, `make build`) also adds each
new page's address to tests/published-urls.txt, and warns of listed addresses that no longer
answer, with the redirect to add (scripts/tools/published_urls.py).
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

import published_urls  # beside this script, which Python puts first on sys.path

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


def record_published(site: Path) -> None:
    """Keep the list of published addresses: warn of any that no longer answer (with the
    redirect line to add), then add the new pages. A copy without tests/ keeps no list."""
    list_path = ROOT / published_urls.LIST
    if not list_path.parent.is_dir():
        return
    advice = published_urls.redirect_advice(site, published_urls.read_list(list_path))
    if advice:
        print(f"Warning: {advice}", file=sys.stderr)
    for url in published_urls.record(site, list_path):
        print(f"New address, added to {published_urls.LIST.as_posix()}: /{url}")


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
        if target.resolve() == (ROOT / "site").resolve():  # the deploy build, not a test's throw-away one
            record_published(target)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
