"""The words, over every built page, every PDF and every data file (issue #15):

- whom to contact first is said only in the words of data/rules.yml, the one source: every
  sentence of a built page that says it is one of the rule's sentences, every such phrase in a
  PDF is part of one, and no guide or data file writes it out (they write {{ rule.x }});
- the texting advice is one rule, held the same way;
- no word that belittles a hard task ("just", "simply", "easy", "obviously", ...);
- no "(or ...)" reaches a message: each alternative is a choice the reader makes.
What to check comes from data/ and docs/, so a maintainer's new page or file is checked too.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitegen import rules
from sitegen.project import ROOT
from testkit.project_data import agency, data_paths
from testkit.site_pages import page_file, page_urls

DATA = ROOT / "data"
PARTIES = r"us|the agency|your recruiter|the recruiter|the interviewer|the employer|the company|them"


def contact_first(agency_name: str) -> re.Pattern:
    """Sentences that say whom to contact first (or that the agency set the interview up)."""
    party = PARTIES + "|" + re.escape(agency_name) + r"|\{\{\s*agency\.name\s*\}\}"
    return re.compile(
        rf"\b(call|contact|phone|tell|reach|text|email|ring)\b[^.?!]{{0,40}}\b({party})\b[^.?!]{{0,20}}\bfirst\b"
        r"|\b(call|contact|tell)\b[^.?!]*\b(we|the agency|agency) set (up )?(this|the|your) interview"
        r"|\bset up (this|the|your) interview\b"
        r"|\b(contact|call) the employer yourself\b",
        re.IGNORECASE,
    )


# Sentences that say when to send a text message, or when not to.
TEXTING = re.compile(
    r"\b(send|sending)\b[^.?!]{0,15}\btexts?\b[^.?!]*\b(only|unless|instead|rather)\b"
    r"|\btext(s|ed|ing)?\b[^.?!]{0,10}\b(only|unless)\b|\bthan a text\b|\btexted you\b"
    r"|\b(see|read) a text\b|\bonly if\b[^.?!]*\btext",
    re.IGNORECASE,
)
# Words that belittle a hard task for a stressed reader (GOV.UK's style guide). Banned outright:
# a test cannot tell the sense, and there is always a plainer way to say it.
BELITTLING = re.compile(r"\b(just|simply|easy|easily|obviously|of course|basically|merely)\b", re.IGNORECASE)
# "(or my phone died)": an alternative the reader was meant to delete.
ALTERNATIVE = re.compile(r"\(or\b", re.IGNORECASE)
TOKEN = re.compile(r"\{\{\s*rule\.[A-Za-z_]+\s*\}\}")
SENTENCE_END = re.compile(r"(?<=[.?!])[\"”]?\s+(?=[\"“(\[A-Z])")


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def split_sentences(block: str) -> list[str]:
    return [piece.strip() for piece in SENTENCE_END.split(_flat(block)) if piece.strip()]


class _Blocks(HTMLParser):
    """The visible text of a page, one block element (paragraph, item, heading, cell) a line."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "div", "td", "th", "summary", "label", "legend", "aside", "section",
              "blockquote", "nav", "header", "footer", "title", "button"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style", "svg")
        if tag in self.BLOCKS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style", "svg") and self.skip > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_sentences(page_html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(page_html)
    return [sentence for block in "".join(parser.parts).split("\n") for sentence in split_sentences(block)]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return _flat(re.sub(r"-\n(?=[a-z])", "", text))


def source_texts() -> list[tuple[str, str]]:
    """(where, text) of every text a maintainer writes: the guides, each data file's values and
    the strings catalogue. data/rules.yml, the one source, is left out."""
    found = [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in sorted((ROOT / "docs").rglob("*.md"))]
    for path in sorted(DATA.rglob("*")):
        if path.suffix in (".yml", ".yaml") and path.name != rules.FILE:
            found += [(f"{path.relative_to(ROOT)}: {key}", value) for key, value in _values(yaml.safe_load(path.read_text(encoding="utf-8")))]
    return found


