"""Deploy-safe output (issue #22, item 3 and the build items of 10): scripts/tools/build.py with
a symlinked site/, a leftover site.old, builds killed at several moments and two at once.

Each test builds a copy of the project with its own build.py (PDFs left out: they are not
what is tested). What must hold every time: the web root holds the last good site until a
build succeeds, then the new one; no staging folder is left once a build has run to the end;
a killed build.py leaves no mkdocs behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.project import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kill tests read /proc")

DEADLINE = 120  # seconds a build may take on a slow, shared machine
GZIP_CACHE = str(ROOT / ".cache" / "gzip")  # content-keyed: shared safely with the project's own builds


def _env() -> dict[str, str]:
    # PDFs are not what is tested; gzip twins come from the project's own cache (they are
    # keyed by content), so each copy does not compress every asset again.
    return {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"MIH_PDFS": "0", "MIH_GZIP_CACHE": GZIP_CACHE}


def _start(project: Path, site: Path) -> subprocess.Popen:
    command = [sys.executable, "scripts/tools/build.py", "--site-dir", str(site), "-q"]
    return subprocess.Popen(command, cwd=project, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(project: Path, site: Path) -> subprocess.CompletedProcess:
    process = _start(project, site)
    out, err = process.communicate(timeout=DEADLINE)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _wait_for(condition, what: str, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if process is not None and process.poll() is not None:
            pytest.fail(f"the build ended before {what}: {process.communicate()}")
        time.sleep(0.02)
    pytest.fail(f"waited {DEADLINE} s for {what}")


def _staging(folder: Path, name: str) -> list[Path]:
    return sorted(path for path in folder.glob(f".{name}.building-*"))


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _gone(pid: int) -> bool:
    """Ended (a zombie waiting for its new parent to reap it has ended too)."""
    try:
        state = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State:"))
    except (OSError, StopIteration):
        return True
    return "Z" in state.split()[1]


def _snapshot(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _good_site(site: Path) -> None:
    assert (site / "index.html").is_file() and (site / "404.html").is_file() and (site / "sitemap.xml").is_file()


@pytest.fixture
def web_root(project_copy, tmp_path) -> tuple[Path, Path, Path]:
    """(project, site link, web root): site/ in the project is a link to a web root elsewhere,
    which holds an old deploy."""
    root = tmp_path / "www" / "advice"
    root.mkdir(parents=True)
    (root / "old-deploy.txt").write_text("from last year")
    link = project_copy / "site"
    link.symlink_to(root)
    return project_copy, link, root


def test_a_symlinked_site_is_written_through_to_the_web_root(web_root):
    project, link, root = web_root
    result = _run(project, link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == root.resolve(), "the link is kept"
    _good_site(root)
    assert not (root / "old-deploy.txt").exists(), "the web root holds the new site only"
    assert oct(root.stat().st_mode & 0o777) == "0o755"
    assert _staging(root.parent, root.name) == [] and _staging(project, "site") == []
    assert not (project / "site.old").exists() and not (root.parent / "advice.old").exists()


def test_a_leftover_site_old_never_blocks_the_build(project_copy, tmp_path):
    """Whatever an older build.py left as site.old (a folder; a link, as it did when site/ was
    a link; a file), the next build succeeds and removes it, following no link."""
    site, old = project_copy / "site", project_copy / "site.old"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the build's to remove")

    def as_folder():
        old.mkdir()
        (old / "index.html").write_text("old")

    for leave in (as_folder, lambda: old.symlink_to(elsewhere), lambda: old.write_text("old")):
        leave()
        result = _run(project_copy, site)
        assert result.returncode == 0, result.stderr
        _good_site(site)
        assert not os.path.lexists(old)
    assert (elsewhere / "keep.txt").is_file(), "a link is removed, never followed"


def test_a_site_dir_that_cannot_be_replaced_is_refused_before_building(project_copy):
    site = project_copy / "site"
    site.write_text("not a folder")
    result = _run(project_copy, site)
    assert result.returncode == 2 and "Build refused:" in result.stderr and "is a file, not a folder" in result.stderr
    assert site.read_text() == "not a folder"
    assert _staging(project_copy, "site") == []


MOMENTS = {
    "as it starts": lambda staging: staging,
    "while pages are written": lambda staging: [s for s in staging if (s / "index.html").exists()],
    "after the last page": lambda staging: [s for s in staging if (s / "_headers").exists()],
}


def test_builds_killed_at_several_moments_leave_the_last_good_site_and_no_mkdocs(web_root):
    project, link, root = web_root
    first = _run(project, link)
    assert first.returncode == 0, first.stderr
    before = _snapshot(root)
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    for moment, ready in MOMENTS.items():
        process = _start(project, link)
        _wait_for(lambda: ready(_staging(root.parent, root.name)), moment, process)
        children = _children(process.pid)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=DEADLINE)
        for child in children:
            _wait_for(lambda: _gone(child), f"mkdocs (pid {child}) to stop after build.py was killed {moment}")
        assert _snapshot(root) == before, f"killed {moment}: the web root changed"
    assert _staging(root.parent, root.name), "the killed builds left their staging folders (removed next time)"
    last = _run(project, link)
    assert last.returncode == 0, last.stderr
    assert _staging(root.parent, root.name) == [], "the next good build removed every staging folder"
    assert "A new line." in (root / "index.html").read_text(encoding="utf-8")


def test_a_build_stopped_with_sigterm_stops_mkdocs_and_cleans_up_at_once(project_copy):
    site = project_copy / "site"
    process = _start(project_copy, site)
    _wait_for(lambda: [s for s in _staging(project_copy, "site") if (s / "index.html").exists()], "pages", process)
    children = _children(process.pid)
    assert children, "build.py runs mkdocs as its child"
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=DEADLINE)
    assert process.returncode != 0
    for child in children:
        _wait_for(lambda: _gone(child), "mkdocs to stop")
    assert _staging(project_copy, "site") == [] and not os.path.lexists(site)


def test_two_builds_at_once_keep_each_others_staging_and_both_finish(project_copy):
    """The second build's clean-up leaves the first one's staging folder alone: it is locked."""
    site = project_copy / "site"
    first = _start(project_copy, site)
    _wait_for(lambda: _staging(project_copy, "site"), "the first build's staging folder", first)
    second = _run(project_copy, site)
    out, err = first.communicate(timeout=DEADLINE)
    assert second.returncode == 0, second.stderr
    assert first.returncode == 0, err
    _good_site(site)
    assert _staging(project_copy, "site") == []
