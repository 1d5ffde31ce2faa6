"""The search index Material's plugin writes (site/search/search_index.json), tidied: every
first visit downloads it, so it carries no more than search needs.

Each entry's text keeps Material's paragraph and list markup (<p>, <ul><li>...), which a
result's short preview does not need: ``tidy`` leaves the text alone, tags out (entities stay
as written, so the text still shows as text). A section marked data-search-exclude still leaves an entry behind: its heading's address, the
page's title and no text. On a message page that is six entries, the same on every page, so a
search for "sick" lists the page seven times. ``tidy`` removes them; the page's
own entry (no "#" in its address) always stays, so every page is still found by its title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX = "search/search_index.json"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    return _SPACE.sub(" ", _TAG.sub(" ", text)).strip()


def tidy(site_dir: Path) -> int:
    """Rewrite the index: texts without tags, no empty section entries; how many entries went
    (0 with no index)."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = [dict(doc, text=plain(doc.get("text", ""))) for doc in index.get("docs", [])]
    kept = [doc for doc in docs if "#" not in doc.get("location", "") or doc["text"]]
    index["docs"] = kept
    # As compact as the plugin writes it.
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(docs) - len(kept)
