"""A static picture of the timeline (PNG or SVG) for reports and social media, made offline.

plotly.js draws the figure in headless Chromium and exports it with ``Plotly.toImage``; the
result comes back through ``--dump-dom``. No Python package beyond plotly is needed (kaleido v1
would drive the same Chromium through extra packages), and nothing leaves the machine: the page
is a local file with the vendored plotly.js bundle inside.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

import plotly.graph_objects as go

from mediespor.errors import MediesporError
from mediespor.timeline.danish import plotly_locale
from mediespor.timeline.data import TimelineData
from mediespor.timeline.escape import plotly_text, script_json
from mediespor.timeline.figure import build_figure
from mediespor.timeline.page import HEADING, plotly_bundle

FORMATS = ("png", "svg")
WIDTH, HEIGHT = 1400, 800
#: Browsers tried in order when ``MEDIESPOR_CHROMIUM`` is not set.
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "chrome")
LABEL_ROWS = 5
LABEL_CHARS = 48
_RESULT = re.compile(r'<textarea id="out">(data:image/[^<]+)</textarea>')


class NoBrowserError(MediesporError):
    """No Chromium to draw the picture with (exit code 4: nothing could run)."""


def find_chromium() -> str:
    """The Chromium executable to use, or :class:`NoBrowserError` naming what was tried."""
    wanted = os.environ.get("MEDIESPOR_CHROMIUM")
    for name in (wanted,) if wanted else CANDIDATES:
        path = name if Path(name).is_file() else shutil.which(name)
        if path:
            return path
    tried = wanted or ", ".join(CANDIDATES)
    raise NoBrowserError(
        f"no Chromium found to draw the picture (tried {tried}); install it with "
        "'apt-get install chromium' or set MEDIESPOR_CHROMIUM to its path"
    )


def static_figure(data: TimelineData) -> go.Figure:
    """The timeline figure for a picture: a title, event titles on the plot, a fixed size."""
    tfig = build_figure(data, bin_threshold=10**9)  # single items in the picture
    fig = tfig.figure
    start, end = fig.layout.xaxis.range or (None, None)
    notes = []
    if start and end:
        lo, hi = dt.date.fromisoformat(str(start)[:10]), dt.date.fromisoformat(str(end)[:10])
        span = max(1, (hi - lo).days)
        px_per_day = (WIDTH - 260) / span
        row_end = [float("-inf")] * LABEL_ROWS
        for ev in data.events:
            if ev.date_end < lo or ev.date_start > hi:
                continue
            x = (ev.date_start - lo).days * px_per_day
            text = plotly_text(ev.title, LABEL_CHARS)
            width = len(text) * 6.6 + 12
            row = next((r for r in range(LABEL_ROWS) if row_end[r] <= x), None)
            if row is None:
                continue  # no room: the event's line is still drawn
            row_end[row] = x + width
            notes.append(
                {
                    "xref": "x", "yref": "paper", "x": ev.date_start.isoformat(), "y": 1,
                    "yanchor": "bottom", "xanchor": "left", "yshift": 4 + row * 17,
                    "text": text, "showarrow": False, "font": {"size": 11, "color": "#223"},
                    "bgcolor": "rgba(238,240,246,0.95)",
                }
            )  # fmt: skip
    fig.update_layout(
        annotations=notes,
        title={
            "text": plotly_text(HEADING),
            "x": 0.01,
            "y": 0.985,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": 18},
        },
        legend_title_text="Medier",
        margin={"t": 50 + LABEL_ROWS * 17, "l": 10, "r": 10, "b": 10},
        width=WIDTH,
        height=HEIGHT,
    )
    return fig


def _page(fig: go.Figure, fmt: str) -> str:
    # plotly's own encoder turns numpy arrays into plotly.js's base64 typed arrays.
    spec = script_json(json.loads(fig.to_json()))
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        f'<div id="p"></div><textarea id="out"></textarea><script>{plotly_bundle()}</script>'
        f"<script>Plotly.register({script_json(plotly_locale())});"
        f"var f={spec};"
        "Plotly.newPlot('p',f.data,f.layout,{locale:'da',staticPlot:true})"
        f".then(function(gd){{return Plotly.toImage(gd,{{format:'{fmt}',width:{WIDTH},"
        f"height:{HEIGHT},scale:{2 if fmt == 'png' else 1}}});}})"
        ".then(function(u){document.getElementById('out').textContent=u;},"
        "function(e){document.getElementById('out').textContent='error:'+e;});</script>"
        "</body></html>"
    )


def write_picture(data: TimelineData, out: Path, fmt: str, *, timeout_s: float = 120) -> int:
    """Draw the timeline as ``fmt`` (png or svg) into ``out``; return the bytes written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    chromium = find_chromium()
    fig = static_figure(data)
    work = Path(tempfile.mkdtemp(prefix="mediespor-picture-"))
    try:
        page = work / "picture.html"
        page.write_text(_page(fig, fmt), encoding="utf-8")
        cmd = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={work / 'profile'}", "--virtual-time-budget=30000",
            "--dump-dom", page.as_uri(),
        ]  # fmt: skip
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            raise MediesporError(f"Chromium took longer than {timeout_s:.0f} s") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    found = _RESULT.search(done.stdout)
    if not found:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise MediesporError(f"Chromium did not draw the picture: {detail[0][:300]}")
    url = found.group(1)
    head, _, body = url.partition(",")
    blob = base64.b64decode(body) if head.endswith(";base64") else urllib.parse.unquote(body)
    data_bytes = blob if isinstance(blob, bytes) else blob.encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data_bytes)
    return len(data_bytes)
