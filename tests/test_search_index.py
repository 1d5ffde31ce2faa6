"""The search index as shipped (sitegen.search_index): what a reader searches for is found,
and the index carries no markup and no empty entries."""

from __future__ import annotations

import json

from sitegen.search_index import plain


def _docs(built_site) -> list[dict]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_plain_text_keeps_entities_and_words_apart():
    assert plain("<p>Say &quot;sorry&quot;.</p> <ul><li>one</li><li>two</li></ul>") == 'Say &quot;sorry&quot;. one two'


def test_index_has_every_page_no_tags_and_no_empty_sections(built_site):
    docs = _docs(built_site)
    pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
    for page in ("", "what-to-do-now/", "templates/illness/", "checklists/missed-interview/", "situations/missed/"):
        assert page in pages, f"/{page} is not in search"
    assert "for-staff/" not in pages, "the staff page stays out of a job seeker's results"
    assert not any("<" in doc["text"] for doc in docs)
    assert all(doc["text"] for doc in docs if "#" in doc["location"])
    # A message page is found by its own words, its advice: the channel steps, the same on
    # every message page, are left out.
    found = {doc["location"]: doc for doc in docs if doc["location"].startswith("templates/illness/")}
    assert list(found) == ["templates/illness/", "templates/illness/#tpl-advice"]
    assert "sick" in found["templates/illness/#tpl-advice"]["text"].lower()
