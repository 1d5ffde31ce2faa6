"""The deploy recipe with a certificate: HTTPS with HTTP/2, and plain HTTP sent there.

The page budget (tests/test_weight.py) is counted for HTTP/2, so the recipe must serve it:
scripts/tools/nginx_conf.py with --ssl-certificate turns on ssl and http2 on the listen line
and adds a server block that redirects plain HTTP to the same address over HTTPS. Served by
nginx running as its own user, from a self-signed certificate made here.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from testkit import nginx


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to make a test certificate (apt-get install openssl)")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture(scope="module")
def https_site(built_site, certificate):
    server = nginx.NginxSite(tls=certificate, http_port=nginx.free_port())
    url = server.start(built_site)
    yield server, url
    server.stop()


def _curl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "--silent", "--show-error", "--insecure", "--max-time", "10", *args],
                          capture_output=True, text=True)


def test_pages_and_assets_come_over_http2_with_the_security_headers(https_site):
    server, url = https_site
    for address in ("", "contact/", "search/search_index.json"):
        answer = _curl("--http2", "--include", "--output", "-", url + address)
        head = answer.stdout.split("\r\n\r\n", 1)[0]
        assert head.startswith("HTTP/2 200"), f"/{address}: {head[:80]!r}"
        assert re.search(r"(?im)^content-security-policy: ", head), f"/{address}: no policy"
        assert re.search(r"(?im)^strict-transport-security: ", head), f"/{address}: no HSTS"


def test_plain_http_is_sent_to_the_same_address_over_https(https_site):
    server, url = https_site
    answer = _curl("--include", "--output", "-", f"http://127.0.0.1:{server.http_port}/contact/?a=1")
    head = answer.stdout.split("\r\n\r\n", 1)[0]
    assert head.startswith("HTTP/1.1 301"), head[:80]
    location = re.search(r"(?im)^location: (\S+)", head).group(1)
    assert location == f"https://127.0.0.1:{server.port}/contact/?a=1"


def test_the_browser_gets_http2(https_site, browser):
    server, url = https_site
    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        page.goto(url + "checklists/")
        protocol = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
        assert protocol == "h2"
    finally:
        context.close()


def test_without_a_certificate_the_recipe_has_no_redirect(tmp_path, built_site):
    from importlib import util

    spec = util.spec_from_file_location("nginx_conf", nginx.TOOL)
    tool = util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    site = tool.write_config(built_site, tmp_path / "conf", listen="8080")
    text = site.read_text()
    assert "return 301 https://" not in text and "http2" not in text
    assert tool.https_listen("443") == "443 ssl http2" and tool.https_listen("443 ssl") == "443 ssl http2"