def _values(data, key: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [found for name, value in data.items() for found in _values(value, f"{key}.{name}" if key else str(name))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in _values(value, f"{key}.{index}")]
    return [(key, data)] if isinstance(data, str) else []


@pytest.fixture(scope="module")
def the_rules() -> rules.Rules:
    return rules.load(DATA, agency())


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, list[str]]:
    return {url: page_sentences(page_file(built_site, url).read_text(encoding="utf-8")) for url in page_urls(built_site)}


@pytest.fixture(scope="module")
def pdfs(built_site) -> dict[str, str]:
    made = sorted(built_site.rglob("*.pdf"))
    if not made and os.environ.get("MIH_PDFS") == "0":
        pytest.skip("MIH_PDFS=0: this build made no PDFs")
    assert made, "the build made no PDFs"
    return {str(path.relative_to(built_site)): pdf_text(path) for path in made}


def pdf_violations(text: str, detector: re.Pattern, allowed: set[str]) -> list[str]:
    """Phrases of a PDF's text the detector finds outside the allowed sentences. PDF text runs
    headings and page footers into sentences, and a footer may cut one in two: the allowed
    sentences are taken out first, then a phrase that is part of one (a piece cut off by a
    footer) still passes."""
    for sentence in sorted(allowed, key=len, reverse=True):
        text = text.replace(sentence, " \u00b6 ")
    return [match.group(0) for match in detector.finditer(text) if not any(match.group(0) in sentence for sentence in allowed)]


def _rule_sentences(the_rules: rules.Rules, name: str | None = None) -> set[str]:
    names = [name] if name else list(the_rules.words)
    return {_flat(sentence) for part in names for sentence in rules.split_sentences(the_rules.words[part])}


# --- whom to contact first ----------------------------------------------------------------------


def test_no_guide_or_data_file_writes_its_own_contact_first_rule():
    """They take the words from data/rules.yml through {{ rule.x }} tokens."""
    detector = contact_first(agency()["name"])
    found = [f"{where}: {match.group(0)!r}" for where, text in source_texts() for match in detector.finditer(TOKEN.sub("", text))]
    assert found == [], "write {{ rule.contact_first }} (or one of its parts) instead of the rule's words:\n" + "\n".join(found)


def test_every_page_says_whom_to_contact_first_in_the_rule_s_words(pages, the_rules):
    detector = contact_first(agency()["name"])
    allowed = _rule_sentences(the_rules)
    found = sorted({f"{url or '(home)'}: {sentence!r}" for url, sentences in pages.items() for sentence in sentences
                    if detector.search(sentence) and sentence not in allowed})
    assert found == [], "sentences that say whom to contact first, not in the words of data/rules.yml:\n" + "\n".join(found)


def test_every_pdf_says_whom_to_contact_first_in_the_rule_s_words(pdfs, the_rules):
    """PDF text runs headings and page footers into sentences: each phrase that says whom to
    contact first must be part of one of the rule's sentences."""
    detector = contact_first(agency()["name"])
    allowed = _rule_sentences(the_rules)
    found = sorted({f"{name}: {phrase!r}" for name, text in pdfs.items() for phrase in pdf_violations(text, detector, allowed)})
    assert found == [], "PDF text that says whom to contact first, not in the words of data/rules.yml:\n" + "\n".join(found)


def test_the_pages_that_say_whom_to_contact_say_it(pages, the_rules):
    """The rule is on the home page, the contact page, every situation page and message page
    that opens with the agency box, and the missed-interview checklist."""
    said = {url: " ".join(sentences) for url, sentences in pages.items()}
    first = the_rules.text("agency_first")
    expected = ["", "contact/", "what-to-do-now/", *(f"situations/{s}/" for s, parts in rules.BOX.items() if "agency_first" in parts and s != "after")]
    for url in expected:
        assert first in said[url], url
    templates = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in data_paths("templates")}
    for template_id, data in templates.items():
        for part in rules.BOX[data["situation"]]:
            assert the_rules.text(part) in said[f"templates/{template_id}/"], (template_id, part)
    assert the_rules.text("running_late") in said["situations/late/"]


