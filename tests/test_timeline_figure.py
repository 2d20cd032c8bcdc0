"""The figure's traces, points, event marks and labels."""

from __future__ import annotations

import datetime as dt

import pytest

from mediespor.timeline.data import load_timeline
from mediespor.timeline.figure import (
    SYMBOL_OFF_TOPIC,
    SYMBOL_RELEVANT,
    bin_marker_px,
    bin_ms,
    build_figure,
    count_dtick,
    coverage_range,
)
from timeline_db import CPH, HOSTILE_TITLES, add_event, add_item, build_demo

LANES = ("DR", "Politiken", "Reformramtes venner", "TV2 Lorry")


@pytest.fixture
def demo():
    store, ids = build_demo(None)
    add_event(
        store, "2017-08-hostile", dt.date(2017, 8, 1), dt.date(2017, 8, 1), "<b>fed</b>", "other"
    )
    yield load_timeline(store.con), ids
    store.close()


def traces(fig, role):
    return [t for t in fig.data if t.meta and t.meta["role"] == role]


def test_one_lane_per_outlet_with_one_point_per_dated_item(demo):
    data, _ = demo
    tf = build_figure(data)
    assert tf.lanes == LANES
    lanes = traces(tf.figure, "lane")
    # DR has an off-topic item, drawn hollow in a second trace of the same lane.
    assert [(t.name, t.meta["part"], len(t.x)) for t in lanes] == [
        ("DR", "relevant", 1), ("DR", "off_topic", 1), ("Politiken", "relevant", 2),
        ("Reformramtes venner", "relevant", 6), ("TV2 Lorry", "relevant", 1),
    ]  # fmt: skip
    assert [t.marker.symbol for t in lanes] == [
        SYMBOL_RELEVANT, SYMBOL_OFF_TOPIC, SYMBOL_RELEVANT, SYMBOL_RELEVANT, SYMBOL_RELEVANT,
    ]  # fmt: skip
    assert [t.showlegend for t in lanes] == [True, False, True, True, True]
    assert len(tf.items) == 11  # the undated blog post is not drawn
    assert all(t.type == "scatter" for t in lanes) and not tf.binned
    for t in lanes:
        assert all(abs(y - t.meta["lane"]) < 0.3 for y in t.y)  # jitter stays inside the lane


def test_points_map_back_to_items_through_trace_offsets(demo):
    data, ids = demo
    tf = build_figure(data)
    seen = []
    for t in traces(tf.figure, "lane"):
        for p, x in enumerate(t.x):
            item = tf.items[t.meta["offset"] + p]
            seen.append(item.item_id)
            assert item.outlet == LANES[t.meta["lane"]]
            assert (item.relevant is False) == (t.meta["part"] == "off_topic")
            local_ms = (item.published_local - dt.datetime(1970, 1, 1)).total_seconds() * 1000
            assert x == local_ms
    assert sorted(seen) == sorted(i.item_id for i in tf.items)
    assert tf.items[tf.lane_offsets[0]].item_id == ids["demo_dr"]
    assert [tf.items[o].outlet for o in tf.lane_offsets] == list(LANES)


def test_binned_above_threshold_one_mark_per_lane_part_and_bin(demo):
    data, _ = demo
    tf = build_figure(data, bin_threshold=5)
    assert tf.binned
    lanes = traces(tf.figure, "lane")
    assert {t.type for t in lanes} == {"scatter"}  # the basic bundle's SVG scatter, no WebGL
    assert all(t.meta["binned"] for t in lanes)
    assert not traces(tf.figure, "span")
    # Every item is counted once, in its lane and part; bins are whole days.
    total = 0
    for t in lanes:
        for text, size in zip(t.text, t.marker.size, strict=True):
            n = int(text.split(" ")[0])
            total += n
            assert size == bin_marker_px(n)
    assert total == len(tf.items)
    dr_off = next(t for t in lanes if t.name == "DR" and t.meta["part"] == "off_topic")
    assert dr_off.marker.symbol == SYMBOL_OFF_TOPIC and next(iter(dr_off.text)).startswith(
        "1 omtale,"
    )


def test_bins_are_whole_days_and_wide_enough():
    day = 86_400_000
    assert bin_ms(10 * day) == day
    assert bin_ms(1000 * day) == 6 * day  # 1000 days over ~1000 px: 6 px per bin
    assert bin_marker_px(1) < bin_marker_px(100) <= 22


