"""Turn Danish text into the features the linker compares: stems, amounts and mentioned dates.

Everything here is a pure function of the text (and, for relative dates, the item's own local
date), so an item version is analysed once and the result can be cached by content hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import Stemmer

from mediespor.amounts import amounts
from mediespor.danish_dates import MONTH_NAMES, MONTHS, RELATIVE_DAYS
from mediespor.topic.text import normalise

#: Only long bodies are truncated: the first words of an article say what it is about, and the
#: tail of a long feature would otherwise dominate the term counts.
MAX_BODY_WORDS = 400

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

#: Danish function words. Domain-frequent words (københavn, kommune, borger) are left to IDF.
STOPWORDS = frozenset(
    """
    af alle allerede alligevel altid andre at bag bare begge blev blive bliver da de dem den
    denne der deres det dette dig din disse dog du efter eller en end endnu er et ether fik
    flere fordi fra få får før gennem god han har havde have hende hendes her hos hun hvad
    hvem hver hvilke hvis hvor hvordan hvorfor hvornår i igen ikke ind ingen inden jeg jer
    jo kan kom komme kommer kun kunne lidt man mange med meget mellem men mens mere mig min
    mod må måske ned nej noget nogle nok nu når og også om op os over på sammen selv sig sin
    sine sit skal skulle som stadig så sådan thi til ud uden under ved vi vil ville vores
    være været været blandt omkring siger sagde fortæller ifølge
    """.split()  # noqa: SIM905
)

#: Heads of the dispute's compounds. A token that contains a head also counts as the head, so
#: "førtidspensionssager" meets "førtidspension" and "beskæftigelsesborgmester" meets "borgmester".
COMPOUND_HEADS: tuple[str, ...] = (
    "førtidspension",
    "fleksjob",
    "ressourceforløb",
    "jobcent",
    "sagsbehandl",
    "principafgør",
    "ankestyr",
    "borgmest",
    "rådhus",
    "kontanthjælp",
    "klagesag",
    "demonstr",
    "udvalg",
)

_MONTHS = MONTHS
_DATE_DM = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
    r"(?:\s+(\d{4}))?",
)
_MONTH_PREFIXES = tuple(name[:3] for name in MONTH_NAMES)
_DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:[-/](\d{4}|\d{2}))?\b")
_RELATIVE = RELATIVE_DAYS
_RELATIVE_RE = re.compile(r"\b(" + "|".join(RELATIVE_DAYS) + r")\b")
_WEEKDAYS = {
    "mandag": 0,
    "tirsdag": 1,
    "onsdag": 2,
    "torsdag": 3,
    "fredag": 4,
    "lørdag": 5,
    "søndag": 6,
}
# "på onsdag" is the coming one; a bare weekday in news is the latest one (today included).
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")s?\b")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("danish")


def words(text: str) -> list[str]:
    """Case-folded word tokens of ``text`` (letters and digits; hyphens split)."""
    return _WORD.findall(normalise(text))


def stems(text: str, *, limit: int | None = None) -> list[str]:
    """Snowball-Danish stems of the content words of ``text``, in order (stopwords dropped)."""
    ws = [w for w in words(text) if w not in STOPWORDS]
    if limit is not None:
        ws = ws[:limit]
    return _stemmer().stemWords(ws)


def stem_word(word: str) -> str:
    """The Snowball-Danish stem of one case-folded word."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=200_000)
def heads_of(stem: str) -> tuple[str, ...]:
    """The compound heads inside ``stem`` (itself excluded)."""
    return tuple(h for h in COMPOUND_HEADS if h in stem and stem != h)


def with_heads(stem_list: list[str]) -> list[str]:
    """``stem_list`` plus the compound head of every stem that contains one but is longer."""
    extra = [h for s in stem_list for h in heads_of(s)]
    return stem_list + extra


