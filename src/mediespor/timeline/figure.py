"""Build the plotly figure: one lane per outlet, event lines and bands, weekly volume panel.

The figure holds only positions and numbers for items (x, lane, index into the page's item
table); titles and leads stay out of plotly and are shown by the page's own tooltip, which keeps
the file small at 100k items and keeps untrusted text away from plotly's HTML-ish labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from mediespor.date_interval import interval
from mediespor.timeline.danish import count_items, format_date
from mediespor.timeline.data import TimelineData, TimelineEvent, TimelineItem
from mediespor.timeline.escape import plotly_text

#: Above this many dated items the lanes are drawn binned (one mark per outlet and bin, sized by
#: its count): never more marks than pixels, so the basic bundle's SVG scatter stays fast and no
#: WebGL (full plotly bundle) is needed. The page draws single items again once the visible range
#: holds at most this many.
BIN_THRESHOLD = 3000
#: Bins are at least this many pixels wide (assuming a ~1000 px plot before the page measures).
BIN_PX = 6
_ASSUMED_PLOT_PX = 1000
_DAY_MS = 86_400_000.0
#: Preset date ranges offered as buttons (label → [start, end], ``None`` = everything).
PRESETS: dict[str, tuple[str, str] | None] = {
    "juni–juli 2017": ("2017-06-01", "2017-08-01"),
    "2017": ("2017-01-01", "2018-01-01"),
    "alt": None,
}
#: Marker symbols: relevant items are filled, items judged off-topic are hollow.
SYMBOL_RELEVANT = 0  # circle
SYMBOL_OFF_TOPIC = 100  # circle-open
LANE_JITTER = 0.28
_EPOCH = dt.datetime(1970, 1, 1)
#: Precisions drawn as a span rather than a point.
COARSE = ("month", "year")
PALETTE = qualitative.Plotly + qualitative.D3 + qualitative.Dark24


@dataclass(frozen=True)
class TimelineFigure:
    """The figure plus what the page script needs to map points back to items.

    ``items`` are in lane order; point ``p`` of a lane trace is ``items[meta.offset + p]``, and
    lane ``n`` starts at ``items[lane_offsets[n]]``.
    """

    figure: go.Figure
    items: tuple[TimelineItem, ...]
    lanes: tuple[str, ...]
    lane_offsets: tuple[int, ...]
    binned: bool
    colors: tuple[str, ...]
    weeks: tuple[dt.date, ...]


def _jitter(item_id: str) -> float:
    # Deterministic spread inside a lane, so same-day items do not sit on one pixel.
    try:
        unit = int(item_id[:4], 16) / 0xFFFF
    except ValueError:
        unit = (sum(map(ord, item_id)) % 1000) / 999
    return (unit * 2 - 1) * LANE_JITTER


def _ms(ts: dt.datetime) -> float:
    # Plotly reads numbers on a date axis as milliseconds of a zone-less calendar; feeding it
    # Copenhagen wall-clock time this way shows local times without any time-zone shifting.
    return (ts.replace(tzinfo=None) - _EPOCH).total_seconds() * 1000.0


def _marker(color: str, symbol: int) -> dict:
    hollow = symbol == SYMBOL_OFF_TOPIC
    return {
        "color": color,
        "size": 8 if hollow else 9,
        "symbol": symbol,
        "line": {"width": 1.5, "color": color},
    }


def bin_marker_px(count: int) -> float:
    """Marker size of a bin: its area grows with the count, capped so neighbours stay apart
    (the same rule as binSize() in assets/timeline.js)."""
    return min(22.0, 5.0 + 2.5 * count**0.5)


def bin_ms(span_ms: float, plot_px: float = _ASSUMED_PLOT_PX) -> float:
    """Width of a bin: whole days, at least BIN_PX pixels at ``plot_px`` across ``span_ms``
    (mirrors binWidth() in assets/timeline.js)."""
    days = max(1, int(-(-span_ms * BIN_PX // (plot_px * _DAY_MS))))
    return days * _DAY_MS


def _mid_week(monday: dt.date) -> str:
    return (dt.datetime.combine(monday, dt.time()) + dt.timedelta(days=3, hours=12)).isoformat()


def _week_start(ts: dt.datetime) -> dt.date:
    day = ts.date()
    return day - dt.timedelta(days=day.weekday())


def _week_span(week_of: list[dt.date]) -> list[dt.date]:
    """Every Monday from the earliest to the latest dated item's week."""
    if not week_of:
        return []
    first, last = min(week_of), max(week_of)
    return [first + dt.timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]


