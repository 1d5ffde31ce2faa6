"""Material's stylesheets, cut down to the rules this site can use.

Material ships one stylesheet for every feature it has (admonition types, code blocks, tabs,
tooltips, blog, versions, 20 palette colours...). This site uses a few of them, and every first
visit downloads the whole sheet: 23 KB of its 100 KB budget. ``prune_site(site_dir)`` rewrites
Material's ``main.*.min.css`` and ``palette.*.min.css`` in the built site so they keep only:

- rules with at least one selector whose classes could ever be on the page: each class named
  at the top level of the selector appears somewhere in the built site's HTML or JavaScript
  (Material's bundle builds its search results, tooltips and dialogs from string literals, so
  those classes count as used). Classes inside :not(), :is(), :has() and other functions never
  decide, so a selector is only dropped when it cannot match any element of any page;
- palette rules for the colours the site configures: a [data-md-color-primary=pink] rule is
  dropped when no page holds data-md-color-primary="pink" (Material's script copies those
  attributes from the palette toggles in the page);
- everything else as it is (@font-face, @keyframes, custom properties, rules on elements).

The file names keep Material's hash; the fingerprint step then adds one for the cut content
(main.57a0d79d.min.1a2b3c4d.css), so a cached copy is never stale. Their source maps, which no
longer match, are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

MATERIAL_SHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_PALETTE_VALUE = re.compile(r'data-md-color-(primary|accent|scheme)="([^"]+)"')
_GROUPING_RULES = {"media", "supports", "layer", "container"}


def site_words(site: Path) -> tuple[set[str], dict[str, set[str]]]:
    """Every word in the site's HTML and JavaScript, and the palette values its pages set."""
    words: set[str] = set()
    palette: dict[str, set[str]] = {"primary": set(), "accent": set(), "scheme": set()}
    for path in [*site.rglob("*.html"), *site.rglob("*.js")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        words.update(_WORD.findall(text))
        if path.suffix == ".html":
            for name, value in _PALETTE_VALUE.findall(text):
                palette[name].add(value)
    return words, palette


def _selectors(prelude: list) -> list[list]:
    """A selector list's tokens split at its top-level commas (a comma inside :is() stays)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _can_match(selector: list, words: set[str], palette: dict[str, set[str]]) -> bool:
    for before, token in zip([None, *selector], selector):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            if token.value not in words:
                return False
        if token.type == "[] block":
            attribute = tinycss2.serialize(token.content).replace(" ", "")
            name, equals, value = attribute.partition("=")
            colour = name.removeprefix("data-md-color-")
            if equals and colour != name and colour in palette and value.strip("\"'") not in palette[colour]:
                return False
    return True


def prune(css: str, words: set[str], palette: dict[str, set[str]]) -> str:
    return "".join(_prune_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), words, palette))


def _prune_rules(rules: list, words: set[str], palette: dict[str, set[str]]) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _can_match(s, words, palette)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _GROUPING_RULES:
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), words, palette)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":  # @font-face, @keyframes, @import...: kept whole
            kept.append(tinycss2.serialize([rule]))
        elif rule.type == "error":
            raise ValueError(f"Material's stylesheet did not parse: {rule.message}")
    return kept


def prune_site(site_dir: Path) -> list[str]:
    """Cut Material's stylesheets in the built site; their site-relative paths, to fingerprint."""
    site = Path(site_dir)
    words, palette = site_words(site)
    cut = []
    for pattern in MATERIAL_SHEETS:
        for sheet in sorted(site.glob(pattern)):
            sheet.write_text(prune(sheet.read_text(encoding="utf-8"), words, palette), encoding="utf-8")
            sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
            cut.append(sheet.relative_to(site).as_posix())
    return cut
