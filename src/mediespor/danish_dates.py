"""Find dates written the Danish way in free text ("29. juni 2017 kl. 14.32", "i går").

Used for visible date lines on article pages and for dates in curated link lists. Written as a
handful of regular expressions rather than dateparser because dateparser fails on common Danish
forms ("d. 28. juni", "Opdateret …") and is slow on long texts.

Times without an offset are Copenhagen local time (CET/CEST). Relative phrases ("i går",
"for 3 timer siden") need the moment they were read (``now``); without it they yield nothing,
because guessing would silently date an article to the day of the crawl.

This module is also the one home of Danish calendar words (month names, "i går"), of the
Copenhagen zone, for Python (:data:`CPH`, :func:`in_copenhagen`) and for SQL
(:func:`sql_local`), and of ISO 8601 parsing (:func:`parse_iso`).

The one rule for a written time without an offset, wherever it is read (a page's metadata, a
feed, a sitemap, a listing, an import): it is Copenhagen local time, and a date alone is the
local midnight that starts it (as :mod:`mediespor.date_interval` stores coarse dates). The
sites followed are Danish and write local time. Only a format that names its zone says
otherwise (WordPress's ``date_gmt`` is UTC by definition). Inside the program a naive
datetime is a Copenhagen wall-clock reading (what SQL's ``AT TIME ZONE`` hands out), except a
reference time ``now``, which is UTC, as clocks hand them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

#: The zone every local date in the project is read in (pages, events, reports).
ZONE_NAME = "Europe/Copenhagen"
CPH = ZoneInfo(ZONE_NAME)

#: Years outside this range are taken as noise (page counters, prices), not dates.
MIN_YEAR = 1990
MAX_YEAR = 2100

#: Full Danish month names, for writing dates the way readers expect ("28. juni 2017").
MONTH_NAMES = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip

#: Danish month words as written in dates: full names and the abbreviations ("sept." too).
MONTHS: dict[str, int] = {
    **{name: n for n, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3]: n for n, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
#: Relative day words and their offset in days from the day they were written.
RELATIVE_DAYS = {"i dag": 0, "i går": -1, "i forgårs": -2, "i morgen": 1}
# A page is dated by the days up to the one it was read on, never by "i morgen".
_PAST_DAY_WORDS = "|".join(w.removeprefix("i ") for w, n in RELATIVE_DAYS.items() if n <= 0)

_MONTH = (
    r"(?:jan(?:uar)?|feb(?:ruar)?|mar(?:ts)?|apr(?:il)?|maj|jun(?:i)?|jul(?:i)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = (
    r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|man|tirs|tir|ons|tors|tor|fre|lør|søn)"
)
# "kl. 14.32" allows a dot; without "kl." only "14:32" counts, so "2017. 12.000" is not a time.
# Date lines set the time apart with a comma, a dash or a bar ("28. juni 2017 - 14:32").
_TIME = (
    r"(?:\s*[,|\u2013-]?\s*(?:(?:kl\.?|klokken)\s*(?P<{p}h>\d{{1,2}})[.:](?P<{p}m>\d{{2}})"
    r"|(?P<{p}h2>\d{{1,2}}):(?P<{p}m2>\d{{2}}))(?::\d{{2}})?(?!\d))?"
)
# A time written before its date ("kl. 14.32, 28. juni 2017"): only after "kl." and before a
# date in words (each form tried at every word start costs every date search more: a sixth
# for "14:32" and all forms, 3% for numeric dates), and with a separator after it, so that
# "kl. 14.32 28. juni" (an update time beside a date line) stays two things.
_LEAD_TIME = r"(?:(?:kl\.?|klokken)\s*(?P<{p}lh>\d{{1,2}})[.:](?P<{p}lm>\d{{2}})\s*[,|\u2013-]\s*)?"

_PATTERN = re.compile(
    # Every form starts a word with a letter or digit; checking that first makes the scan ~4x
    # faster on long texts (the alternatives below are only tried at word starts).
    r"(?<!\w)(?=[\dA-Za-zæøåÆØÅ])(?:"
    # ISO 8601: 2017-06-29, 2017-06-29T14:32:00+02:00
    r"(?<![\d\w])(?P<iy>\d{4})-(?P<imo>\d{2})-(?P<id>\d{2})"
    r"(?:[T ](?P<ih>\d{2}):(?P<imi>\d{2})(?::(?P<is>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<itz>Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
    # textual: [onsdag] [den|d.] 28. juni [2017] [kl. 14.32]
    r"|(?<![\w])" + _LEAD_TIME.format(p="t") + r"(?:" + _WEEKDAY + r"\.?,?\s+)?(?:(?:den|d\.)\s*)?"
    r"(?P<td>\d{1,2})\.?\s*(?P<tmo>" + _MONTH + r")\b\.?"
    r"(?:\s*(?P<ty>\d{4})(?!\d))?" + _TIME.format(p="t") +
    # numeric: 28.06.2017, 28/6 2017, 29/6-2017, 28-06-2017, 28.06.17, [den|d.] 28/6
    r"|(?<![\w.,/])(?:(?P<nden>den|d\.)\s*)?(?P<nd>\d{1,2})"
    # Dashes only in a whole day with a four-digit year ("28-06-2017"): "27-28. juni" is a range.
    # Not after a dash either: "rapport-13-06-2016.pdf" names a file, "27-28-06-2017" a range.
    r"(?P<nsep>[./]|(?<!-\d)(?<!-\d\d)-(?=\d{1,2}-\d{4}(?!\d)))"
    # A two-digit year follows the same separator ("28.06.17"): in "kl. 14.32 28. juni" the
    # "14.32 28" is a time beside a date, not a date.
    # Without a year, a closing dot may end it ("28.06. kl. 14.32").
    r"(?P<nmo>\d{1,2})(?:(?:(?P=nsep)|\s|-)(?P<ny>\d{4})|(?P=nsep)(?P<ny2>\d{2})|\.(?=\s))?"
    r"(?![\d/]|\.\d)" + _TIME.format(p="n") +
    # month only: juni 2017
    r"|(?<![\w])(?P<mmo>" + _MONTH + r")\b\.?\s+(?P<my>\d{4})(?!\d)"
    # relative: i dag, i går [kl. 22.10], i forgårs, for 3 timer siden
    # "Idag" and "Igår" in one word too, as many sites write them.
    r"|(?<![\w])i\s*(?P<rday>" + _PAST_DAY_WORDS + r")\b" + _TIME.format(p="r") +
    r"|(?<![\w])for\s+(?P<rn>\d{1,3}|en|et|ét)\s+"
    r"(?P<runit>minutter|minut|min\.?|timer|time|dage|dag|uger|uge|sekunder|sekund)\s+siden\b"
    r")",
    re.IGNORECASE,
)  # fmt: skip

_UNIT_SECONDS = {"sek": 1, "min": 60, "tim": 3600, "dag": 86400, "uge": 7 * 86400}


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text, with how precise it is and where it was."""

    value: datetime
    precision: str
    text: str
    start: int
    end: int


