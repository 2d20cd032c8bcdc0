"""Danish date parser: a table of real-world forms, relative dates, and a never-raises property."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediespor.danish_dates import (
    MONTH_NAMES,
    MONTHS,
    RELATIVE_DAYS,
    find_danish_dates,
    in_copenhagen,
    parse_danish_date,
    parse_iso,
    parse_whole_date,
    sql_local,
)

CPH = ZoneInfo("Europe/Copenhagen")
# 30 June 2017, 10:00 UTC = 12:00 CEST.
NOW = datetime(2017, 6, 30, 10, 0, tzinfo=UTC)


def cph(*args: int) -> datetime:
    return datetime(*args, tzinfo=CPH)


TABLE = [
    ("29. juni 2017 kl. 14.32", cph(2017, 6, 29, 14, 32), "time", "29. juni 2017 kl. 14.32"),
    ("Opdateret 30. jun. 2017", cph(2017, 6, 30), "day", "30. jun. 2017"),
    ("den 28/6 2017", cph(2017, 6, 28), "day", "den 28/6 2017"),
    ("28/6 2017", cph(2017, 6, 28), "day", "28/6 2017"),
    ("28.06.2017", cph(2017, 6, 28), "day", "28.06.2017"),
    ("28.06.17", cph(2017, 6, 28), "day", "28.06.17"),
    ("29/6-2017", cph(2017, 6, 29), "day", "29/6-2017"),
    ("1. juni 2017", cph(2017, 6, 1), "day", "1. juni 2017"),
    (
        "onsdag d. 28. juni 2017 kl. 14.32",
        cph(2017, 6, 28, 14, 32),
        "time",
        "onsdag d. 28. juni 2017 kl. 14.32",
    ),
    ("torsdag 29. juni 2017, 10:04", cph(2017, 6, 29, 10, 4), "time", None),
    ("Opdateret: 29.06.2017 08:15", cph(2017, 6, 29, 8, 15), "time", "29.06.2017 08:15"),
    (
        "Senest opdateret 30. jun. 2017 kl. 07.01",
        cph(2017, 6, 30, 7, 1),
        "time",
        "30. jun. 2017 kl. 07.01",
    ),
    ("7. marts 2017", cph(2017, 3, 7), "day", None),
    ("3. maj 2017", cph(2017, 5, 3), "day", None),
    ("12. sept. 2017", cph(2017, 9, 12), "day", None),
    ("12. sep. 2017", cph(2017, 9, 12), "day", None),
    ("1. okt. 2017", cph(2017, 10, 1), "day", None),
    ("2. januar 2018", cph(2018, 1, 2), "day", None),
    ("24. dec. 2016", cph(2016, 12, 24), "day", None),
    ("15. FEBRUAR 2017", cph(2017, 2, 15), "day", None),
    ("5. apr. 2017", cph(2017, 4, 5), "day", None),
    ("11. aug. 2017", cph(2017, 8, 11), "day", None),
    ("30. november 2017", cph(2017, 11, 30), "day", None),
    ("juni 2017", cph(2017, 6, 1), "month", "juni 2017"),
    ("2017-06-29", cph(2017, 6, 29), "day", "2017-06-29"),
    ("2017-06-29T14:32:00", cph(2017, 6, 29, 14, 32), "time", None),
    ("2017-06-29T12:32:00Z", cph(2017, 6, 29, 14, 32), "time", None),
    ("2017-06-29T14:32:00+02:00", cph(2017, 6, 29, 14, 32), "time", None),
    ("2017-06-29 14:32:05.123+0200", cph(2017, 6, 29, 14, 32, 5), "time", None),
    ("28-06-2017", cph(2017, 6, 28), "day", None),
    ("Stillet 28-6-2017 kl. 10.00", cph(2017, 6, 28, 10, 0), "time", "28-6-2017 kl. 10.00"),
    # A day range: the dash is no date separator.
    ("27-28. juni 2017", cph(2017, 6, 28), "day", "28. juni 2017"),
    # The time set apart from the date by a dash or a bar, or written before it.
    ("ons. 28. jun. 2017 - 16:05", cph(2017, 6, 28, 16, 5), "time", None),
    ("28. juni 2017 | 16:05", cph(2017, 6, 28, 16, 5), "time", None),
    ("28.06.2017 \u2013 kl. 9.30", cph(2017, 6, 28, 9, 30), "time", None),
    ("kl. 16.05, 28. juni 2017", cph(2017, 6, 28, 16, 5), "time", None),
    ("kl. 16.05 | 28. juni 2017", cph(2017, 6, 28, 16, 5), "time", None),
    # Two times: the one after the date is the date's own.
    ("kl. 9.00, 28. juni 2017 kl. 16.05", cph(2017, 6, 28, 16, 5), "time", None),
]


@pytest.mark.parametrize(("text", "expected", "precision", "span"), TABLE)
def test_absolute_forms(text, expected, precision, span):
    parsed = parse_danish_date(text)
    assert parsed is not None, text
    assert parsed.value == expected
    assert parsed.value.tzinfo is not None
    assert parsed.precision == precision
    assert parsed.text == (span or text)
    assert text[parsed.start : parsed.end] == parsed.text


RELATIVE = [
    ("i dag", cph(2017, 6, 30), "day"),
    ("i går", cph(2017, 6, 29), "day"),
    ("I går kl. 22.10", cph(2017, 6, 29, 22, 10), "time"),
    ("i forgårs", cph(2017, 6, 28), "day"),
    ("for 3 timer siden", cph(2017, 6, 30, 9, 0), "time"),
    ("for en time siden", cph(2017, 6, 30, 11, 0), "time"),
    ("for 20 minutter siden", cph(2017, 6, 30, 11, 40), "time"),
    ("for 2 dage siden", cph(2017, 6, 28), "day"),
    ("for 1 uge siden", cph(2017, 6, 23), "day"),
    ("3. maj", cph(2017, 5, 3), "day"),
    ("den 28/6", cph(2017, 6, 28), "day"),
    ("Idag kl. 09.15", cph(2017, 6, 30, 9, 15), "time"),
    ("Igår", cph(2017, 6, 29), "day"),
    ("28/6 kl. 14.32", cph(2017, 6, 28, 14, 32), "time"),
    ("28.06. kl. 14.32", cph(2017, 6, 28, 14, 32), "time"),
    ("28/6 14:32", cph(2017, 6, 28, 14, 32), "time"),
]


@pytest.mark.parametrize(("text", "expected", "precision"), RELATIVE)
def test_relative_forms_need_now(text, expected, precision):
    parsed = parse_danish_date(text, now=NOW)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.precision == precision
    # Without the moment of reading there is nothing to resolve against.
    assert parse_danish_date(text) is None


def test_year_less_date_is_the_most_recent_past_one():
    parsed = parse_danish_date("den 28. december", now=NOW)
    assert parsed is not None
    assert parsed.value == cph(2016, 12, 28)


def test_i_gaar_crosses_midnight_in_copenhagen_time():
    # 22:30 UTC on 29 June is 00:30 on 30 June in Copenhagen: "i går" is 29 June.
    now = datetime(2017, 6, 29, 22, 30, tzinfo=UTC)
    parsed = parse_danish_date("i går", now=now)
    assert parsed is not None
    assert parsed.value == cph(2017, 6, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Det kostede 12.000 kroner",
        "steg med 3.5 procent",
        "version 1.2.10",
        "1/2 time",
        "31. februar 2017",
        "99/99 2017",
        "kl. 14.32",
        "kl. 14.05 28 deltagere",
        "06-28-2017",
        "2017-6-28",
        "10-12 personer",
        "tlf. 33-66-1234",
        "marts",
        "i dagene efter",
        "",
    ],
)
def test_non_dates_yield_nothing(text):
    assert parse_danish_date(text, now=NOW) is None


def test_find_all_in_order_with_offsets():
    text = "Demonstrationen onsdag den 28. juni 2017 kl. 14.32 blev fulgt op i går og 3. juli 2017."
    found = find_danish_dates(text, now=NOW)
    assert [f.value for f in found] == [
        cph(2017, 6, 28, 14, 32),
        cph(2017, 6, 29),
        cph(2017, 7, 3),
    ]
    for f in found:
        assert text[f.start : f.end] == f.text
    assert found[0].start < found[1].start < found[2].start


def test_a_time_beside_a_date_without_a_separator_is_not_taken_as_written_before_it():
    # "Opdateret kl. 14.32" beside a date line: the update time is not the date's time.
    found = find_danish_dates("Opdateret kl. 14.32 28. juni 2017")
    assert [(f.value, f.text) for f in found] == [(cph(2017, 6, 28), "28. juni 2017")]


def test_a_time_range_after_a_date_takes_its_start():
    parsed = parse_danish_date("28. juni 2017 10:00 - 12:00")
    assert parsed is not None
    assert parsed.value == cph(2017, 6, 28, 10, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-2-2017", cph(2017, 1, 2)),
        ("1/2/2017", cph(2017, 1, 2)),
        ("06/28/17 14:32", cph(2017, 6, 28, 14, 32)),
        ("6-28-2017", cph(2017, 6, 28)),
        # What cannot be month first, or is never written so, stays day first.
        ("28/6/2017", cph(2017, 6, 28)),
        ("1.2.2017", cph(2017, 2, 1)),
        ("1. februar 2017", cph(2017, 2, 1)),
        ("2017-01-02", cph(2017, 1, 2)),
    ],
)
def test_month_first_reads_a_numeric_date_as_american_english_writes_it(text, expected):
    parsed = parse_danish_date(text, month_first=True)
    assert parsed is not None and parsed.value == expected
    assert [f.value for f in find_danish_dates(f"x {text} y", month_first=True)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.6.17 kl. 14.32", cph(2017, 6, 28, 14, 32)),
        ("3/6/17 14:32", cph(2017, 6, 3, 14, 32)),
    ],
)
def test_a_clock_time_makes_a_short_year_after_a_one_digit_part_a_date(text, expected):
    parsed = parse_danish_date(text)
    assert parsed is not None and parsed.value == expected


@pytest.mark.parametrize("text", ["28.6.17", "version 1.2.17", "afsnit 3.6.17 og 4.7.18"])
def test_a_short_year_after_a_one_digit_part_is_a_date_only_where_the_caller_says_so(text):
    assert parse_danish_date(text) is None
    parsed = parse_danish_date(text, short_year=True)
    assert parsed is not None and parsed.value.year in (2017, 2018)


@pytest.mark.parametrize("text", ["1-2-2017", "1/2/2017", "01/02/17"])
def test_a_numeric_date_is_day_first_by_default(text):
    parsed = parse_danish_date(text)
    assert parsed is not None and parsed.value == cph(2017, 2, 1)


def test_naive_now_is_taken_as_utc():
    parsed = parse_danish_date("for 2 timer siden", now=datetime(2017, 6, 30, 10, 0))
    assert parsed is not None
    assert parsed.value == NOW - timedelta(hours=2)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet="0123456789./-: kl.dejunimarsgåforitmeT+Z"), st.text()))
def test_never_raises(text):
    for parsed in find_danish_dates(text, now=NOW):
        assert text[parsed.start : parsed.end] == parsed.text
        assert parsed.value.tzinfo is not None
        assert parsed.precision in ("time", "day", "month")
    parse_danish_date(text)


@pytest.mark.parametrize(
    ("text", "value", "precision", "form"),
    [
        ("29. juni 2017", cph(2017, 6, 29), "day", "text"),
        (" d. 29. juni 2017 kl. 20.30 ", cph(2017, 6, 29, 20, 30), "time", "text"),
        ("april 2018", cph(2018, 4, 1), "month", "month"),
        ("apr. 2018", cph(2018, 4, 1), "month", "month"),
        ("29.06.2017", cph(2017, 6, 29), "day", "numeric"),
        ("2017-06-29", cph(2017, 6, 29), "day", "iso"),
    ],
)
def test_whole_value_is_one_date_with_its_form(text, value, precision, form):
    got = parse_whole_date(text)
    assert (got.value, got.precision, got.form) == (value, precision, form)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("i går", "relative date"),
        ("for 2 timer siden", "relative date"),
        ("29. juni", "year is missing"),
        ("30. februar 2017", "no such day"),
        ("juni 2017 og juli 2017", "not a date"),
        ("udgivet 29. juni 2017", "not a date"),
        ("3. maj 1850", "outside"),
    ],
)
def test_whole_value_refused_with_a_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_whole_date(text)


def test_year_less_date_never_lands_after_the_reference_time():
    # Read on 2 January 2018: "28. juni" is last summer, and tomorrow's day is last year's.
    jan2 = datetime(2018, 1, 2, 9, 0, tzinfo=UTC)
    parsed = parse_danish_date("28. juni kl. 14.32", now=jan2)
    assert parsed is not None and parsed.value == cph(2017, 6, 28, 14, 32)
    parsed = parse_danish_date("den 3. januar", now=jan2)
    assert parsed is not None and parsed.value == cph(2017, 1, 3)
    parsed = parse_danish_date("2. januar", now=jan2)
    assert parsed is not None and parsed.value == cph(2018, 1, 2)


def test_year_less_date_without_reference_yields_nothing():
    for text in ("28. juni kl. 14.32", "den 28/6", "onsdag 28. jun."):
        assert parse_danish_date(text) is None


def test_month_words_cover_names_abbreviations_and_sept():
    assert len(MONTH_NAMES) == 12
    for n, name in enumerate(MONTH_NAMES, 1):
        assert MONTHS[name] == n and MONTHS[name[:3]] == n
    assert MONTHS["sept"] == 9 and MONTHS["marts"] == 3 and MONTHS["okt"] == 10
    assert set(MONTHS) == set(MONTH_NAMES) | {m[:3] for m in MONTH_NAMES} | {"sept"}


def test_relative_words_read_through_the_one_table():
    # "i går" read at 00:30 Copenhagen time on 1 July is 30 June (the local day, not UTC's).
    just_after_midnight = datetime(2017, 6, 30, 22, 30, tzinfo=UTC)
    for word, offset in RELATIVE_DAYS.items():
        found = parse_danish_date(word, now=just_after_midnight)
        if word == "i morgen":  # a page is never published tomorrow: not a publication date
            assert found is None
            continue
        assert found is not None and found.value == cph(2017, 7, 1) + timedelta(days=offset)


def test_in_copenhagen_converts_instants_and_keeps_wall_clock_readings():
    # 22:30 UTC on 28 June is 00:30 on 29 June in Copenhagen (CEST).
    assert in_copenhagen(datetime(2017, 6, 28, 22, 30, tzinfo=UTC)) == cph(2017, 6, 29, 0, 30)
    assert in_copenhagen(datetime(2017, 6, 28, 22, 30, tzinfo=UTC)).date() == date(2017, 6, 29)
    # A naive value is a Copenhagen reading already (what sql_local hands out).
    naive = in_copenhagen(datetime(2017, 6, 28, 22, 30))
    assert naive == cph(2017, 6, 28, 22, 30) and naive.utcoffset() == timedelta(hours=2)


def test_a_naive_reference_time_is_utc():
    # 23:30 UTC on 30 June (naive) is 1 July in Copenhagen: "i dag" is 1 July.
    found = parse_danish_date("i dag", now=datetime(2017, 6, 30, 23, 30))
    assert found is not None and found.value == cph(2017, 7, 1)


def test_sql_local_gives_duckdb_the_same_local_time():
    con = duckdb.connect()
    instant = datetime(2017, 6, 28, 22, 30, tzinfo=UTC)
    local = con.execute(f"SELECT {sql_local('CAST(? AS TIMESTAMPTZ)')}", [instant]).fetchone()[0]
    assert local == datetime(2017, 6, 29, 0, 30)
    day = con.execute(f"SELECT CAST({sql_local('CAST(? AS TIMESTAMPTZ)')} AS DATE)", [instant])
    assert day.fetchone()[0] == in_copenhagen(instant).date()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The one rule: without an offset, Copenhagen time; a date alone, its local midnight.
        ("2017-06-29T14:32:00", cph(2017, 6, 29, 14, 32)),
        ("2017-06-29 14:32", cph(2017, 6, 29, 14, 32)),
        ("2017-06-29", cph(2017, 6, 29)),
        ("2017-01-05T23:30:00", cph(2017, 1, 5, 23, 30)),  # winter time (CET) too
        # An offset or Z (either case) is kept as written.
        ("2017-06-29T12:32:00Z", datetime(2017, 6, 29, 12, 32, tzinfo=UTC)),
        ("2017-06-29T12:32:00z", datetime(2017, 6, 29, 12, 32, tzinfo=UTC)),
        ("2017-06-29T14:32:00+02:00", cph(2017, 6, 29, 14, 32)),
        (" 2017-06-29T14:32:00.250+02:00 ", cph(2017, 6, 29, 14, 32, 0, 250000)),
    ],
)
def test_parse_iso_reads_a_naive_value_as_copenhagen_time(text, expected):
    value = parse_iso(text)
    assert value == expected and value.tzinfo is not None


def test_parse_iso_naive_zone_for_a_format_that_names_it():
    # WordPress's date_gmt has no offset but is UTC by definition.
    assert parse_iso("2017-06-28T10:00:00", naive=UTC) == datetime(2017, 6, 28, 10, tzinfo=UTC)
    assert parse_iso("2017-06-28T10:00:00+02:00", naive=UTC) == cph(2017, 6, 28, 10)


@pytest.mark.parametrize("text", ["", "2017-13-01", "29. juni 2017", "i går", "2017-06-29T25:00"])
def test_parse_iso_refuses_what_is_not_iso(text):
    assert parse_iso(text) is None
