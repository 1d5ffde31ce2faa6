"""Build the site into ``site/`` without ever leaving a broken or half-built one.

MkDocs writes into a fresh staging folder beside ``site/``; only when the build succeeds does
that folder take the place of ``site/``, in one atomic exchange of the two names (Linux's
renameat2; elsewhere two quick renames). A failed build exits non-zero and the last good
site stays. Every folder of the result is mode 0755 and every file 0644, whatever the umask,
so a web server running as its own user can read it (the fresh folder starts out 0700).

Deploys with a link: when ``site/`` is a symbolic link (to a web root, say), the folder it
points at is replaced, and the link is kept, so the web root holds the new site. A target
that cannot be replaced whole (a file, a mount point, a folder whose parent this user cannot
write) is refused with a message before anything is built.

Killed builds: each staging folder is locked while its build runs (an flock the mkdocs child
holds too), and the next build removes every staging folder whose lock is free, and any
``site.old`` an older version of this script left. A build stopped with Ctrl-C, SIGTERM or
SIGHUP stops its mkdocs child and removes its staging folder; on Linux the child also stops
when this script is killed outright (SIGKILL), so it never writes on unseen.

A good build into the project's own ``site/`` (the deploy build, `make build`) also adds each
new page's address to tests/published-urls.txt, and warns of listed addresses that no longer
answer, with the redirect to add (scripts/tools/published_urls.py).
Usage: python scripts/tools/build.py [--site-dir site] [extra mkdocs build arguments]
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import published_urls  # beside this script, which Python puts first on sys.path

try:
    import fcntl
except ImportError:  # Windows: no locks, so no staging folder is ever taken for stale
    fcntl = None

# The project this copy of the script sits in: a copy of the project (tests, benchmarks) builds itself.
ROOT = Path(__file__).resolve().parents[2]
STAGING = ".{name}.building-"  # + a random token; its lock file adds ".lock"
_child: dict = {"process": None}


class DeployError(Exception):
    """The site folder cannot be replaced as asked; the message says why and what to do."""


def deploy_path(target: Path) -> Path:
    """The folder a good build replaces: ``target`` itself, or, when it is a symbolic link, the
    folder it leads to (which may not exist yet). Raises DeployError for what cannot be
    replaced whole."""
    destination = target
    if target.is_symlink():
        destination = target.resolve()
        if destination == target or destination.is_symlink():
            raise DeployError(f"{target} is a link that leads back to itself; point it at a folder")
    if destination.exists() and not destination.is_dir():
        how = f"{target} is a link to {destination}, which" if destination != target else f"{target}"
        raise DeployError(f"{how} is a file, not a folder: move it away, or choose another folder with --site-dir")
    if destination.is_dir() and os.path.ismount(destination):
        raise DeployError(f"{destination} is a mount point, which cannot be replaced whole: build into a folder "
                          f"inside it (--site-dir {destination / 'site'}) and serve that one")
    parent = destination.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DeployError(f"cannot make {parent} ({error.strerror}): the site goes in {destination}") from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DeployError(f"the build replaces {destination} whole, so it must write in {parent}, and this user cannot: "
                          f"make {parent} writable for this user, or point {target} at a folder inside one it can write")
    return destination


def build_into(out_dir: Path, extra: list[str], keep_fds: tuple[int, ...] = ()) -> int:
    """Run the strict MkDocs build into ``out_dir`` and wait for it. The child keeps the
    staging lock open (``keep_fds``), and on Linux is stopped if this process dies."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir), *extra]
    parent = os.getpid()
    process = subprocess.Popen(command, cwd=ROOT, pass_fds=keep_fds,
                               preexec_fn=(lambda: _die_with(parent)) if sys.platform.startswith("linux") else None)
    _child["process"] = process
    try:
        return process.wait()
    finally:
        _child["process"] = None
        if process.poll() is None:  # stopped by a signal or an error while waiting: stop the child too
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _die_with(parent: int) -> None:
    """In the child, before mkdocs starts: receive SIGKILL when the parent dies (Linux)."""
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


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


def _exchange(a: Path, b: Path) -> None:
    """Swap the names of ``a`` and ``b`` atomically (renameat2 with RENAME_EXCHANGE, Linux 3.15+)."""
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        raise OSError(errno.ENOSYS, "renameat2 is not available") from None
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


