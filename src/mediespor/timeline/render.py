"""The render stage: write ``timeline.html`` and ``index.html`` from the store."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mediespor.progress import Reporter, fields
from mediespor.store.db import Store
from mediespor.timeline.data import TimelineData, load_timeline
from mediespor.timeline.figure import build_figure
from mediespor.timeline.page import render_page
from mediespor.timeline.reports import render_index

TIMELINE_NAME = "timeline.html"
INDEX_NAME = "index.html"


@dataclass(frozen=True)
class RenderReport:
    """What one rendering wrote."""

    timeline: Path | None
    index: Path | None
    items: int
    plotted: int
    undated: int
    events: int
    binned: bool
    timeline_bytes: int
    seconds: float


def _write_atomic(path: Path, text: str) -> int:
    # A reader (or a browser tab being refreshed) never sees half a page.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = text.encode("utf-8")
    tmp.write_bytes(data)
    tmp.replace(path)
    return len(data)


def write_timeline(data: TimelineData, out: Path, *, generated: dt.datetime) -> tuple[int, bool]:
    """Write the timeline page to ``out``; return its size in bytes and whether its lanes are binned."""
    tfig = build_figure(data)
    return _write_atomic(out, render_page(data, tfig, generated=generated)), tfig.binned


def write_index(
    data: TimelineData, out: Path, *, generated: dt.datetime, timeline_href: str
) -> int:
    """Write the report page to ``out``; return its size in bytes."""
    return _write_atomic(out, render_index(data, generated=generated, timeline_href=timeline_href))


def render_all(
    store: Store,
    reports_dir: Path,
    reporter: Reporter,
    *,
    timeline: bool = True,
    index: bool = True,
    timeline_path: Path | None = None,
) -> RenderReport:
    """Read the store once and write ``timeline.html`` and ``index.html`` into ``reports_dir``."""
    start = time.perf_counter()
    generated = dt.datetime.now(dt.UTC)
    with reporter.stage("render", total=int(timeline) + int(index)) as stage:
        data = load_timeline(store.con)
        tl_path = timeline_path or (reports_dir / TIMELINE_NAME)
        size, binned, written_tl, written_ix = 0, False, None, None
        if timeline:
            size, binned = write_timeline(data, tl_path, generated=generated)
            written_tl = tl_path
            stage.advance()
        if index:
            written_ix = reports_dir / INDEX_NAME
            href = os.path.relpath(tl_path, reports_dir) if timeline_path else TIMELINE_NAME
            write_index(data, written_ix, generated=generated, timeline_href=href)
            stage.advance()
    report = RenderReport(
        timeline=written_tl,
        index=written_ix,
        items=len(data.items),
        plotted=len(data.dated),
        undated=len(data.items) - len(data.dated),
        events=len(data.events),
        binned=binned,
        timeline_bytes=size,
        seconds=round(time.perf_counter() - start, 3),
    )
    logging.getLogger(__name__).info(
        "render_done",
        extra=fields(
            timeline=str(written_tl) if written_tl else None,
            index=str(written_ix) if written_ix else None,
            items=report.items,
            plotted=report.plotted,
            undated=report.undated,
            binned=report.binned,
            mb=round(size / 1e6, 2),
            seconds=report.seconds,
        ),
    )
    return report
