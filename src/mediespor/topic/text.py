"""Danish-aware normalisation and tokenisation shared by the topic matcher and the linker."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

# Word characters: letters (æ, ø, å included) and digits. Hyphens split compounds written with a
# hyphen ("førtidspensions-ansøgere") into parts that are matched separately.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

#: Danish inflectional endings (definite, plural, genitive and their combinations). A bare query
#: term matches a token equal to the term plus one of these, so "førtidspension" meets
#: "førtidspensionen", "førtidspensioner", "førtidspensionens".
DANISH_SUFFIXES: tuple[str, ...] = (
    "",
    "e",
    "en",
    "et",
    "er",
    "ne",
    "s",
    "es",
    "ens",
    "ets",
    "ers",
    "ene",
    "erne",
    "enes",
    "ernes",
    "nes",
    "ns",
)


def normalise(text: str) -> str:
    """NFC-normalise and case-fold ``text`` (æ/ø/å are kept, not transliterated)."""
    return unicodedata.normalize("NFC", text).casefold()


#: How Danish letters are written in URL slugs (tv2lorry.dk/koebenhavn/foertidspension-...).
_FOLD_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue",
                 "é": "e", "è": "e", "á": "a", "à": "a"}  # fmt: skip
_FOLD = str.maketrans(_FOLD_LETTERS)


_FOLD_UPPER = str.maketrans({k.upper(): v.upper() for k, v in _FOLD_LETTERS.items()})


def ascii_fold(text: str, *, keep_case: bool = False) -> str:
    """Write Danish letters the way URL slugs do (ø → oe, æ → ae, å → aa).

    Normalised and case-folded unless ``keep_case`` (a query's AND/OR/NOT must stay upper case).
    """
    if keep_case:
        nfc = unicodedata.normalize("NFC", text)
        return nfc.translate(_FOLD).translate(_FOLD_UPPER)
    return normalise(text).translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Split normalised text into word tokens."""
    return _WORD.findall(normalise(text))


def inflections(term: str) -> set[str]:
    """Surface forms of a Danish term: the term plus inflectional endings.

    A final consonant may be doubled before an ending ("fleksjob" → "fleksjobbet").
    """
    forms = {term + s for s in DANISH_SUFFIXES}
    if term and term[-1] not in "aeiouyæøå" and term[-1].isalpha():
        doubled = term + term[-1]
        forms |= {doubled + s for s in DANISH_SUFFIXES if s}
    if len(term) > 4 and term[-2:] in ("er", "el"):
        # Syncope: the unstressed e drops before an ending ("jobcenter" → "jobcentret",
        # "jobcentrene"; "borgmester" → "borgmestre"; "artikel" → "artiklen").
        stem = term[:-2] + term[-1]
        forms |= {stem + s for s in ("e", "en", "et", "ene", "ets", "ens", "es", "enes", "ets")}
    return forms


def prefix_forms(prefix: str) -> tuple[str, ...]:
    """Prefixes that stand for ``prefix*``, including the syncopated stem of -er/-el words.

    "jobcenter*" must find "jobcentret" and "jobcentrene", whose e has dropped; the stem is only
    taken before an "e" ("jobcentre…"), which every such inflection has.
    """
    if len(prefix) > 4 and prefix[-2:] in ("er", "el"):
        return (prefix, prefix[:-2] + prefix[-1] + "e")
    return (prefix,)


@dataclass
class TokenizedText:
    """A text analysed once and then queried by many terms."""

    words: list[str]
    unique: set[str] = field(init=False)
    _sorted: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.unique = set(self.words)
        self._sorted = sorted(self.unique)

    @classmethod
    def of(cls, text: str) -> TokenizedText:
        """Tokenise ``text``."""
        return cls(tokens(text))

    def has_form(self, forms: set[str]) -> bool:
        """True when any of ``forms`` occurs as a token."""
        return not self.unique.isdisjoint(forms)

    def has_prefix(self, prefix: str) -> bool:
        """True when any token starts with ``prefix``."""
        i = bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)
