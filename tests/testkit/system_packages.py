"""Install a missing Debian package for the tests, as DEVELOPERS.md asks: only as root, only
with apt-get, and the package lists are refreshed once per test session first."""

from __future__ import annotations

import os
import shutil
import subprocess

_updated = False


def install_command(command: str, package: str) -> str | None:
    """The path of ``command``, installing ``package`` with apt-get first if it is missing."""
    global _updated
    found = shutil.which(command)
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not _updated:
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        _updated = True
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False, env=env)
    return shutil.which(command)
