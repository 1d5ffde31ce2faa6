"""The steps after the build run in the order sitegen/postbuild.py lists, and each sees what the
one before it left: checked on the session's built site by what a wrong order would break."""

from __future__ import annotations

import gzip
import re

from sitegen import postbuild, security, translations


def test_the_steps_are_one_list_in_the_documented_order():
    names = [name for name, _step, _whose in postbuild.STEPS]
    order = ["search index", "PDFs", "other editions", "fingerprint", "offline packs", "security policy", "_headers", "gzip"]
    positions = [next(i for i, name in enumerate(names) if word in name) for word in order]
    assert positions == sorted(positions) and len(names) == len(order), names
    # Each edition tidies its own search index and makes its own PDFs (in its build); the rest
    # runs once, over the whole site, after every edition is built.
    assert [whose for _name, _step, whose in postbuild.STEPS] == [postbuild.EDITION] * 2 + [postbuild.SITE] * 6


def test_every_gzip_twin_is_the_final_file(built_site):
    """Compressed last: a twin made before the fingerprints or the policy would differ."""
    twins = sorted(built_site.rglob("*.gz"))
    assert twins, "the build makes gzip twins"
    stale = [str(twin.relative_to(built_site)) for twin in twins
             if gzip.decompress(twin.read_bytes()) != twin.with_suffix("").read_bytes()]
    assert stale == []


def test_every_page_names_only_fingerprinted_assets_of_our_own(built_site):
    """Fingerprinted before the policy is written: no page links an unhashed script or sheet."""
    asset = re.compile(r'(?:src|href)="([^"#?]*assets/(?:javascripts|stylesheets)/(?!vendor/)[^"#?]*\.(?:js|css))[#?"]')
    found = {}
    for page in built_site.rglob("*.html"):
        plain = [ref for ref in asset.findall(page.read_text(encoding="utf-8")) if not security.FINGERPRINTED.search(ref)]
        if plain:
            found[str(page.relative_to(built_site))] = plain[:2]
    assert found == {}


def test_the_policy_in_pages_and_headers_is_the_same(built_site):
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', (built_site / "index.html").read_text(encoding="utf-8"))
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    hashes = re.findall(r"'sha256-[^']+'", meta.group(1))
    assert hashes, "the theme's inline scripts are hashed"
    assert all(h in headers for h in hashes)


def test_netlify_gets_each_editions_404_page_for_its_folder(built_site):
    """site/_redirects: one rule per edition, to that edition's own 404 page, with status 404
    (a rule Netlify applies only where no file answers, so no page is shadowed)."""
    rules = [line.split() for line in (built_site / "_redirects").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    languages = [folder.rstrip("/") for folder in translations.folders()[1:]]
    assert rules == [[f"/{language}/*", f"/{language}/404.html", "404"] for language in languages]
    for _pattern, target, _status in rules:
        page = (built_site / target.lstrip("/")).read_text(encoding="utf-8")
        assert f'<html lang="{target.split("/")[1]}"' in page, target
