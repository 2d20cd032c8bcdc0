"""The day spans stored dates stand for, at each precision."""

from datetime import UTC, date, datetime

from mediespor.danish_dates import CPH
from mediespor.date_interval import DayInterval, Precision, interval, start_of


def test_undated_has_no_interval():
    assert interval(None, None) is None
    assert interval(None, "month") is None


def test_time_and_day_are_one_copenhagen_day():
    # 23:30 UTC on 28 June is 01:30 on 29 June in Copenhagen.
    late = datetime(2017, 6, 28, 23, 30, tzinfo=UTC)
    assert interval(late, "time") == DayInterval(date(2017, 6, 29), date(2017, 6, 29))
    assert interval(late, None).days == 1
    assert interval(start_of(date(2017, 6, 28), "day"), "day").first == date(2017, 6, 28)


def test_month_and_year_cover_their_whole_span():
    april = start_of(date(2018, 4, 17), Precision.MONTH)
    assert april == datetime(2018, 4, 1, tzinfo=CPH)
    assert interval(april, "month") == DayInterval(date(2018, 4, 1), date(2018, 4, 30))
    feb = interval(start_of(date(2016, 2, 9), "month"), "month")
    assert feb.last == date(2016, 2, 29) and feb.days == 29
    year = interval(start_of(date(2017, 8, 1), "year"), "year")
    assert (year.first, year.last, year.days) == (date(2017, 1, 1), date(2017, 12, 31), 365)


def test_overlap():
    june = interval(start_of(date(2017, 6, 1), "month"), "month")
    demo = DayInterval(date(2017, 6, 28), date(2017, 6, 28))
    assert june.overlaps(demo) and demo.overlaps(june)
    july_range = DayInterval(date(2017, 7, 10), date(2017, 7, 20))
    assert not june.overlaps(july_range) and not july_range.overlaps(june)
    assert june.overlaps(DayInterval(date(2017, 6, 30), date(2017, 7, 2)))
