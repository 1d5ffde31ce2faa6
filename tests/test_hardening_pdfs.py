"""PDF problems named, and a read-only .cache (issue #22, item 6 and the .cache item of 10).

- Every reference the PDF fetcher refuses or cannot read is named with the PDF, the page it is
  on and its URL. Decoration (an image with alt="") is left out and the build goes on; content
  (an image that says something, an attachment) stops it. No AttributeError, no traceback.
- A cache folder the build cannot write costs time, never the build: PDFs, cards and gzip
  twins are made without it.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import cards
from sitegen.pdfs import PdfError
from sitegen.pdfs.cache import Cache, Report
from sitegen.pdfs.engine import OfflineFetcher, Renderer
from testkit.project_data import guide_pages
from testkit.site_pages import url_of

PAGE = "https://advice.example.com/contact/"
# A section as the PDF templates write one: a QR code whose text names the page online.
HTML = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The booklet</title></head><body>'
        '<img class="mih-qr-img" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="QR code that opens ' + PAGE + '">'
        "<p>Words.</p>{extra}</body></html>")


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "here.txt").write_text("inside the site")
    return Renderer([site]), site


def _pdf(renderer, extra: str) -> bytes:
    engine, site = renderer
    return engine.pdf(engine.document(HTML.format(extra=extra), site))


@pytest.mark.parametrize("extra, url", [
    ('<img src="https://cdn.example.com/logo.png" alt="Our logo">', "https://cdn.example.com/logo.png"),
    ('<img src="file:///etc/passwd" alt="A file">', "file:///etc/passwd"),
    ('<img src="../../../../../../etc/hostname" alt="A file">', "file:///etc/hostname"),
    ('<img src="missing.png" alt="A chart">', "missing.png"),
    ('<a rel="attachment" href="file:///etc/passwd">Attached</a>', "file:///etc/passwd"),
    ('<link rel="stylesheet" href="https://cdn.example.com/x.css">', "https://cdn.example.com/x.css"),
])
def test_content_the_fetcher_refuses_stops_the_pdf_naming_the_pdf_the_page_and_the_url(renderer, extra, url):
    with pytest.raises(PdfError) as caught:
        _pdf(renderer, extra)
    message = str(caught.value)
    assert '"The booklet"' in message and PAGE in message and url in message, message


def test_a_decorative_image_is_left_out_and_the_pdf_is_made(renderer, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.pdfs"):
        data = _pdf(renderer, '<img src="https://cdn.example.com/flourish.png" alt="">')
    assert data.startswith(b"%PDF")
    assert any("https://cdn.example.com/flourish.png" in record.getMessage() and PAGE in record.getMessage()
               for record in caplog.records), caplog.text


def test_the_fetcher_reads_only_the_sites_own_files_and_data_urls(tmp_path):
    inside = tmp_path / "ok.txt"
    inside.write_text("x")
    fetcher = OfflineFetcher([tmp_path])
    assert fetcher.fetch(inside.as_uri()).read() == b"x"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in ("http://127.0.0.1:9/x.png", "ftp://example.com/a", "file:///etc/passwd", (tmp_path / ".." / "x").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert [refused.url for refused in fetcher.refused][:3] == ["http://127.0.0.1:9/x.png", "ftp://example.com/a", "file:///etc/passwd"]


def test_a_guides_image_from_the_web_stops_the_pdf_build_naming_the_page(project_copy, tmp_path):
    """The whole build, PDFs on: the booklet holds every guide, so a guide's picture from
    another site is named with the guide's address, and nothing crashes."""
    src = [page for page in guide_pages(project_copy) if page != "index.md"][0]
    guide = project_copy / "docs" / src
    guide.write_text(guide.read_text(encoding="utf-8") + "\n![Our office](https://cdn.example.com/office.jpg)\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "MIH_PDFS")}
    env["MIH_PDF_CACHE"] = str(tmp_path / "pdf-cache")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
                            cwd=project_copy, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "AttributeError" not in result.stderr, result.stderr
    assert "Printable PDFs:" in result.stderr and "office.jpg" in result.stderr, result.stderr
    assert url_of(src) in result.stderr, result.stderr


# --- a read-only cache ----------------------------------------------------------------------------

@contextlib.contextmanager
def read_only(folder: Path):
    """``folder`` cannot be written while the block runs: a read-only bind mount as root (who
    may write anywhere else), its modes otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        if not shutil.which("mount") or subprocess.run(["mount", "--bind", str(folder), str(folder)]).returncode != 0:
            pytest.skip("running as root without mount: cannot make a folder read-only")
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)


def test_a_read_only_pdf_cache_works_in_a_temporary_folder(tmp_path):
    folder = tmp_path / "pdfs"
    with read_only(folder):
        cache = Cache(folder)
        assert cache.folder != folder
        digest = "0" * 64
        assert cache.get(digest) is None
        pages = (1,) if "pages" in inspect.signature(cache.put).parameters else ()  # the page count, where the cache keeps one
        stored = cache.put(digest, b"%PDF-1.7 x", *pages)
        assert stored.read_bytes() == b"%PDF-1.7 x"
        cache.finish(Report())
        assert list(folder.iterdir()) == []


def test_a_read_only_card_cache_still_gives_every_card(tmp_path):
    folder = tmp_path / "cards"
    with read_only(folder):
        assert cards.write_card(tmp_path / "site" / "social-card.png", "A title", "An agency", "A site", folder) is True
    assert (tmp_path / "site" / "social-card.png").read_bytes().startswith(b"\x89PNG")


def test_a_build_with_a_read_only_cache_succeeds(project_copy, tmp_path):
    cache = project_copy / ".cache"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MIH_GZIP_CACHE", "MIH_PDF_CACHE", "SITE_URL"))}
    env["MIH_PDFS"] = "0"
    with read_only(cache):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
                                cwd=project_copy, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = tmp_path / "out"
    assert (out / "social-card.png").is_file()
    assert any(out.rglob("*.js.gz")), "gzip twins are made without the cache"