def test_weekly_volume_counts_relevant_items_per_outlet(demo):
    data, _ = demo
    bars = traces(build_figure(data).figure, "volume")
    assert [b.name for b in bars] == list(LANES)
    # Zero weeks are explicit (the areas must not slope across them); compare the non-zero ones.
    weekly = {b.name: {x: y for x, y in zip(b.x, b.y, strict=True) if y} for b in bars}
    assert len({tuple(b.x) for b in bars}) == 1  # one shared, gap-free week axis
    # Week of Monday 26 June 2017, bars centred mid-week; DR's off-topic item is not counted.
    assert weekly["DR"] == {"2017-06-29T12:00:00": 1}
    assert weekly["Reformramtes venner"] == {"2017-06-22T12:00:00": 1, "2017-06-29T12:00:00": 5}
    assert all(b.legendgroup == f"lane{n}" for n, b in enumerate(bars))


def test_events_are_lines_or_bands_and_labels_are_left_to_the_page(demo):
    data, _ = demo
    fig = build_figure(data).figure
    shapes = {s.name: s for s in fig.layout.shapes}
    assert shapes["2017-06-28-demo"].type == "line"
    assert shapes["2017-06-28-demo"].x0 == "2017-06-28 12:00:00"
    band = shapes["2017-07-anke"]
    assert band.type == "rect" and (band.x0, band.x1) == ("2017-07-10", "2017-07-22")
    # Labels are HTML placed by the page script (no plotly annotations to collide).
    assert not fig.layout.annotations


def test_item_text_never_enters_the_figure(demo):
    data, _ = demo
    text = build_figure(data).figure.to_json()
    for title in HOSTILE_TITLES:
        assert title not in text
    assert "onerror" not in text and "Borgere demonstrerede" not in text


def test_hostile_outlet_name_is_escaped_in_legend_and_ticks():
    store, _ = build_demo(None)
    from timeline_db import add_item

    add_item(store, "<img src=x onerror=alert(1)>", dt.datetime(2017, 6, 1, tzinfo=dt.UTC), "t")
    tf = build_figure(load_timeline(store.con))
    store.close()
    names = [t.name for t in tf.figure.data]
    assert "&lt;img src=x onerror=alert(1)&gt;" in names
    assert all("<" not in n for n in names)
    assert all("<" not in t for t in tf.figure.layout.yaxis.ticktext)


def test_opening_view_fits_the_coverage_not_the_events(demo):
    data, _ = demo
    tf = build_figure(data)
    start, end = tf.figure.layout.xaxis.range
    # Items run 20-30 June 2017; events reach 1 August: the view hugs the items.
    assert start.startswith("2017-06-1") and end.startswith("2017-07-0")
    assert coverage_range(()) is None


def test_month_precision_items_span_their_month():
    store, _ = build_demo(None)
    add_item(
        store, "Berlingske", dt.datetime(2017, 6, 1, tzinfo=CPH), "Kun måneden kendt",
        published_precision="month",
    )  # fmt: skip
    add_item(
        store, "Berlingske", dt.datetime(2016, 1, 1, tzinfo=CPH), "Kun året kendt",
        published_precision="year",
    )  # fmt: skip
    tf = build_figure(load_timeline(store.con))
    store.close()
    # Coarse dates do not stretch the opening view over months or years.
    start, end = tf.figure.layout.xaxis.range
    assert start.startswith("2017-06-1") and end.startswith("2017-07-0")
    (trace,) = [t for t in traces(tf.figure, "lane") if t.meta["part"] == "relevant_coarse"]
    # The point sits mid-month (16 June 00:00) ...
    epoch = dt.datetime(1970, 1, 1)
    # (the year item of 2016 comes first in the lane, in the middle of its year)
    assert epoch + dt.timedelta(milliseconds=trace.x[0]) == dt.datetime(2016, 7, 2)
    assert epoch + dt.timedelta(milliseconds=trace.x[1]) == dt.datetime(2017, 6, 16)
    # ... and a bar reaches from 1 June to 1 July.
    (span,) = traces(tf.figure, "span")
    start, end, gap = span.x[3:6]  # the year item (2016) comes first
    assert epoch + dt.timedelta(milliseconds=start) == dt.datetime(2017, 6, 1)
    assert epoch + dt.timedelta(milliseconds=end) == dt.datetime(2017, 7, 1)
    assert gap is None and span.legendgroup == trace.legendgroup


def test_weekly_counts_have_whole_number_ticks(demo):
    data, _ = demo
    yaxis2 = build_figure(data).figure.layout.yaxis2
    # Busiest week (26 June): 9 relevant items, so ticks 0, 5, 10.
    assert yaxis2.tickformat == "d" and yaxis2.dtick == 5
    assert [count_dtick(n) for n in (0, 1, 4, 5, 9, 30, 1000)] == [1, 1, 1, 2, 5, 10, 250]
