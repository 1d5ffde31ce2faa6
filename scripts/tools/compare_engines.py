"""Build the site with MkDocs and with ProperDocs and check that both give the same site.

ProperDocs is the maintained continuation of MkDocs 1.6: it answers every ``mkdocs.*``
import itself, so Material and the hooks in scripts/hooks/ run on it unchanged. This check
proves it for this site: both engines build mkdocs.yml (strict) into temporary folders, and
every file must match, HTML pages included, apart from the one normalisation explained at
``normalise_html`` (and what follows from it in the offline packs, ``normalise_offline``). Exit status: 0 when the sites match, 1 when they differ, 2 when a build
fails or a venv is not as expected.

Usage: python scripts/tools/compare_engines.py [--mkdocs-python PY] [--properdocs-python PY]
(`make engine-check` creates .venv-properdocs from requirements-properdocs.txt and runs this.)
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sitegen import offline
from sitegen.project import CHECKOUT, ROOT
from typing import NoReturn

SHOWN_DIFFS = 5  # files whose differences are printed in full (up to SHOWN_LINES lines each)
SHOWN_LINES = 30


@dataclass
class Engine:
    name: str  # "MkDocs" or "ProperDocs"
    module: str  # what `python -m` runs
    python: Path
    version: str = ""

    def generator(self) -> str:
        """The engine part of Material's generator tag, which both fill from ``mkdocs_version``.

        MkDocs passes its version ("1.6.1"); ProperDocs passes "ProperDocs 1.6.7"
        (properdocs/commands/build.py), so Material writes "mkdocs-ProperDocs 1.6.7".
        """
        return self.version if self.name == "MkDocs" else f"ProperDocs {self.version}"


def fail(message: str) -> NoReturn:
    """A setup or build problem (exit 2), as opposed to sites that differ (exit 1)."""
    print(f"engine-check: {message}", file=sys.stderr)
    sys.exit(2)


def ask(python: Path, code: str) -> str:
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        fail(f"{python} could not run {code!r}:\n{result.stderr.strip()}")
    return result.stdout.strip()


def check_engines(mkdocs: Engine, properdocs: Engine) -> None:
    for engine in (mkdocs, properdocs):
        if not engine.python.exists():
            fail(f"no Python at {engine.python} (run `make engine-check`)")
        module = engine.module
        engine.version = ask(engine.python, f"import {module}; print({module}.__version__)")
    # The ProperDocs venv must not hold MkDocs: the point is that the site builds without it.
    # (Material requires `mkdocs`, so a plain `pip install` of the lock would bring it back.)
    found = ask(
        properdocs.python,
        "import importlib.metadata as m\n"
        "try: print(m.version('mkdocs'))\n"
        "except m.PackageNotFoundError: print('')",
    )
    if found:
        fail(
            f"MkDocs {found} is installed beside ProperDocs in "
            f"{properdocs.python.parent.parent}; remove that venv and run `make engine-check` "
            "again (it installs with --no-deps)."
        )


def build(engine: Engine, config: Path, out: Path, env: dict[str, str]) -> float:
    command = [str(engine.python), "-m", engine.module, "build", "--strict", "--quiet"]
    # -f always: without it ProperDocs looks for properdocs.yml first and then falls back to
    # mkdocs.yml with a notice that the fallback will go away.
    command += ["--config-file", str(config), "--site-dir", str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        output = (result.stdout + result.stderr).rstrip()[-4000:]
        fail(f"the {engine.name} build failed ({' '.join(command)}):\n{output}")
    return seconds


def normalise_html(text: str, engine: Engine) -> tuple[str, int]:
    """The page with what may differ between engines made equal; also how many edits that took.

    Only one thing is normalised: the engine's name and version in Material's
    ``<meta name="generator" content="mkdocs-..., mkdocs-material-...">``. It is the only place
    where Material prints ``mkdocs_version``, and it names the engine, not the site. The exact
    string each engine writes is replaced (not a pattern), so a page built by the wrong engine
    still differs, and Material's own version, after the comma, is still compared.
    """
    tag = f'<meta name="generator" content="mkdocs-{engine.generator()}, '
    count = text.count(tag)
    return text.replace(tag, '<meta name="generator" content="mkdocs-(engine), '), count


def normalise_offline(name: str, data: bytes) -> bytes | None:
    """The offline packs and the service worker (sitegen/offline.py) with their version and
    size made equal, or None for any other file. Both are computed from the packed pages'
    bytes, so they follow from the generator tag too; the packed files themselves are compared
    above, and the rest of these files (every address, every word) still is."""
    base = name.removesuffix(".gz")
    if base.rsplit("/", 1)[-1] != offline.PACK and base != offline.WORKER:
        return None
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
    if base == offline.WORKER:
        return re.sub(r'"version":"[0-9a-f]+"', '"version":"(build)"', text).encode("utf-8")
    pack = json.loads(text)
    return json.dumps({**pack, "version": "(build)", "bytes": "(size)"}).encode("utf-8")


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def show_diff(name: str, a: bytes | str, b: bytes | str, labels: tuple[str, str]) -> None:
    if isinstance(a, bytes) or isinstance(b, bytes):
        try:
            a = a.decode() if isinstance(a, bytes) else a
            b = b.decode() if isinstance(b, bytes) else b
        except UnicodeDecodeError:
            print(f"--- {name}: binary, {len(a)} bytes ({labels[0]}) vs {len(b)} bytes ({labels[1]})")
            return
    lines = list(
        difflib.unified_diff(
            a.splitlines(), b.splitlines(), f"{labels[0]}/{name}", f"{labels[1]}/{name}", n=1, lineterm=""
        )
    )
    for line in lines[:SHOWN_LINES]:
        print(line if len(line) <= 200 else line[:200] + " …")
    if len(lines) > SHOWN_LINES:
        print(f"… {len(lines) - SHOWN_LINES} more diff lines in {name}")


def compare(mk_site: Path, pd_site: Path, mkdocs: Engine, properdocs: Engine) -> int:
    labels = (mkdocs.name, properdocs.name)
    mk_files, pd_files = files_of(mk_site), files_of(pd_site)
    problems: list[str] = []
    for name in sorted(mk_files - pd_files):
        problems.append(f"only in the {mkdocs.name} build: {name}")
    for name in sorted(pd_files - mk_files):
        problems.append(f"only in the {properdocs.name} build: {name}")

    common = sorted(mk_files & pd_files)
    pages = [name for name in common if name.endswith(".html")]
    if not pages:
        problems.append("no HTML page in common: nothing was compared")
    differing: list[str] = []
    tagged = 0
    for name in common:
        a, b = (mk_site / name).read_bytes(), (pd_site / name).read_bytes()
        if name.endswith(".html"):
            a_text, a_tags = normalise_html(a.decode(), mkdocs)
            b_text, b_tags = normalise_html(b.decode(), properdocs)
            tagged += a_tags == b_tags == 1
            if a_text != b_text:
                differing.append(name)
                problems.append(f"page differs: {name}")
        elif normalise_offline(name, a) is not None:
            if normalise_offline(name, a) != normalise_offline(name, b):
                differing.append(name)
                problems.append(f"file differs: {name}")
        elif a != b:
            # Everything else (search index, sitemap, assets) must match byte for byte; the
            # sitemap's dates and its .gz header come from SOURCE_DATE_EPOCH, the same for both.
            differing.append(name)
            problems.append(f"file differs: {name}")

    print(
        f"Compared {len(common)} files in both builds: {len(pages)} HTML pages "
        f"({tagged} with the generator tag normalised), {len(common) - len(pages)} other files."
    )
    if not problems:
        print(
            f"engine-check: OK, {properdocs.name} {properdocs.version} builds the same site "
            f"as {mkdocs.name} {mkdocs.version}."
        )
        return 0

    print(f"engine-check: FAILED, {len(problems)} difference(s):")
    for problem in problems[:50]:
        print(f"  {problem}")
    if len(problems) > 50:
        print(f"  … and {len(problems) - 50} more")
    for name in differing[:SHOWN_DIFFS]:
        a, b = (mk_site / name).read_bytes(), (pd_site / name).read_bytes()
        if name.endswith(".html"):
            a, b = normalise_html(a.decode(), mkdocs)[0], normalise_html(b.decode(), properdocs)[0]
        print()
        show_diff(name, a, b, labels)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mkdocs-python", type=Path, default=CHECKOUT / ".venv/bin/python")
    parser.add_argument("--properdocs-python", type=Path, default=CHECKOUT / ".venv-properdocs/bin/python")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--keep", action="store_true", help="keep both builds and print where they are")
    args = parser.parse_args(argv)

    # Paths as given (relative to the current folder), not resolved: a venv's python is a
    # symlink, and resolving it would leave the venv.
    mkdocs = Engine("MkDocs", "mkdocs", args.mkdocs_python.absolute())
    properdocs = Engine("ProperDocs", "properdocs", args.properdocs_python.absolute())
    check_engines(mkdocs, properdocs)

    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice on every MkDocs build
    # One build date for both, so a build on each side of midnight cannot differ in the
    # sitemap's <lastmod> or in the timestamp inside sitemap.xml.gz.
    env.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))

    tmp = Path(tempfile.mkdtemp(prefix="engine-check-"))
    try:
        mk_site, pd_site = tmp / "mkdocs", tmp / "properdocs"
        mk_seconds = build(mkdocs, args.config_file, mk_site, env)
        pd_seconds = build(properdocs, args.config_file, pd_site, env)
        print(f"Built with {mkdocs.name} {mkdocs.version} in {mk_seconds:.1f} s ({mkdocs.python})")
        print(
            f"Built with {properdocs.name} {properdocs.version} in {pd_seconds:.1f} s, "
            f"no MkDocs installed ({properdocs.python})"
        )
        return compare(mk_site, pd_site, mkdocs, properdocs)
    finally:
        if args.keep:
            print(f"Both builds kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