def build_figure(data: TimelineData, *, bin_threshold: int = BIN_THRESHOLD) -> TimelineFigure:
    """The timeline figure for ``data``; undated items are left out (the page counts them)."""
    lanes = tuple(sorted({i.outlet for i in data.dated}, key=lambda o: (o.casefold(), o)))
    lane_of = {o: n for n, o in enumerate(lanes)}
    # Lane-major order, relevant before off-topic: each lane trace is one contiguous block,
    # and its meta carries the block's offset, so the page maps point p of a trace to
    # items[offset + p] without any per-point ids in the figure.
    # Month- and year-precision items get traces of their own (drawn across the days they
    # may fall on), so they form blocks of their own too.
    items = tuple(
        sorted(
            data.dated,
            key=lambda i: (
                lane_of[i.outlet], i.relevant is False, i.precision in COARSE,
                i.published_local, i.item_id,
            ),
        )
    )  # fmt: skip
    binned = len(items) > bin_threshold
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.74, 0.26], vertical_spacing=0.05
    )
    scatter = go.Scatter
    width = _bin_width(items) if binned else 0.0
    by_lane: dict[str, list[int]] = {o: [] for o in lanes}
    parts: dict[tuple[str, str], list[int]] = {}
    for idx, item in enumerate(items):
        by_lane[item.outlet].append(idx)
        parts.setdefault((item.outlet, _part(item)), []).append(idx)
    week_of = [_week_start(i.published_local) for i in items]
    all_weeks = _week_span(week_of)
    for lane_no, outlet in enumerate(lanes):
        idxs = by_lane[outlet]
        color = PALETTE[lane_no % len(PALETTE)]
        # Off-topic items get their own hollow trace: a per-trace symbol, not a per-point array.
        groups = (
            (part, parts.get((outlet, part), []), symbol)
            for part, symbol in (
                ("relevant", SYMBOL_RELEVANT),
                ("relevant_coarse", SYMBOL_RELEVANT),
                ("off_topic", SYMBOL_OFF_TOPIC),
                ("off_topic_coarse", SYMBOL_OFF_TOPIC),
            )
        )
        if binned:
            for trace in _bin_traces(items, parts, outlet, lane_no, color, width):
                fig.add_trace(trace, row=1, col=1)
            groups = ()
        for part, members, symbol in groups:
            if not members:
                continue
            coarse = part.endswith("_coarse")
            fig.add_trace(
                scatter(
                    x=np.array([_x(items[i]) for i in members], dtype=np.float64),
                    y=np.array(
                        [lane_no + _jitter(items[i].item_id) for i in members], dtype=np.float32
                    ),
                    mode="markers",
                    name=plotly_text(outlet, 40),
                    legendgroup=f"lane{lane_no}",
                    showlegend=members[0] == idxs[0],
                    marker=_marker(color, symbol),
                    hoverinfo="none",
                    meta={"role": "lane", "lane": lane_no, "offset": members[0], "part": part},
                ),
                row=1,
                col=1,
            )
            if coarse:
                fig.add_trace(_span_trace(scatter, members, items, lane_no, color), row=1, col=1)
        weeks: dict[dt.date, int] = {}
        for i in idxs:
            if items[i].relevant is not False:
                weeks[week_of[i]] = weeks.get(week_of[i], 0) + 1
        # Stacked step areas, not bars: one SVG path per outlet instead of one styled rect
        # per outlet and week (2,500 rects took ~0.5 s of the first paint at 100k items).
        # Every week of the whole span is present, zeros included, so an area never
        # slopes across an empty week.
        fig.add_trace(
            go.Scatter(
                x=[_mid_week(w) for w in all_weeks],
                y=[weeks.get(w, 0) for w in all_weeks],
                customdata=[
                    f"uge {w.isocalendar().week}, {format_date(w)}: {count_items(weeks.get(w, 0))}"
                    for w in all_weeks
                ],
                name=plotly_text(outlet, 40),
                legendgroup=f"lane{lane_no}",
                showlegend=False,
                mode="lines",
                line={"width": 0, "shape": "hvh", "color": color},
                fillcolor=color,
                stackgroup="volume",
                hoveron="points",
                hovertemplate="%{fullData.name}<br>%{customdata}<extra></extra>",
                meta={"role": "volume", "lane": lane_no},
            ),
            row=2,
            col=1,
        )
    _add_events(fig, data.events)
    peak = _peak_week(items, week_of)
    _layout(fig, lanes, items, data.events, peak)
    offsets = tuple(min(by_lane[o]) for o in lanes)
    colors = tuple(PALETTE[n % len(PALETTE)] for n in range(len(lanes)))
    return TimelineFigure(fig, items, lanes, offsets, binned, colors, tuple(all_weeks))


