"""Danish dates as readers expect them."""

from __future__ import annotations

import datetime as dt

from mediespor.timeline.danish import (
    count_items,
    count_outlets,
    format_date,
    format_datetime,
    format_month,
    kind_label,
    plotly_locale,
)


def test_format_date_uses_danish_short_months():
    assert format_date(dt.date(2017, 6, 29)) == "29. jun. 2017"
    assert format_date(dt.date(2017, 5, 1)) == "1. maj 2017"
    assert format_date(dt.date(2017, 10, 3)) == "3. okt. 2017"


def test_aware_times_are_shown_in_copenhagen_time():
    # 22:30 UTC on 28 June is already 29 June in Copenhagen (summer time, +2).
    ts = dt.datetime(2017, 6, 28, 22, 30, tzinfo=dt.UTC)
    assert format_datetime(ts) == "29. jun. 2017 kl. 00.30"
    assert format_date(ts) == "29. jun. 2017"


def test_naive_times_are_already_local():
    assert format_datetime(dt.datetime(2017, 6, 28, 14, 5)) == "28. jun. 2017 kl. 14.05"


def test_precision_controls_detail():
    ts = dt.datetime(2017, 6, 28, 14, 5)
    assert format_datetime(ts, "day") == "28. jun. 2017"
    assert format_datetime(ts, "month") == "juni 2017"
    assert format_datetime(ts, "year") == "2017"
    assert format_month(2017, 7) == "jul. 2017"


def test_kind_labels_and_locale():
    assert kind_label("video") == "tv-indslag"
    assert kind_label("blog") == "blogindlæg"
    assert kind_label("podcast") == "podcast"
    loc = plotly_locale()
    assert loc["name"] == "da" and loc["format"]["shortMonths"][5] == "jun."


def test_counts_in_danish_singular_plural_and_by_kind():
    assert count_items(0) == "0 omtaler"
    assert count_items(1) == "1 omtale"
    assert count_items(100_000) == "100.000 omtaler"
    assert count_items(7, ["video"] * 7) == "7 tv-indslag"
    assert count_items(1, ["article"]) == "1 artikel"
    assert count_items(2, ["article", "article"]) == "2 artikler"
    assert count_items(2, ["article", "video"]) == "2 omtaler"
    assert count_outlets(1) == "1 medie" and count_outlets(2) == "2 medier"
