"""Money amounts written the Danish way in text ("13 mio. kr.", "tretten millioner").

One place for this knowledge: the linker compares an item's amounts with an event's anchors,
and relevance tells one budget from another by them.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "en": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8,
    "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19, "tyve": 20, "tredive": 30,
    "fyrre": 40, "halvtreds": 50, "hundrede": 100,
}  # fmt: skip
_SCALE = {
    "mio": 1_000_000, "million": 1_000_000, "millioner": 1_000_000,
    "mia": 1_000_000_000, "milliard": 1_000_000_000, "milliarder": 1_000_000_000,
}  # fmt: skip
_AMOUNT = re.compile(
    r"\b(\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*"
    r"(mio|millioner|million|mia|milliarder|milliard)\b\.?",
)


def amounts(text: str) -> list[str]:
    """Money amounts as normalised tokens: "13 mio. kr." and "tretten millioner" → amount:13000000."""
    out: list[str] = []
    low = text.lower()
    if "mio" not in low and "milli" not in low and "mia" not in low:
        return out  # most texts name no amount; skip the costly alternation
    for m in _AMOUNT.finditer(low):
        raw = m.group(1).lower()
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw.replace(",", "."))
        out.append(f"amount:{round(value * _SCALE[m.group(2).lower()])}")
    return out