def _bin_width(items: tuple[TimelineItem, ...]) -> float:
    view = coverage_range(items)
    if view is None:
        return _DAY_MS
    lo, hi = (dt.datetime.fromisoformat(v) for v in view)
    return bin_ms((hi - lo).total_seconds() * 1000.0)


def _bin_traces(items, parts, outlet: str, lane_no: int, color: str, width: float):
    """Binned marks of one lane: relevant (filled) and off-topic (hollow) items counted per
    bin of ``width`` ms. The page restyles these same traces on zoom (bins of the visible range
    or single items), so they carry ``meta.binned``; a part without items gets no trace (an
    empty trace would not follow the legend's hiding of its lane)."""
    first = True
    for part, symbol in (("relevant", SYMBOL_RELEVANT), ("off_topic", SYMBOL_OFF_TOPIC)):
        members = parts.get((outlet, part), []) + parts.get((outlet, part + "_coarse"), [])
        if not members:
            continue
        counts: dict[int, int] = {}
        for i in members:
            k = int(_x(items[i]) // width)
            counts[k] = counts.get(k, 0) + 1
        keys = sorted(counts)
        yield go.Scatter(
            x=np.array([(k + 0.5) * width for k in keys], dtype=np.float64),
            y=np.full(len(keys), float(lane_no), dtype=np.float32),
            text=[
                f"{count_items(counts[k])}, {format_date(_day_of(k * width))}"
                + ("" if width <= _DAY_MS else f" – {format_date(_day_of((k + 1) * width - 1))}")
                for k in keys
            ],
            mode="markers",
            name=plotly_text(outlet, 40),
            legendgroup=f"lane{lane_no}",
            showlegend=first,
            marker={
                **_marker(color, symbol),
                "size": [bin_marker_px(counts[k]) for k in keys],
                "opacity": 0.75,
            },
            hovertemplate="%{fullData.name}<br>%{text}<extra></extra>",
            meta={"role": "lane", "lane": lane_no, "part": part, "binned": True},
        )
        first = False


def _day_of(ms: float) -> dt.date:
    return (_EPOCH + dt.timedelta(milliseconds=ms)).date()


def item_x(item: TimelineItem) -> float:
    """Where ``item`` sits on the x axis (wall-clock ms; mid-span for month/year dates)."""
    return _x(item)


def _part(item: TimelineItem) -> str:
    base = "off_topic" if item.relevant is False else "relevant"
    return base + "_coarse" if item.precision in COARSE else base


def _span(item: TimelineItem) -> tuple[float, float]:
    """Start and length in ms of the days a coarse date may fall on."""
    days = interval(item.published_local, item.precision)
    start = dt.datetime.combine(days.first, dt.time())
    return _ms(start), days.days * 86_400_000.0


def _x(item: TimelineItem) -> float:
    # A month- or year-precision item sits in the middle of its span, with a bar across it.
    if item.precision in COARSE:
        start, length = _span(item)
        return start + length / 2
    return _ms(item.published_local)


def _span_trace(scatter, members: list[int], items: tuple[TimelineItem, ...], lane: int, color):
    """A bar across the month or year each coarse-dated item may fall on (one line trace with
    gaps; the clickable point sits in the middle, in the lane trace)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for i in members:
        start, length = _span(items[i])
        y = lane + _jitter(items[i].item_id)
        xs += [start, start + length, None]
        ys += [y, y, None]
    return scatter(
        x=xs, y=ys, mode="lines", line={"color": color, "width": 3}, opacity=0.45,
        hoverinfo="skip", showlegend=False, legendgroup=f"lane{lane}",
        meta={"role": "span", "lane": lane},
    )  # fmt: skip


def _peak_week(items: tuple[TimelineItem, ...], week_of: list[dt.date]) -> int:
    per_week: dict[dt.date, int] = {}
    for item, week in zip(items, week_of, strict=True):
        if item.relevant is not False:  # the volume panel leaves off-topic items out
            per_week[week] = per_week.get(week, 0) + 1
    return max(per_week.values(), default=0)


def count_dtick(peak: int) -> int:
    """A whole-number tick step for the weekly counts (about four ticks, never a fraction)."""
    raw = max(1.0, peak / 4)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if step >= raw:
            return step
    return int(raw)


def _add_events(fig: go.Figure, events: tuple[TimelineEvent, ...]) -> None:
    # Event labels are HTML above the plot (the page script places them without overlap);
    # the figure holds the lines and bands that mark when each event happened.
    shapes = []
    for ev in events:
        if ev.is_range:
            shapes.append(
                {
                    "type": "rect", "xref": "x", "yref": "paper", "layer": "below",
                    "x0": ev.date_start.isoformat(),
                    "x1": (ev.date_end + dt.timedelta(days=1)).isoformat(),
                    "y0": 0, "y1": 1, "fillcolor": "rgba(120,120,160,0.16)", "line": {"width": 0},
                    "name": ev.event_id,
                }
            )  # fmt: skip
        else:
            noon = dt.datetime.combine(ev.date_start, dt.time(12)).isoformat(sep=" ")
            shapes.append(
                {
                    "type": "line", "xref": "x", "yref": "paper", "layer": "below",
                    "x0": noon, "x1": noon, "y0": 0, "y1": 1,
                    "line": {"color": "rgba(90,90,120,0.55)", "width": 1.5, "dash": "dot"},
                    "name": ev.event_id,
                }
            )  # fmt: skip
    fig.update_layout(shapes=shapes)


def _layout(
    fig: go.Figure,
    lanes: tuple[str, ...],
    items: tuple[TimelineItem, ...],
    events: tuple[TimelineEvent, ...],
    peak: int,
) -> None:
    lanes_px = max(120, 34 * len(lanes))
    top = 8
    fig.update_layout(
        height=top + lanes_px + 190,
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        template="plotly_white",
        hovermode="closest",
        dragmode="pan",
        showlegend=True,
        legend={
            "title": {"text": "Medier (klik for at skjule)", "side": "top"},
            "itemclick": "toggle",
            "itemdoubleclick": False,
            "orientation": "v",
            "x": 1.02,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
        },
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
        uirevision="mediespor",
    )
    fig.update_yaxes(
        row=1, col=1, tickmode="array", tickvals=list(range(len(lanes))),
        ticktext=[plotly_text(o, 24) for o in lanes], autorange="reversed",
        range=[len(lanes) - 0.5, -0.5], zeroline=False, fixedrange=True, automargin=True,
        showgrid=True, gridcolor="#eee",
    )  # fmt: skip
    fig.update_yaxes(
        row=2, col=1, title={"text": "pr. uge", "font": {"size": 12}}, fixedrange=True,
        automargin=True, tickformat="d", tick0=0, dtick=count_dtick(peak), rangemode="tozero",
    )  # fmt: skip
    date_formats = [
        {"dtickrange": [None, 86_400_000], "value": "%-d. %b %Y kl. %H.%M"},
        {"dtickrange": [86_400_000, 28 * 86_400_000], "value": "%-d. %b %Y"},
        {"dtickrange": [28 * 86_400_000, 365 * 86_400_000], "value": "%b %Y"},
        {"dtickrange": [365 * 86_400_000, None], "value": "%Y"},
    ]
    fig.update_xaxes(type="date", tickformatstops=date_formats, showgrid=True, gridcolor="#eee")
    view = coverage_range(items) or full_range(items, events)
    if view is not None:
        fig.update_xaxes(range=list(view))


def coverage_range(items: tuple[TimelineItem, ...]) -> tuple[str, str] | None:
    """The opening view: the dated coverage with a little room either side (5% of its span, at
    least three days), so a month of coverage is not squeezed into a sliver of years.

    Items dated only to a month or year do not stretch the view when others are dated to the
    day (one "2017" item would otherwise open the page on the whole year).
    """
    fine = [i for i in items if i.precision not in COARSE]
    if fine:
        first = min(i.published_local for i in fine).replace(tzinfo=None)
        last = max(i.published_local for i in fine).replace(tzinfo=None) + dt.timedelta(days=1)
    elif items:
        spans = [_span(i) for i in items]
        first = _EPOCH + dt.timedelta(milliseconds=min(a for a, _ in spans))
        last = _EPOCH + dt.timedelta(milliseconds=max(a + b for a, b in spans))
    else:
        return None
    pad = max(dt.timedelta(days=3), (last - first) * 0.05)
    # Whole hours: plotly.js reads at most four decimals of seconds in a date string.
    lo = (first - pad).replace(minute=0, second=0, microsecond=0)
    hi = (last + pad).replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    return (lo.isoformat(sep=" "), hi.isoformat(sep=" "))


def full_range(
    items: tuple[TimelineItem, ...], events: tuple[TimelineEvent, ...]
) -> tuple[str, str] | None:
    """The "alt" view: every item and event, with a week's margin either side."""
    days = [i.published_local.date() for i in items]
    days += [e.date_start for e in events] + [e.date_end for e in events]
    if not days:
        return None
    pad = dt.timedelta(days=7)
    return ((min(days) - pad).isoformat(), (max(days) + pad).isoformat())
