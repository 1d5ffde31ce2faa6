"""The offline packs and the service worker's build values (scripts/sitegen/offline.py), read
from the built site: what each pack holds and leaves out, its size, and that writing again
writes the same."""

from __future__ import annotations

import gzip
import json
import shutil
import urllib.request

import pytest

from sitegen import offline, translations
from sitegen.project import ROOT
from testkit.site_pages import page_file

FOLDERS = translations.folders()  # edition folders: "", "es/"


def _pack(site, folder: str) -> dict:
    return json.loads((site / folder / offline.PACK).read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.rstrip("/") or "en")
def test_each_pack_holds_every_page_but_the_staff_page_and_what_they_load(folder, built_site):
    pack = _pack(built_site, folder)
    pages = [url for url in pack["files"] if url.endswith("/")]
    # Every page of the edition (its sitemap), less the one marked offline: false.
    sitemap = (built_site / folder / "sitemap.xml").read_text(encoding="utf-8")
    listed = {"/" + loc.split("/", 3)[3] for loc in sitemap.split("<loc>")[1:] for loc in [loc.split("</loc>")[0]]}
    assert set(pages) == listed - {f"/{folder}for-staff/"}
    files = [url for url in pack["files"] if not url.endswith("/")]
    for url in files:
        assert (built_site / url.lstrip("/")).is_file(), url
    assert f"/{folder}sitemap.xml" in files, "instant navigation reads it"
    # What a message page loads when first touched comes too: dates, the text length, copying.
    for module in ("lib/dates.", "lib/sms.", "/device.", "components/message-template.", "components/checklist."):
        assert any(module in url for url in files), module
    # The staff page's link builder and QR library do not.
    assert not [url for url in files if "link-builder" in url or "qrcode" in url]
    assert not [url for url in files if url.endswith(".pdf")]
    # Search, as it loads on first use: the edition's own index, the worker, and in Spanish the
    # stemmer Material's worker imports for it (lunr.es), so search works in the saved copy.
    searched = [url for url in files if "search" in url or "/lunr/" in url]
    assert f"/{folder}search/search_index.json" in searched and any("/workers/search." in url for url in searched)
    stemmers = sorted(url.rsplit("/", 1)[1] for url in searched if "/lunr/" in url)
    assert stemmers == ([] if folder == "" else ["lunr.es.min.js", "lunr.stemmer.support.min.js"]), stemmers
    size = sum(len(gzip.compress((built_site / url.lstrip("/") / ("index.html" if url.endswith("/") else "")).read_bytes(), 9))
               for url in pack["files"])
    # Measured before the policy's <meta> tag joins each page (the next step): within 3 %.
    assert size * 0.97 < pack["bytes"] <= size, (pack["bytes"], size)
    # The control says the size.
    said = f"{offline.kilobytes(pack['bytes']):,}"
    assert f"<span data-offline-size>" in page_file(built_site, folder).read_text(encoding="utf-8")
    assert said in page_file(built_site, folder).read_text(encoding="utf-8").split("<span data-offline-size>")[1].split("<")[0]


def test_every_edition_shares_one_version_and_the_worker_has_it(built_site):
    versions = {_pack(built_site, folder)["version"] for folder in FOLDERS}
    assert len(versions) == 1
    worker = (built_site / offline.WORKER).read_text(encoding="utf-8")
    assert f'"version":"{versions.pop()}"' in worker.replace(" ", "")
    assert '"es/":{"lang":"es"' in worker.replace(" ", "")
    assert "//" not in worker.split("\n", 1)[0][:2], "minified: no comments"


def test_writing_again_writes_the_same(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.pdf", "*.gz", "*.png"))
    source = (ROOT / "docs" / offline.WORKER).read_text(encoding="utf-8")
    written = [site / offline.WORKER, *(site / folder / offline.PACK for folder in FOLDERS), page_file(site, ""), page_file(site, "es/")]
    offline.write(site, source, FOLDERS)
    first = {path: path.read_bytes() for path in written}
    offline.write(site, source, FOLDERS)
    assert {path: path.read_bytes() for path in written} == first


def test_an_edition_home_page_without_the_control_stops_the_build(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site / "assets", site / "assets")
    (site / "index.html").write_text('<html lang="en"><p class="mih-saved-copy" hidden></p></html>', encoding="utf-8")
    with pytest.raises(offline.OfflineError, match="index.html has no \"Save for offline\" control"):
        offline.write(site, (ROOT / "docs" / offline.WORKER).read_text(encoding="utf-8"), [""])


def test_a_worker_without_its_site_line_stops_the_build():
    with pytest.raises(offline.OfflineError, match="const SITE"):
        offline.worker_source("self.addEventListener('fetch', () => {});", "v1", {})


@pytest.mark.parametrize(("size", "said"), [(1, 1), (999, 1), (1001, 2), (99_000, 99), (99_001, 100), (437_210, 440), (1_234_567, 1_240)])
def test_the_size_is_said_in_whole_kilobytes(size, said):
    assert offline.kilobytes(size) == said


def test_nginx_sends_the_worker_from_the_root_to_be_checked_every_time(site_url):
    with urllib.request.urlopen(site_url + offline.WORKER) as answer:
        assert answer.status == 200
        assert answer.headers["Content-Type"].split(";")[0] in ("application/javascript", "text/javascript")
        assert answer.headers["Cache-Control"] == "no-cache"
        assert "connect-src 'self'" in answer.headers["Content-Security-Policy"]
