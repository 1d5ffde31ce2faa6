"""Fernández-Huerta readability of Spanish text, with a syllable counter of our own.

textstat's Spanish syllable count comes out about half a syllable a word too low (it reads
"ciudad" as one), which pushes scores up; the rules of Spanish syllables are regular enough to
count them exactly from the spelling: one syllable per vowel nucleus, where a weak vowel (i, u,
unaccented) joins the vowel next to it in a diphthong and two strong vowels split (hiatus).
tests/test_readability_es.py checks the counter on a word list.
"""

from __future__ import annotations

import re
import unicodedata

STRONG = set("aeoáéóíú")  # an accented í or ú is strong: "país", "día" split
WEAK = set("iuü")
VOWELS = STRONG | WEAK
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A sentence ends at . ? ! … or a colon that closes a line, before a space or the end.
SENTENCE_END = re.compile(r"[.?!…]+[\"”»)]*(?=\s|$)|:\s*\n")


def syllables(word: str) -> int:
    """How many syllables ``word`` has in Spanish (at least 1 for any word with a letter)."""
    w = unicodedata.normalize("NFC", word.lower())
    w = re.sub(r"(?<=[qg])u(?=[eiéí])", "", w)  # "que", "guiso": the u is silent
    w = re.sub(r"y(?![aeiouáéíóú])", "i", w)  # "hoy", "muy", "y": a final y is a vowel
    count = 0
    previous = ""
    for letter in w:
        if letter in VOWELS:
            if not previous or (previous in STRONG and letter in STRONG):
                count += 1  # a new nucleus: after a consonant, or a hiatus of two strong vowels
            previous = letter
        else:
            previous = ""
    return max(count, 1) if any(c.isalpha() for c in w) else 0


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentence ends, and one more when words follow the last end (a line without a stop)."""
    ends = list(SENTENCE_END.finditer(text))
    tail = text[ends[-1].end():] if ends else text
    return max(1, len(ends) + (1 if WORD.search(tail) else 0))


def fernandez_huerta(text: str) -> float:
    """206.84 − 0.60 × syllables per 100 words − 1.02 × words per sentence (Law's corrected
    form). 70 and above reads at about grade 8 or lower."""
    found = words(text)
    if not found:
        return 100.0
    per_100_words = 100 * sum(syllables(w) for w in found) / len(found)
    per_sentence = len(found) / sentence_count(text)
    return 206.84 - 0.60 * per_100_words - 1.02 * per_sentence
