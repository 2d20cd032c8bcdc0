"""The span of days a stored date stands for, given its precision.

An item's ``published_at`` is one instant, but what we know may be coarser: a day, a month or
only a year. Storing the instant with ``published_precision`` (``time | day | month | year``,
NULL when undated) keeps the schema simple; this module is the one place that turns the pair
back into the interval of Copenhagen days it covers, for linking, the timeline and reports.

Convention: a coarse date is stored as local midnight (Europe/Copenhagen) of the first day of
its span, so "2018-04" is stored as 2018-04-01T00:00+02:00 with precision ``month``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .danish_dates import CPH, in_copenhagen


class Precision(StrEnum):
    """How precise a stored date is; NULL in the database means undated."""

    TIME = "time"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class DayInterval:
    """Inclusive span of Copenhagen calendar days (``first`` ≤ ``last``)."""

    first: date
    last: date

    @property
    def days(self) -> int:
        """Number of days in the span (1 for a day or time precision)."""
        return (self.last - self.first).days + 1

    def overlaps(self, other: DayInterval) -> bool:
        """True when the two spans share at least one day."""
        return self.first <= other.last and other.first <= self.last


def start_of(value: date, precision: Precision | str) -> datetime:
    """The instant a date of this precision is stored as: local midnight of its first day."""
    p = Precision(precision)
    if p is Precision.MONTH:
        value = value.replace(day=1)
    elif p is Precision.YEAR:
        value = value.replace(month=1, day=1)
    return datetime(value.year, value.month, value.day, tzinfo=CPH)


def interval(
    published_at: datetime | None, precision: Precision | str | None
) -> DayInterval | None:
    """The Copenhagen days ``published_at`` stands for at ``precision``; None when undated.

    A missing precision with a known instant is read as ``time`` (the older rows' meaning).
    """
    if published_at is None:
        return None
    day = in_copenhagen(published_at).date()
    p = Precision(precision) if precision else Precision.TIME
    if p is Precision.MONTH:
        first = day.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return DayInterval(first, last)
    if p is Precision.YEAR:
        return DayInterval(date(day.year, 1, 1), date(day.year, 12, 31))
    return DayInterval(day, day)


__all__ = ["DayInterval", "Precision", "interval", "start_of"]
