"""Serve a built site with Debian's nginx and the repository's own configuration.

The configuration is what scripts/tools/nginx_conf.py --standalone writes from deploy/nginx/,
the same files a maintainer deploys. nginx's master runs as root when we are root and its
workers as the web server's own user (www-data), so a file that user cannot read fails here as
it would on a real server. Everything nginx writes (pid, logs, temp files) lives in one folder
that stop() removes.

Same shape as testkit.static_server, so a fixture can swap one for the other:
    server = nginx.bind()            # picks a free port of 127.0.0.1; server.url is known now
    url = nginx.start(server, site)  # serves a copy of ``site``
    server.shutdown(); server.server_close()

The site is served from a copy in a world-readable folder: pytest's temporary folders are
0700 under root, which nginx's user cannot enter. The copy keeps the mode of every file and
folder inside the site, so a site whose own modes are wrong is still refused, as on a server.
Only the site's top folder is opened to 0755 by default, since a fixture's tmp_path_factory
made it 0700, not the build; start(..., exact_modes=True) keeps that one too (tests/
test_hosting.py serves scripts/tools/build.py's output so, and checks build.py's modes).
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitegen.project import ROOT

from testkit.system_packages import install_command

TOOL = ROOT / "scripts" / "tools" / "nginx_conf.py"
WEB_USER = "www-data"


class NginxError(RuntimeError):
    pass


def find_nginx() -> str:
    found = install_command("nginx", "nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx")
    if not found:
        raise NginxError("nginx is not installed: apt-get install nginx (as root the tests do this themselves).")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NginxSite:
    """One nginx serving one site on 127.0.0.1:port."""

    def __init__(self, port: int | None = None, *, tls: tuple[Path, Path] | None = None, http_port: int = 0) -> None:
        """``tls`` (certificate, key): HTTPS with HTTP/2 on ``port``, as the deploy recipe
        serves it, and plain HTTP on ``http_port`` redirecting there."""
        self.port = port or free_port()
        self.tls = tls
        self.http_port = http_port
        self.workdir: Path | None = None
        self.process: subprocess.Popen | None = None
        self.site_dir: Path | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/"

    def start(self, site_dir: Path, *, exact_modes: bool = False, timeout: float = 15) -> str:
        """Serve (a copy of) ``site_dir``; returns the site's URL once nginx answers."""
        if self.process is not None:
            raise NginxError("this nginx is already running")
        try:
            return self._start(site_dir, exact_modes, timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, site_dir: Path, exact_modes: bool, timeout: float) -> str:
        nginx = find_nginx()
        # /tmp itself is world-traversable; this folder is made so too.
        self.workdir = Path(tempfile.mkdtemp(prefix="nginx-site-"))
        os.chmod(self.workdir, 0o755)
        www = self.workdir / "www"
        www.mkdir(mode=0o755)
        os.chmod(www, 0o755)
        self.site_dir = www / "site"
        shutil.copytree(site_dir, self.site_dir, symlinks=True)  # copy2: modes are kept
        if not exact_modes:
            os.chmod(self.site_dir, 0o755)
        conf_dir = self.workdir / "conf"
        command = [sys.executable, str(TOOL), "--site-dir", str(self.site_dir), "--out-dir", str(conf_dir),
                   "--listen", f"127.0.0.1:{self.port}", "--standalone"]
        if self.tls:
            command += ["--ssl-certificate", str(self.tls[0]), "--ssl-certificate-key", str(self.tls[1]),
                        "--http-port", str(self.http_port)]
        made = subprocess.run(command, capture_output=True, text=True)
        if made.returncode != 0:
            raise NginxError(f"nginx_conf.py failed:\n{made.stdout}\n{made.stderr}")
        conf = conf_dir / "nginx.conf"
        checked = subprocess.run([nginx, "-t", "-q", "-p", str(conf_dir), "-c", str(conf)],
                                 capture_output=True, text=True)
        if checked.returncode != 0:
            raise NginxError(f"nginx -t refused the configuration:\n{checked.stderr}")
        with open(conf_dir / "stderr.log", "w") as stderr:
            self.process = subprocess.Popen([nginx, "-p", str(conf_dir), "-c", str(conf)],
                                            stdout=subprocess.DEVNULL, stderr=stderr)
        # nginx outlives a Python that ends without stopping it (a crash, Ctrl-C): stop it then.
        atexit.register(self.stop)
        self._wait_until_answering(timeout)
        return self.url

    def _wait_until_answering(self, timeout: float) -> None:
        """nginx writes its pid file only once it holds its port; anything answering there
        before that would be another program."""
        pid_file = self.workdir / "conf" / "nginx.pid"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.error_log()
                raise NginxError(f"nginx stopped at start (port {self.port} taken?):\n{error}")
            try:
                if pid_file.read_text().strip() == str(self.process.pid):
                    with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise NginxError(f"nginx did not answer on port {self.port} within {timeout} s:\n{self.error_log()}")

    def error_log(self) -> str:
        if self.workdir is None:
            return ""
        logs = [self.workdir / "conf" / name for name in ("stderr.log", "error.log")]
        return "".join(log.read_text(errors="replace") for log in logs if log.exists())

    def stop(self) -> None:
        """Stop nginx (fast shutdown, by its own pid) and remove its folder."""
        atexit.unregister(self.stop)
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    # The names testkit.static_server's server has, so fixtures can swap servers.
    def shutdown(self) -> None:
        self.stop()

    def server_close(self) -> None:
        self.stop()

    def __enter__(self) -> "NginxSite":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def bind(port: int | None = None) -> NginxSite:
    """An nginx with its port chosen (``url`` is known) but not running yet: ``port``, or a
    free one."""
    return NginxSite(port)


def start(server: NginxSite, site_dir: Path) -> str:
    """Serve ``site_dir``; returns the site's URL."""
    return server.start(site_dir)
