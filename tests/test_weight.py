"""Page weight as the brief sets it: a first visit ≤ 128 KB, each further page ≤ 20 KB,
counting every response gzip-compressed as a static host sends it."""

from __future__ import annotations

import gzip

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
    # The search worker fetches its index just after load; it counts too.
    with page.expect_request_finished(lambda request: request.url.endswith("search_index.json")):
        page.goto("", wait_until="networkidle")
    page.wait_for_load_state("networkidle")
    urls = [r.url for r in responses if r]
    first = _gzip_bytes(responses)
    assert first <= FIRST_VISIT_LIMIT, f"first visit {first} bytes: {urls}"
    for link in ["What to do right now", "Checklists", "Message templates"]:
        responses.clear()
        page.get_by_role("navigation", name="Navigation").get_by_role("link", name=link).first.click()
        page.wait_for_load_state("networkidle")
        further = _gzip_bytes(responses)
        assert further <= FURTHER_PAGE_LIMIT, f"{link}: {further} bytes: {[r.url for r in responses if r]}"
