"""Guide pages read at Flesch-Kincaid grade 8 or lower, measured on the rendered text."""

from __future__ import annotations

import pytest

from sitegen import translations
from sitegen.project import ROOT
from testkit.project_data import ids_of
from testkit.readability import grade
from testkit.site_pages import GUIDE_PAGES, article_sentences, page_file, url_of

MAX_GRADE = 8.0
# Generated pages a stressed reader lands on first: the situation pages and the messages,
# every one the data has.
FIRST_PAGES = [
    "situations/index.md",
    *(f"situations/{situation_id}.md" for situation_id in ids_of("situations")),
    *(f"templates/{template_id}.md" for template_id in ids_of("templates")),
]


def _assert_reads_at_grade_8(built_site, src: str, *, min_words: int) -> None:
    """The page's article, measured as a reader gets it; too few words means nothing was measured."""
    text = article_sentences(page_file(built_site, url_of(src)).read_text(encoding="utf-8"))
    assert len(text.split()) > min_words, f"{src}: too little text measured; is the article empty?"
    level = grade(text)
    assert level <= MAX_GRADE, f"{src} reads at grade {level:.1f}, above {MAX_GRADE:.0f}: write shorter sentences and plainer words"


@pytest.mark.parametrize("src", GUIDE_PAGES)
def test_guide_page_reads_at_grade_8_or_lower(built_site, src):
    _assert_reads_at_grade_8(built_site, src, min_words=80)


@pytest.mark.parametrize("src", FIRST_PAGES)
def test_first_pages_read_at_grade_8_or_lower(built_site, src):
    _assert_reads_at_grade_8(built_site, src, min_words=20)


@pytest.mark.real_site
def test_every_hand_written_page_is_graded():
    """A new guide page is measured the moment it is in docs/: none is left out of the list."""
    written = sorted(path.relative_to(ROOT / "docs").as_posix() for path in translations.english_pages(ROOT))  # es/: graded in Spanish
    assert sorted(GUIDE_PAGES) == written


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
