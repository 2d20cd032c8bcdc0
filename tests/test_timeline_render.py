"""render_all: the pipeline's render stage writes both pages and reports what it did."""

from __future__ import annotations

import io
import json

from mediespor.progress import Reporter, logging_to
from mediespor.store.db import open_store
from mediespor.timeline import render_all
from timeline_db import build_demo


def test_render_all_writes_timeline_and_index(tmp_path):
    store, _ = build_demo(None)
    log = io.StringIO()
    reporter = Reporter("json", stream=log)
    with logging_to(reporter):  # as every command runs: log lines go to its reporter
        report = render_all(store, tmp_path / "reports", reporter)
    store.close()
    assert report.timeline == tmp_path / "reports" / "timeline.html"
    assert report.index == tmp_path / "reports" / "index.html"
    assert (report.items, report.plotted, report.undated, report.events) == (12, 11, 1, 4)
    assert report.timeline_bytes == report.timeline.stat().st_size
    assert not report.binned
    assert 'href="timeline.html"' in report.index.read_text(encoding="utf-8")
    assert list((tmp_path / "reports").iterdir()) != []
    assert not [p for p in (tmp_path / "reports").iterdir() if p.name.endswith(".tmp")]
    events = [json.loads(line)["event"] for line in log.getvalue().splitlines()]
    assert events == ["stage_start", "stage_end", "render_done"]


def test_render_all_on_an_empty_store(tmp_path):
    store = open_store(None)
    report = render_all(store, tmp_path, Reporter("logfmt", stream=io.StringIO()))
    store.close()
    assert (report.items, report.plotted, report.events) == (0, 0, 0)
    assert "0 omtaler fra 0 medier" in report.timeline.read_text(encoding="utf-8")
