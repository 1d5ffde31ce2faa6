"""Every address once published keeps answering: each line of tests/published-urls.txt is a
page of the built site or a redirect to one, served with status 200; the short addresses staff
say on the phone lead to their situation page with the personal details still in the link."""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from testkit.helpers import open_page
from testkit.site_pages import page_file, page_urls

LIST = Path(__file__).with_name("published-urls.txt")
SHORT = {"missed": "situations/missed/", "late": "situations/late/", "no-show": "situations/no-show/", "move": "situations/move/"}
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def published() -> list[str]:
    lines = LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("/") for line in lines if line.strip() and not line.startswith("#")]


def resolve(site: Path, url: str, hops: int = 5) -> str | None:
    """The page ``url`` ends on, following redirect pages; None if it leads nowhere."""
    for _ in range(hops):
        file = page_file(site, url)
        if not file.is_file():
            return None
        match = REFRESH.search(file.read_text(encoding="utf-8"))
        if not match:
            return url
        url = urljoin("/" + url, match.group(1)).removeprefix("/")
    return None


def missing(site: Path, urls: list[str]) -> list[str]:
    return [url for url in urls if resolve(site, url) is None]


def test_every_published_address_is_a_page_or_redirect(built_site):
    urls = published()
    assert len(urls) == len(set(urls)), "an address is listed twice"
    assert missing(built_site, urls) == [], "published addresses that no longer answer: add a redirect in mkdocs.yml"


def test_a_page_that_disappears_without_a_redirect_is_caught(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "employer-view")
    (site / "situations" / "late" / "index.html").unlink()
    assert missing(site, published()) == ["employer-view/", "late/", "situations/late/"]


def test_every_page_of_the_site_is_in_the_published_list(built_site):
    pages = {url for url in page_urls(built_site) if url != "404.html"}
    assert sorted(pages - set(published())) == [], "new pages: add their addresses to tests/published-urls.txt"


def test_redirects_are_defined_in_one_place_and_listed():
    config = yaml.load((Path(__file__).parents[1] / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugins = [p for p in config["plugins"] if isinstance(p, dict) and "redirects" in p]
    maps = plugins[0]["redirects"]["redirect_maps"]
    for old, new in maps.items():
        assert old.removesuffix(".md") + "/" in published()
    assert {k.removesuffix(".md"): v.removesuffix(".md") + "/" for k, v in maps.items() if k.removesuffix(".md") in SHORT} == SHORT


def test_every_published_address_answers_over_http(site_url):
    for url in published():
        with urllib.request.urlopen(site_url + url) as response:
            assert response.status == 200, url


@pytest.mark.parametrize("short", sorted(SHORT))
def test_short_address_leads_to_its_page_keeping_the_details(page, site_url, short, built_site):
    html = page_file(built_site, f"{short}/").read_text(encoding="utf-8")
    assert "<script>" not in html, "no inline script (CSP)"
    open_page(page, f"{short}/#your_name=Zo%C3%AB%20%26%20Co")
    page.wait_for_url(re.compile(re.escape(site_url + SHORT[short])))
    assert page.url.startswith(site_url + SHORT[short])
    assert page.evaluate("location.hash") in ("#your_name=Zo%C3%AB%20%26%20Co", "")  # a page may read and clear it
    assert page.watch.console_errors == []


def test_short_address_keeps_the_fragment_for_a_message_page(page, site_url):
    # The redirect script carries the fragment: checked on a page that does not clear it.
    open_page(page, "late/#step-x")
    page.wait_for_url(re.compile(re.escape(site_url + "situations/late/")))
    assert page.url.endswith("situations/late/#step-x")


def test_staff_page_lists_every_short_address(built_site, site_url):
    html = page_file(built_site, "for-staff/").read_text(encoding="utf-8")
    for short, target in SHORT.items():
        assert f"<code>{site_url}{short}/</code> opens <a" in html
        assert f'href="../{target}"' in html


def test_every_published_step_anchor_still_exists(built_site):
    lines = (Path(__file__).with_name("published-anchors.txt")).read_text(encoding="utf-8").splitlines()
    lost = []
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        url, anchor = line.removeprefix("/").split("#", 1)
        target = resolve(built_site, url)
        html = page_file(built_site, target).read_text(encoding="utf-8") if target is not None else ""
        if f'id="{anchor}"' not in html:
            lost.append(line)
    assert lost == [], "step anchors that no longer exist: keep the id with { #id } on the heading"
