"""Guide pages read at Flesch-Kincaid grade 8 or lower, measured on the rendered text."""

from __future__ import annotations

import pytest

from testkit.readability import grade
from testkit.site_pages import GUIDE_PAGES, article_sentences, page_file, url_of

MAX_GRADE = 8.0
# Generated pages a stressed reader lands on first: the situation pages and the newer messages.
FIRST_PAGES = [
    "situations/index.md",
    "situations/missed.md",
    "situations/late.md",
    "situations/no-show.md",
    "situations/move.md",
    "templates/childcare-or-shift.md",
    "templates/overslept-or-phone-died.md",
    "templates/video-link-failed.md",
    "templates/no-reply-yet.md",
    "templates/recruiter-after-no-show.md",
    "templates/ask-for-accommodation.md",
    "templates/transport.md",
    "templates/illness.md",
]


def _assert_reads_at_grade_8(built_site, src: str, *, min_words: int) -> None:
    """The page's article, measured as a reader gets it; too few words means nothing was measured."""
    text = article_sentences(page_file(built_site, url_of(src)).read_text(encoding="utf-8"))
    assert len(text.split()) > min_words, f"{src}: too little text measured; is the article empty?"
    level = grade(text)
    assert level <= MAX_GRADE, f"{src} reads at grade {level:.1f}"


@pytest.mark.parametrize("src", GUIDE_PAGES)
def test_guide_page_reads_at_grade_8_or_lower(built_site, src):
    _assert_reads_at_grade_8(built_site, src, min_words=80)


@pytest.mark.parametrize("src", FIRST_PAGES)
def test_first_pages_read_at_grade_8_or_lower(built_site, src):
    _assert_reads_at_grade_8(built_site, src, min_words=20)


def test_measure_sees_hard_text():
    """The measure itself works: dense text scores well above the bar."""
    hard = (
        "<article class='md-content__inner'><p>Notwithstanding organizational considerations, "
        "prospective candidates demonstrating insufficient punctuality jeopardize "
        "employment opportunities irrespective of extenuating circumstances.</p></article>"
    )
    assert grade(article_sentences(hard)) > 12


def test_syllables_come_from_the_pronouncing_dictionary():
    """The grade uses the CMU dictionary (loaded once), not only the hyphenation fallback."""
    import textstat

    # The dictionary gives "idea" three syllables; the hyphenation fallback would count one.
    assert textstat.syllable_count("idea") == 3