def swap_in(new: Path, target: Path) -> Path | None:
    """Put the folder ``new`` at ``target`` (both in one folder). Returns where the old
    site now is (to be removed), or None when there was none."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    try:
        _exchange(new, target)  # one step: a reader sees the old site or the new, never neither
        return new
    except OSError:
        # No atomic exchange here: two renames, a moment apart. The old site keeps the
        # staging name, so a build killed between them leaves it for the next one to remove.
        old = new.with_name(new.name + ".old")
        os.rename(target, old)
        os.rename(new, target)
        return old


def _remove(path: Path) -> None:
    """Remove a folder, file or link, whatever it is; never follow a link."""
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    except OSError:
        pass


def _lock(path: Path, *, wait: bool) -> int | None:
    """An open descriptor holding an exclusive lock on ``path``, or None if another process
    holds it (only when not ``wait``)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    if fcntl is None:
        return descriptor
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def clean_stale(parent: Path, name: str) -> list[Path]:
    """Remove what killed builds left beside ``parent/name``: staging folders (and their lock
    files) whose lock no running build holds, and a ``name.old`` from older versions of this
    script. Returns what was removed."""
    removed = []
    prefix = STAGING.format(name=name)
    old = parent / f"{name}.old"
    if os.path.lexists(old):
        _remove(old)
        removed.append(old)
    try:
        entries = sorted(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or entry.name.endswith(".lock"):
            continue
        token = entry.name[len(prefix):].split(".")[0]
        lock_path = parent / f"{prefix}{token}.lock"
        if fcntl is None and lock_path.exists():
            continue
        try:
            descriptor = _lock(lock_path, wait=False)
        except OSError:
            continue
        if descriptor is None:
            continue  # a build that is running now
        try:
            _remove(entry)
            removed.append(entry)
            lock_path.unlink(missing_ok=True)
        finally:
            os.close(descriptor)
    for lock_path in parent.glob(f"{prefix}*.lock"):  # locks whose folder is gone
        folder = lock_path.with_name(lock_path.name.removesuffix(".lock"))
        if os.path.lexists(folder):
            continue
        descriptor = _lock(lock_path, wait=False)
        if descriptor is not None:
            lock_path.unlink(missing_ok=True)
            os.close(descriptor)
    return removed


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


def _stop_on(signum, _frame):
    """SIGTERM and SIGHUP end the build as Ctrl-C does: the child stops, staging is removed."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", type=Path)
    args, extra = parser.parse_known_args(argv)
    target = args.site_dir if args.site_dir.is_absolute() else ROOT / args.site_dir
    try:
        destination = deploy_path(target)
    except DeployError as error:
        print(f"Build refused: {error}. Nothing was built or changed.", file=sys.stderr)
        return 2
    parent, name = destination.parent, destination.name
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, _stop_on)
    clean_stale(parent, name)
    if target != destination:
        clean_stale(target.parent, target.name)  # an old site.old beside the link itself
    token = secrets.token_hex(6)
    staging = parent / f"{STAGING.format(name=name)}{token}"
    lock_path = staging.with_name(staging.name + ".lock")
    lock = _lock(lock_path, wait=True)  # taken before the folder exists: never seen as stale
    try:
        staging.mkdir(mode=0o700)
        code = build_into(staging, extra, (lock,))
        if code != 0:
            print(f"Build failed: {target} was left as it was.", file=sys.stderr)
            return code
        make_public(staging)
        try:
            old = swap_in(staging, destination)
        except OSError as error:
            print(f"Build done, but {destination} could not be replaced ({error.strerror}): it was left as it was.", file=sys.stderr)
            return 1
        if old is not None:
            _remove(old)
        shown = f"{target} (the folder {destination})" if destination != target else f"{target}"
        print(f"Site built into {shown}")
        if target.resolve() == (ROOT / "site").resolve():  # the deploy build, not a test's throw-away one
            record_published(destination)
        return 0
    except KeyboardInterrupt:
        print(f"Build stopped: {target} was left as it was.", file=sys.stderr)
        return 130
    finally:
        _remove(staging)
        _remove(staging.with_name(staging.name + ".old"))
        lock_path.unlink(missing_ok=True)
        os.close(lock)


if __name__ == "__main__":
    sys.exit(main())
