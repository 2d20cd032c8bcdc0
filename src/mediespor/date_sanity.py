"""The range a publication date must lie in to be believed, wherever the date comes from.

Pages, feeds and lists carry placeholder dates (9999-12-31, 1970-01-01, a CMS's default year)
and JavaScript build dates in the future. Such a date is dropped with a note saying why, never
the item: a page without a trustworthy date stays undated.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: How far past the reference time a date may lie (clock skew, time zones) before it is
#: rejected.
FUTURE_TOLERANCE = timedelta(hours=26)
#: Nothing this project follows is older; earlier "dates" are template defaults.
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


def latest(reference: datetime | None) -> datetime:
    """The latest believable publication time for a page read at ``reference`` (naive = UTC).

    Without a reference the current time bounds the future.
    """
    if reference is None:
        return datetime.now(UTC) + FUTURE_TOLERANCE
    return (reference if reference.tzinfo else reference.replace(tzinfo=UTC)) + FUTURE_TOLERANCE


def out_of_range(value: datetime, limit: datetime) -> str | None:
    """Why ``value`` is no publication date given the :func:`latest` ``limit`` (else None).

    The reason is in Danish, as activists read it. A naive ``value`` is taken as UTC.
    """
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    if value < EARLIEST:
        return "er for gammel til at være troværdig"
    if value > limit:
        return "ligger i fremtiden"
    return None


def implausible(value: datetime, reference: datetime | None) -> str | None:
    """Why ``value`` cannot be a publication date of a page read at ``reference`` (else None).

    Too old (before :data:`EARLIEST`) or in the future of the reference time (the capture time
    of an archived page, the fetch time of a live one).
    """
    return out_of_range(value, latest(reference))