def sql_local(expr: str) -> str:
    """SQL for the Copenhagen wall-clock time of the TIMESTAMPTZ ``expr`` (DuckDB)."""
    return f"{expr} AT TIME ZONE '{ZONE_NAME}'"


def parse_iso(text: str, *, naive: tzinfo = CPH) -> datetime | None:
    """``text`` as an ISO 8601 date or date and time (aware), or None when it is not one.

    Without an offset the value is read in ``naive``, Copenhagen unless the format names its
    zone (see the module's rule); "Z" or "z" is UTC.
    """
    text = text.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=naive)


def in_copenhagen(ts: datetime) -> datetime:
    """``ts`` in Copenhagen time; a naive ``ts`` is a Copenhagen wall-clock reading already."""
    return ts.replace(tzinfo=CPH) if ts.tzinfo is None else ts.astimezone(CPH)


def _read_at(now: datetime) -> datetime:
    """The reference time in Copenhagen time (a naive ``now`` is UTC, as clocks give it)."""
    return in_copenhagen(now if now.tzinfo else now.replace(tzinfo=UTC))


def _at(d: date, hour: int | None, minute: int | None) -> tuple[datetime, str]:
    if hour is None or minute is None:
        return datetime.combine(d, time(0, 0), tzinfo=CPH), "day"
    return datetime.combine(d, time(hour, minute), tzinfo=CPH), "time"


def _clock(m: re.Match[str], p: str) -> tuple[int | None, int | None]:
    h = m.group(p + "h") or m.group(p + "h2")
    mi = m.group(p + "m") or m.group(p + "m2")
    if h is None and p == "t":  # the time after the date wins over one before it
        h, mi = m.group(p + "lh"), m.group(p + "lm")
    if h is None or mi is None:
        return None, None
    hour, minute = int(h), int(mi)
    if hour > 23 or minute > 59:
        return None, None
    return hour, minute


def _year(text: str | None, month: int, day: int, now: datetime | None) -> int | None:
    if text is not None:
        y = int(text)
        if len(text) == 2:
            y += 2000 if y < 70 else 1900
        return y
    if now is None:
        return None
    # A date without year is the most recent such day up to the day of reading, never later:
    # "28. juni" read on 2 January 2018 is 28 June 2017 (news pages talk about the past).
    today = _read_at(now).date()
    for y in (today.year, today.year - 1):
        try:
            if date(y, month, day) <= today:
                return y
        except ValueError:
            continue
    return None


