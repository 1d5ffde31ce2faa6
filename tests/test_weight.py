"""Page weight as the brief sets it: a first visit ≤ 128 KB, each further page ≤ 20 KB,
counting every response gzip-compressed as a static host sends it."""

from __future__ import annotations

import gzip
from urllib.parse import urljoin

from testkit.helpers import settle

FIRST_VISIT_LIMIT = 128 * 1024
FURTHER_PAGE_LIMIT = 20 * 1024
HEADERS = 200  # a rough allowance for each response's headers


def _record(page) -> list:
    responses = []
    page.on("requestfinished", lambda request: responses.append(request.response()))
    return responses


def _gzip_bytes(responses) -> int:
    """Redirects have no body to count; only their headers."""
    return sum(
        (len(gzip.compress(r.body(), compresslevel=6)) if r.status < 300 or r.status >= 400 else 0) + HEADERS
        for r in responses
        if r
    )


def test_first_visit_and_further_pages_stay_light(page):
    responses = _record(page)
    # The search worker fetches its index around the load event; it counts too.
    with page.expect_request_finished(lambda request: request.url.endswith("search_index.json")):
        page.goto("")
    settle(page)  # and whatever else the visit asked for (the favicon comes after load)
    urls = [r.url for r in responses if r]
    first = _gzip_bytes(responses)
    assert first <= FIRST_VISIT_LIMIT, f"first visit {first} bytes: {urls}"
    for link in ["What to do right now", "Checklists", "Message templates"]:
        responses.clear()
        anchor = page.get_by_role("navigation", name="Navigation").get_by_role("link", name=link).first
        target = urljoin(page.url, anchor.get_attribute("href"))
        # Instant navigation fetches the page itself, then swaps it in.
        with page.expect_request_finished(lambda request: request.url == target):
            anchor.click()
        page.wait_for_url(target)
        settle(page)
        further = _gzip_bytes(responses)
        assert further <= FURTHER_PAGE_LIMIT, f"{link}: {further} bytes: {[r.url for r in responses if r]}"