# --- when to send a text ------------------------------------------------------------------------


def test_no_guide_or_data_file_writes_its_own_texting_rule():
    found = [f"{where}: {match.group(0)!r}" for where, text in source_texts() for match in TEXTING.finditer(TOKEN.sub("", text))]
    assert found == [], "write {{ rule.texting }} instead:\n" + "\n".join(found)


def test_the_texting_advice_is_one_rule_on_every_page_and_pdf(pages, pdfs, the_rules):
    allowed = _rule_sentences(the_rules, "texting")
    found = sorted({f"{url or '(home)'}: {sentence!r}" for url, sentences in pages.items() for sentence in sentences
                    if TEXTING.search(sentence) and sentence not in allowed})
    found += sorted({f"{name}: {phrase!r}" for name, text in pdfs.items() for phrase in pdf_violations(text, TEXTING, allowed)})
    assert found == [], "texting advice that is not the rule in data/rules.yml:\n" + "\n".join(found)
    message_pages = [url for url in pages if url.startswith("templates/") and url != "templates/"]
    for url in message_pages:
        assert the_rules.text("texting") in " ".join(pages[url]), f"{url}: the texting rule above the text"


# --- words that belittle --------------------------------------------------------------------


def test_no_belittling_word_in_any_guide_data_file_or_string():
    found = [f"{where}: {match.group(0)!r}" for where, text in source_texts() for match in BELITTLING.finditer(text)]
    rules_file = yaml.safe_load((DATA / rules.FILE).read_text(encoding="utf-8"))
    found += [f"data/{rules.FILE}: {key}: {m.group(0)!r}" for key, value in _values(rules_file) for m in BELITTLING.finditer(value)]
    assert found == [], "words that belittle a hard task; say it plainly without them:\n" + "\n".join(found)


def test_no_belittling_word_on_any_page_or_pdf(pages, pdfs):
    found = sorted({f"{url or '(home)'}: {sentence!r}" for url, sentences in pages.items() for sentence in sentences if BELITTLING.search(sentence)})
    found += sorted({f"{name}: {match.group(0)!r}" for name, text in pdfs.items() for match in BELITTLING.finditer(text)})
    assert found == [], "words that belittle a hard task:\n" + "\n".join(found)


# --- "(or ...)" never reaches a message -------------------------------------------------------