def _tz(text: str) -> timezone:
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _convert(
    m: re.Match[str], now: datetime | None, month_first: bool = False, short_year: bool = False
) -> tuple[datetime, str] | None:
    g = m.group
    if g("iy"):
        d = date(int(g("iy")), int(g("imo")), int(g("id")))
        if g("ih") is None:
            return _at(d, None, None)
        hour, minute, sec = int(g("ih")), int(g("imi")), int(g("is") or 0)
        tz = _tz(g("itz")) if g("itz") else CPH
        return datetime.combine(d, time(hour, minute, sec), tzinfo=tz), "time"
    if g("td"):
        day, month = int(g("td")), MONTHS[g("tmo")[:3].lower()]
        year = _year(g("ty"), month, day, now)
        return None if year is None else _at(date(year, month, day), *_clock(m, "t"))
    if g("nd"):
        day, month = int(g("nd")), int(g("nmo"))
        # Where the page's language writes the month first ("1-2-2017" is 2 January in
        # American English), a first number that can be a month is one; dots are day first
        # everywhere, and "28/6/2017" can only be day first.
        if month_first and g("nsep") != "." and day <= 12:
            day, month = month, day
        ny = g("ny") or g("ny2")
        # "3.5" or "1/2" alone is a number; "28.06.17" with one-digit parts is a version string.
        # A clock time beside it makes it a day ("28/6 kl. 14.32").
        if ny is None and g("nden") is None and g("nh") is None and g("nh2") is None:
            return None
        # So is a clock time after it ("28.6.17 kl. 14.32"), or a caller that knows the text
        # is a date line (``short_year``).
        if (
            ny is not None
            and len(ny) == 2
            and (len(g("nd")) < 2 or len(g("nmo")) < 2)
            and not short_year
            and g("nh") is None
            and g("nh2") is None
        ):
            return None
        year = _year(ny, month, day, now)
        return None if year is None else _at(date(year, month, day), *_clock(m, "n"))
    if g("mmo"):
        month = MONTHS[g("mmo")[:3].lower()]
        return datetime(int(g("my")), month, 1, tzinfo=CPH), "month"
    if now is None:
        return None
    local = _read_at(now)
    if g("rday"):
        offset = RELATIVE_DAYS["i " + g("rday").lower()]
        return _at(local.date() + timedelta(days=offset), *_clock(m, "r"))
    count = g("rn").lower()
    n = 1 if count in ("en", "et", "ét") else int(count)
    seconds = n * _UNIT_SECONDS[g("runit")[:3].lower()]
    if seconds >= 86400:
        return _at(local.date() - timedelta(seconds=seconds), None, None)
    return (local - timedelta(seconds=seconds)).replace(second=0, microsecond=0), "time"


def _iter_dates(
    text: str, now: datetime | None, month_first: bool, short_year: bool = False
) -> Iterator[ParsedDate]:
    for m in _PATTERN.finditer(text or ""):
        try:
            converted = _convert(m, now, month_first, short_year)
        except (ValueError, OverflowError):
            continue  # 31. februar, 99/99: looks like a date, is not one
        if converted is None or not MIN_YEAR <= converted[0].year <= MAX_YEAR:
            continue
        span = m.group(0).rstrip()
        yield ParsedDate(converted[0], converted[1], span, m.start(), m.start() + len(span))


def find_danish_dates(
    text: str, *, now: datetime | None = None, month_first: bool = False
) -> list[ParsedDate]:
    """All dates in ``text``, in order; relative phrases only when ``now`` is given.

    ``month_first`` reads a numeric date with dashes or slashes whose first number can be a
    month as month first ("1-2-2017" is 2 January), as American English writes it; the
    default is the Danish day first.
    """
    return list(_iter_dates(text, now, month_first))


def parse_danish_date(
    text: str, *, now: datetime | None = None, month_first: bool = False, short_year: bool = False
) -> ParsedDate | None:
    """The first date in ``text``, or ``None`` when there is none (``month_first`` as in
    :func:`find_danish_dates`).

    A two-digit year after a one-digit day or month ("28.6.17") is a version string unless a
    clock time follows it or ``short_year`` says the text is known to be a date line.
    """
    return next(_iter_dates(text, now, month_first, short_year), None)


@dataclass(frozen=True)
class WholeDate:
    """A string that is one Danish date and nothing else, with the form it was written in.

    ``form`` is ``text`` ("29. juni 2017", "d. 29. juni 2017 kl. 20.30"), ``numeric``
    ("29.06.2017"), ``month`` ("april 2018", "apr. 2018") or ``iso`` ("2017-06-29").
    """

    value: datetime
    precision: str
    form: str


def parse_whole_date(text: str) -> WholeDate:
    """Read all of ``text`` as one date, through the same patterns as :func:`find_danish_dates`.

    For values that must be a date (an import column), not free text. Raises ``ValueError`` with
    the reason when ``text`` is not exactly one absolute date: relative phrases ("i går") are
    refused because a value has no moment it was read, and a day without a year is refused
    rather than guessed.
    """
    m = _PATTERN.fullmatch(text.strip())
    if m is None:
        raise ValueError("not a date in a known form")
    if m.group("rday") or m.group("rn"):
        raise ValueError("a relative date, with no reference time to count from")
    try:
        converted = _convert(m, None)
    except (ValueError, OverflowError):
        raise ValueError("no such day in the calendar") from None
    if converted is None:
        raise ValueError("the year is missing")
    if not MIN_YEAR <= converted[0].year <= MAX_YEAR:
        raise ValueError(f"the year is outside {MIN_YEAR}–{MAX_YEAR}")
    form = next(f for g, f in _FORMS if m.group(g))
    return WholeDate(converted[0], converted[1], form)


_FORMS = (("iy", "iso"), ("td", "text"), ("nd", "numeric"), ("mmo", "month"))
