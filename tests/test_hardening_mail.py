"""A "#" in a reader's email address keeps the mail app's subject and body (issue #22, item 10).

"#" may stand in an address (RFC 5322 allows it before the @), but in a mailto: link it starts
the fragment: the mail app then saw no ?subject= and no &body=. lib/mail.js percent-encodes it.
Checked with Node's URL parser, which follows the same WHATWG standard as browsers.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from sitegen.project import ROOT

MAIL = ROOT / "docs" / "assets" / "javascripts" / "lib" / "mail.js"

CHECK = """
import { mailtoHref, isPlainEmail } from %s;
const out = {};
for (const address of JSON.parse(process.argv[1])) {
  const href = mailtoHref(address, "Sorry I missed it", "Hello #1 & all");
  const url = new URL(href);
  out[address] = { plain: isPlainEmail(address), href, to: decodeURIComponent(url.pathname), hash: url.hash,
                   subject: url.searchParams.get("subject"), body: url.searchParams.get("body") };
}
console.log(JSON.stringify(out));
"""


def _links(addresses: list[str]) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed for the JavaScript checks (make test installs it).", pytrace=False)
    script = CHECK % json.dumps(MAIL.as_uri())
    result = subprocess.run([node, "--input-type=module", "-e", script, json.dumps(addresses)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_address_with_a_hash_keeps_the_subject_and_the_body():
    links = _links(["o#brien@example.com", "#team@example.com", "jo@example.com"])
    for address, link in links.items():
        assert link["plain"], address
        assert link["hash"] == "", f"{address}: part of the link became a fragment: {link['href']}"
        assert link["to"] == address, link
        assert (link["subject"], link["body"]) == ("Sorry I missed it", "Hello #1 & all"), link
    assert links["o#brien@example.com"]["href"].startswith("mailto:o%23brien@example.com?subject=")
