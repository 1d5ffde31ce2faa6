"""sitegen.precompress: a zopfli gzip twin beside each text asset, made once per content."""

from __future__ import annotations

import gzip

import zopfli.gzip

from sitegen import precompress


def _site(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "javascripts" / "lunr").mkdir(parents=True)
    (site / "assets" / "javascripts" / "app.js").write_text("let x = 1;\n" * 200)
    (site / "assets" / "javascripts" / "lunr" / "lunr.de.js").write_text("de;\n" * 200)
    (site / "tiny.css").write_text("a{}")
    (site / "page.html").write_text("<p>hi</p>\n" * 200)
    (site / "hand.pdf").write_bytes(b"%PDF" * 200)
    return site


def test_twins_unpack_to_their_file_and_only_for_text_assets(tmp_path):
    site = _site(tmp_path)
    made = precompress.precompress(site, tmp_path / "cache")
    assert made == ["assets/javascripts/app.js.gz"]
    twin = site / "assets" / "javascripts" / "app.js.gz"
    assert gzip.decompress(twin.read_bytes()) == (site / "assets" / "javascripts" / "app.js").read_bytes()
    # Too small to gain, a page (nginx compresses pages as it sends), a PDF, another language's search.
    for left in ("tiny.css.gz", "page.html.gz", "hand.pdf.gz", "assets/javascripts/lunr/lunr.de.js.gz"):
        assert not (site / left).exists(), left


def test_an_unchanged_file_is_not_compressed_again(tmp_path, monkeypatch):
    site = _site(tmp_path)
    calls = []
    real = zopfli.gzip.compress
    monkeypatch.setattr(zopfli.gzip, "compress", lambda data, **kw: calls.append(len(data)) or real(data, **kw))
    precompress.precompress(site, tmp_path / "cache")
    assert len(calls) == 1
    (site / "assets" / "javascripts" / "app.js.gz").unlink()
    precompress.precompress(site, tmp_path / "cache")  # a rebuild: the twin comes from the cache
    assert len(calls) == 1 and (site / "assets" / "javascripts" / "app.js.gz").is_file()
    (site / "assets" / "javascripts" / "app.js").write_text("let y = 2;\n" * 200)
    precompress.precompress(site, tmp_path / "cache")
    assert len(calls) == 2
    assert gzip.decompress((site / "assets" / "javascripts" / "app.js.gz").read_bytes()).startswith(b"let y")
