"""Install a missing Debian package for the tests, as DEVELOPERS.md asks: only as root, only
with apt-get, and the package lists are refreshed once per test session first.

pytest-xdist starts two workers at once, and both may find the same package missing: a file
lock makes the second wait for the first's install instead of failing on dpkg's own lock."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

_updated = False
LOCK = Path(tempfile.gettempdir()) / "mih-apt-get.lock"


def install_command(command: str, package: str) -> str | None:
    """The path of ``command``, installing ``package`` with apt-get first if it is missing."""
    found = shutil.which(command)
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        return shutil.which(command) or _apt_install(command, package)


def _apt_install(command: str, package: str) -> str | None:
    global _updated
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not _updated:
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        _updated = True
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False, env=env)
    return shutil.which(command)
