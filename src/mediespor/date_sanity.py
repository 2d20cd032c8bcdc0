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


def implausible(value: datetime, reference: datetime | None) -> str | None:
    """Why ``value`` cannot be a publication date of a page read at ``reference`` (else None).

    Too old (before :data:`EARLIEST`) or in the future of the reference time (the capture time
    of an archived page, the fetch time of a live one). Without a reference the current time
    bounds the future. A naive ``value`` or ``reference`` is taken as UTC. The reason is in
    Danish, as activists read it.
    """
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    if reference is not None and reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    if value < EARLIEST:
        return "er for gammel til at være troværdig"
    limit = (reference or datetime.now(UTC)) + FUTURE_TOLERANCE
    if value > limit:
        return "ligger i fremtiden"
    return None
