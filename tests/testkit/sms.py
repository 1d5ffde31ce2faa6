"""Text-message length as phones count it, for tests (docs/assets/javascripts/lib/sms.js is the
page's own count; tests/js/sms.test.mjs checks that one).

GSM-7 holds 160 characters in one message (153 a message when split); one character outside it
(an emoji, or Spanish á, í, ó, ú) makes the whole message UCS-2: 70 characters, 67 when split.
"""

from __future__ import annotations

GSM_BASIC = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENSION = set("^{}\\[~]|€\f")
LIMITS = {"gsm": (160, 153), "ucs2": (70, 67)}


def gsm_septets(text: str) -> int | None:
    """The GSM-7 length of a text (extension characters count two), or None when it needs UCS-2."""
    if any(c not in GSM_BASIC and c not in GSM_EXTENSION for c in text):
        return None
    return sum(2 if c in GSM_EXTENSION else 1 for c in text)


def segments(text: str) -> tuple[str, int]:
    """(encoding, messages a phone sends) for ``text``: "gsm" or "ucs2"."""
    septets = gsm_septets(text)
    encoding, length = ("gsm", septets) if septets is not None else ("ucs2", len(text.encode("utf-16-le")) // 2)
    single, split = LIMITS[encoding]
    return encoding, 1 if length <= single else -(-length // split)