def test_no_alternative_in_any_message_data(the_rules):
    found = []
    for path in data_paths("templates"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [value for _, value in _values(data.get("channels", {}))]
        texts += [option["words"] for choice in data.get("choices", []) for option in choice["options"]]
        found += [f"{path.name}: {text[max(0, m.start() - 30):m.end() + 30]!r}" for text in texts for m in ALTERNATIVE.finditer(text)]
    assert found == [], "make each alternative a choice (choices: in the template):\n" + "\n".join(found)


def test_no_alternative_in_any_built_message_or_pdf(built_site, pdfs):
    found = []
    for url in page_urls(built_site):
        if url.startswith("templates/") and url != "templates/":
            page = page_file(built_site, url).read_text(encoding="utf-8")
            for block in re.findall(r'<div class="tpl-message"[^>]*>(.*?)</div>', page, re.S):
                text = html.unescape(re.sub(r"<[^>]+>", "", block))
                found += [f"{url}: {text[max(0, m.start() - 30):m.end() + 30]!r}" for m in ALTERNATIVE.finditer(text)]
    found += [f"{name}: {text[max(0, m.start() - 30):m.end() + 30]!r}" for name, text in pdfs.items() for m in ALTERNATIVE.finditer(text)]
    assert found == [], "\n".join(found)


# --- the checks themselves ------------------------------------------------------------------


def test_the_detectors_find_what_they_are_for():
    """Each check can fail: it finds the versions of the rules the issue found on the site."""
    detector = contact_first("Example Staffing")
    for sentence in ("If Example Staffing set up the interview, call us too at 555.", "Tell your recruiter first; they will reach the employer.",
                     "Call Example Staffing first if we set up your interview.", "Call the agency first.",
                     "Outside office hours, contact the employer yourself."):
        assert detector.search(sentence), sentence
    for sentence in ("Call the interviewer before the start time, not after it.", "Know whom to call first.", "Call us at 555."):
        assert not detector.search(sentence), sentence
    for sentence in ("Send a text only if they have texted you before.", "A call is better than a text, because they may not see a text in time.",
                     "Text only if they text you."):
        assert TEXTING.search(sentence), sentence
    assert not TEXTING.search("Send a text") and not TEXTING.search("Copy the text")
    for sentence in ("Do not just wait.", "This makes it easy for them to say yes.", "Simply call.", "It is obviously late."):
        assert BELITTLING.search(sentence), sentence
    assert not BELITTLING.search("Justice is served. Adjust the time.")
    assert ALTERNATIVE.search("I overslept (or my phone died)") and not ALTERNATIVE.search("(optional)")


def test_pdf_text_is_checked_around_headings_and_footers():
    allowed = {"Send a text only if they have texted you before.", "If we set up the interview, tell us after your call."}
    text = "Send a text Send a text only if they have texted you before. If we Agency 6 / 9 set up the interview, tell us after your call."
    assert pdf_violations(text, TEXTING, allowed) == []
    assert pdf_violations(text, contact_first("Agency"), allowed) == []
    assert pdf_violations("Call Agency first if we set up your interview.", contact_first("Agency"), allowed) == ["Call Agency first", "set up your interview"]


def test_sentences_split_as_a_reader_reads_them():
    html_text = "<p>Call now. Then <a href='#'>email</a> us.</p><li>“Hello.” Thank you.</li><h2>Who to call first</h2>"
    assert page_sentences(html_text) == ["Call now.", "Then email us.", "“Hello.", "Thank you.", "Who to call first"]


# --- the one source: data/rules.yml -------------------------------------------------------------


def test_the_agency_s_own_policy_replaces_the_neutral_line(pages, the_rules):
    """What the agency does after a missed interview it set up: extra.agency's own words when it
    wrote some, else the neutral line of data/rules.yml (which the contact page shows today)."""
    assert the_rules.text("agency_policy") in " ".join(pages["contact/"])
    own = rules.load(DATA, {**agency(), rules.POLICY_KEY: "Your recruiter will call you back the same day."})
    assert own.text("agency_policy") == "Your recruiter will call you back the same day."


def test_a_broken_rules_file_names_file_line_and_field(tmp_path):
    from sitegen.datafiles import DataFileError

    text = (DATA / rules.FILE).read_text(encoding="utf-8")
    broken = tmp_path / rules.FILE
    broken.write_text(text.replace("texting: ", "texting: <b>", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        rules.load(tmp_path, agency())
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if row.startswith("texting:"))
    assert f"rules.yml:{line}: field 'texting': plain text only" in str(caught.value)


def test_an_unknown_rule_token_says_did_you_mean(the_rules):
    from sitegen.datafiles import DataFileError

    with pytest.raises(DataFileError, match=r"unknown token '\{\{ rule\.texing \}\}': did you mean \{\{ rule\.texting \}\}\?"):
        rules.fill("Before. {{ rule.texing }}", the_rules, where="docs/x.md")
    assert rules.fill("{{ rule.own_job }}", the_rules, where="docs/x.md") == the_rules.text("own_job")
    assert "](tel:" in rules.fill("{{ rule.agency_first }}", the_rules, where="docs/x.md", markdown=True)
