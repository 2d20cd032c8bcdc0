"""The sane range of publication dates: not before 1995, not after the reference time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mediespor.date_sanity import EARLIEST, FUTURE_TOLERANCE, implausible

CAPTURE = datetime(2017, 6, 29, 10, 15, tzinfo=UTC)


def test_dates_inside_the_range_pass():
    assert implausible(datetime(2017, 6, 28, 14, 32, tzinfo=UTC), CAPTURE) is None
    assert implausible(EARLIEST, CAPTURE) is None
    # Clock skew and time zones: up to the tolerance past the reference is still believed.
    assert implausible(CAPTURE + FUTURE_TOLERANCE, CAPTURE) is None


def test_dates_after_the_reference_time_are_in_the_future():
    assert implausible(CAPTURE + FUTURE_TOLERANCE + timedelta(seconds=1), CAPTURE) == (
        "ligger i fremtiden"
    )
    # A 2020 date cannot be on a 2017 capture, though it is in the past today.
    assert implausible(datetime(2020, 1, 1, tzinfo=UTC), CAPTURE) == "ligger i fremtiden"
    assert implausible(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), None) == (
        "ligger i fremtiden"
    )


def test_dates_before_1995_are_too_old_and_naive_values_are_utc():
    assert implausible(datetime(1970, 1, 1), CAPTURE) == "er for gammel til at være troværdig"
    assert implausible(datetime(2017, 6, 28), datetime(2017, 6, 29)) is None
