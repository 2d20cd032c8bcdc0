"""The shape of a person's name: splitting a list of writers, telling a name from other text."""

from __future__ import annotations

import re

_NAME_SPLIT = re.compile(r"\s+(?:og|and|und|&)\s+|\s*[,;]\s*")
_NON_WORD = re.compile(r"[\W_]+")
_EMAIL = re.compile(r"\S@\S+\.\w")
# Lower-case words that belong inside a name ("Ursula von der Leyen", "Rafael de la Cruz").
_PARTICLES = frozenset(
    {"af", "da", "de", "del", "den", "der", "di", "du", "la", "le", "van", "von"}
)


# Words of the links beside a writer's name to the writer's page ("Vis hele min profil", "Se
# alle artikler", "View my complete profile", "See all posts").
_LINK_WORDS = frozenset(
    {"alle", "hele", "min", "mit", "mine", "flere", "mere", "artikler", "indlæg", "profil",
     "all", "my", "complete", "more", "profile", "posts", "articles", "stories"}
)  # fmt: skip


# A building's or a place's name, where a person's name may stand. A Danish compound ends in
# the noun ("Kulturhus", "Rådhuspladsen", "Medborgerhuset"); an English or German name has it
# as a word of its own ("City Hall", "Rathaus"). Surnames that are such words ("Park", "Gade",
# "Holm", "-gaard") are not listed; the few surnames that end in "-hus" ("Nyhus") lose their
# signature, which leaves a letter without a writer rather than naming a building as one.
_PLACE_SUFFIXES = (
    "hus", "huset", "hallen", "centret", "skolen", "kirken", "biblioteket", "pladsen",
    "torvet", "parken", "teatret",
)  # fmt: skip
_PLACE_WORDS = frozenset(
    {"hall", "house", "haus", "center", "centre", "centrum", "school", "church", "kirche",
     "library", "square", "platz", "theatre", "theater", "council", "rathaus", "kirke",
     "skole", "bibliotek", "plads", "torv", "teater", "kommune"}
)  # fmt: skip


def names_a_place(text: str) -> bool:
    """Whether ``text`` ends in a building's or a place's noun ("Borgernes Hus", "Valby
    Kulturhus", "Copenhagen City Hall"): a venue named where a person's name may stand."""
    words = text.split()
    if not words:
        return False
    last = words[-1].casefold()
    return last in _PLACE_WORDS or last.endswith(_PLACE_SUFFIXES)


def looks_like_full_name(text: str) -> bool:
    """Whether ``text`` reads as a full name: 2-5 words, capitalised but for particles."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if not words[0][0].isupper():
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised >= 2 and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


def reads_as_phrase(text: str) -> bool:
    """Whether ``text`` is a link's words, not a name: two or more of its words after the first
    are in lower case and no particles, one of them a word of a site's links to its writers'
    pages ("Vis hele min profil", "Se alle artikler"). An organisation's name has lower-case
    words too ("Foreningen af fleksjobbere i Hovedstaden"), and so have some people's."""
    lower = 0
    linking = False
    for word in text.split()[1:]:
        if word[0].islower() and word not in _PARTICLES:
            lower += 1
            linking = linking or word in _LINK_WORDS
            if lower >= 2 and linking:
                return True
    return False


def name_key(name: str) -> str:
    """``name`` as a URL slug, so "Emma Holm" and the "emma-holm" some tags give are one writer."""
    return "-".join(_NON_WORD.split(name.casefold())).strip("-")


def is_credit_not_name(value: str) -> bool:
    """Whether an author field holds an address or a parenthesised photo credit, not a name."""
    return value.startswith(("http:", "https:", "(")) or _EMAIL.search(value) is not None


def split_names(raw: str) -> list[str]:
    """Split "A og B", "A, B and C" into names; a single name stays whole.

    Splits only when every part is a full name, so "Holm, Mette" (surname first) and
    "Mette Holm, Ritzau" (a writer and an agency) stay one entry as written.
    """
    parts = [p.strip() for p in _NAME_SPLIT.split(raw) if p and p.strip()]
    if len(parts) > 1 and all(looks_like_full_name(p) for p in parts):
        return parts
    return [raw.strip()]
