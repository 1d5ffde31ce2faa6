"""Serve a built site on 127.0.0.1 the way a static host does, for tests and benchmarks.

Bound first and started later: a build may need the address (SITE_URL) before the site exists.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path


class StaticSite(http.server.ThreadingHTTPServer):
    site_dir: Path = Path(".")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Quiet, and answers unknown paths with the site's 404.html."""

    def __init__(self, request, client_address, server: StaticSite):
        super().__init__(request, client_address, server, directory=str(server.site_dir))

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def bind(port: int | None = None) -> StaticSite:
    """A server on ``port`` (or a free port) of 127.0.0.1, not answering yet."""
    return StaticSite(("127.0.0.1", port or 0), _Handler)


def start(server: StaticSite, site_dir: Path) -> str:
    """Serve ``site_dir`` in a background thread; returns the site's URL."""
    server.site_dir = site_dir
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.url