def _resolve_year(day: int, month: int, year: int | None, ref: date | None) -> date | None:
    try:
        if year is not None:
            return date(year if year > 100 else 2000 + year, month, day)
        if ref is None:
            return None
        d = date(ref.year, month, day)
    except ValueError:
        return None
    # News mostly looks back: a date without year more than a month ahead of the item is last
    # year's ("28. juni" in a January article), and one almost a year back is next year's
    # ("5. januar" in a December article).
    if d > ref + timedelta(days=31):
        d = d.replace(year=d.year - 1)
    elif d < ref - timedelta(days=334):
        d = d.replace(year=d.year + 1)
    return d


def mentioned_dates(text: str, ref: date | None) -> list[date]:
    """Calendar dates the text names ("28. juni", "28/6", "i går"), resolved against ``ref``."""
    found: set[date] = set()
    text = text.lower()
    # Cheap substring checks first: most texts name no date, and each regex scan costs ~10 µs.
    if any(m in text for m in _MONTH_PREFIXES):
        found.update(_day_month_dates(text, ref))
    if "/" in text:
        found.update(_slash_dates(text, ref))
    if ref is not None and "dag" in text:
        for m in _WEEKDAY_RE.finditer(text):
            wd = _WEEKDAYS[m.group(1)]
            if text[max(0, m.start() - 3) : m.start()] == "på ":
                found.add(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7))
            else:
                found.add(ref - timedelta(days=(ref.weekday() - wd) % 7))
    if ref is not None and "i " in text:
        for m in _RELATIVE_RE.finditer(text):
            found.add(ref + timedelta(days=_RELATIVE[m.group(1)]))
    return sorted(found)


def _day_month_dates(text: str, ref: date | None) -> Iterator[date]:
    for m in _DATE_DM.finditer(text):
        d = _resolve_year(int(m.group(1)), _MONTHS[m.group(2)], _year(m.group(3)), ref)
        if d:
            yield d


def _slash_dates(text: str, ref: date | None) -> Iterator[date]:
    for m in _DATE_SLASH.finditer(text):
        month = int(m.group(2))
        if 1 <= month <= 12:
            d = _resolve_year(int(m.group(1)), month, _year(m.group(3)), ref)
            if d:
                yield d


def _year(raw: str | None) -> int | None:
    return int(raw) if raw else None


#: Title words weigh more than body words: a headline says what the item is about.
TITLE_WEIGHT = 2


@dataclass(frozen=True)
class Analysis:
    """What the linker needs of one item version (or one event)."""

    local_date: date | None
    title_stems: tuple[str, ...]
    body_stems: tuple[str, ...]
    amounts: tuple[str, ...]
    dates: tuple[date, ...]
    #: ``items.published_precision`` (time | day | month | year; None when undated).
    precision: str | None = None

    def sequence(self) -> str:
        """All stems joined by single spaces with a leading and trailing space (phrase search)."""
        return " " + " ".join(self.title_stems + self.body_stems) + " "


def analyse_item(
    title: str | None,
    lead: str | None,
    text: str | None,
    local_date: date | None,
    precision: str | None = None,
) -> Analysis:
    """Analyse one item version: title and lead+text stems, amounts, mentioned dates.

    ``local_date`` is the Europe/Copenhagen date of publication (``items.published_at`` read by ``danish_dates.sql_local``);
    relative dates in the text ("i går") are resolved against it when it names a day.
    """
    coarse = precision in ("month", "year")
    ref = None if coarse else local_date
    title = title or ""
    body = " ".join(p for p in (lead, text) if p)
    full = f"{title}\n{body}"
    return Analysis(
        local_date=local_date,
        title_stems=tuple(stems(title)),
        body_stems=tuple(stems(body, limit=MAX_BODY_WORDS)),
        amounts=tuple(amounts(full)),
        dates=tuple(mentioned_dates(full, ref)),
        precision=precision,
    )


def term_bag(a: Analysis) -> list[str]:
    """The item's terms for TF-IDF: title stems twice, body stems, compound heads, amounts."""
    return with_heads(list(a.title_stems) * TITLE_WEIGHT + list(a.body_stems)) + list(a.amounts)
