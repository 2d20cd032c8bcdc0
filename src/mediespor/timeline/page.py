"""Assemble the one self-contained, offline timeline page (plotly.js embedded, no CDN)."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import plotly.io as pio
from plotly.offline import get_plotlyjs

from mediespor.timeline.danish import count_items, format_date, format_datetime, plotly_locale
from mediespor.timeline.data import TimelineData
from mediespor.timeline.escape import html_text, safe_url, script_json
from mediespor.timeline.figure import PRESETS, TimelineFigure, full_range
from mediespor.timeline.payload import COMPRESS_ABOVE, build_table, encode

PAGE_TITLE = "Mediespor – tidslinje"
HEADING = "Presseomtale af striden om førtidspension og fleksjob i København"
PLOT_ID = "ms-plot"


def _asset(name: str) -> str:
    return (resources.files("mediespor.timeline") / "assets" / name).read_text(encoding="utf-8")


def _events_json(data: TimelineData, item_pos: dict[str, int]) -> list[dict]:
    out = []
    for n, ev in enumerate(data.events, start=1):
        when = format_date(ev.date_start)
        if ev.is_range:
            when += f" – {format_date(ev.date_end)}"
        out.append(
            {
                "id": ev.event_id,
                "n": n,
                "title": ev.title,
                "when": when,
                "description": ev.description,
                "url": safe_url(ev.source_url) or "",
                "items": [item_pos[i] for i in ev.item_ids if i in item_pos],
            }
        )
    return out


def _summary_line(data: TimelineData, tfig: TimelineFigure, generated: dt.datetime) -> str:
    n_items = len(tfig.items)
    undated = len(data.items) - n_items
    parts = [f"{count_items(n_items)} fra {len(tfig.lanes)} medier"]
    if data.last_collected is not None:
        parts.append(f"senest indsamlet {format_datetime(data.last_collected)}")
    parts.append(f"siden lavet {format_datetime(generated)}")
    if undated:
        parts.append(f"{count_items(undated)} uden dato vises ikke")
    return " · ".join(parts)


def render_page(
    data: TimelineData,
    tfig: TimelineFigure,
    *,
    generated: dt.datetime,
    compress_above: int = COMPRESS_ABOVE,
) -> str:
    """The complete HTML document for ``data`` drawn as ``tfig``."""
    item_pos = {item.item_id: n for n, item in enumerate(tfig.items)}
    payload = encode(build_table(tfig.items, data.events), compress_above=compress_above)
    config = {
        "laneOffsets": list(tfig.lane_offsets),
        "lanes": list(tfig.lanes),
        "events": _events_json(data, item_pos),
        "labels": [
            {"n": lb.number, "text": lb.text, "level": lb.level, "x": lb.x} for lb in tfig.labels
        ],
        "presets": {k: list(v) if v else None for k, v in PRESETS.items()},
        "fullRange": list(full_range(tfig.items, data.events) or ()),
        "payloadEncoding": payload.encoding,
        "leadChars": payload.lead_chars,
    }
    plot_html = pio.to_html(
        tfig.figure,
        include_plotlyjs=False,
        full_html=False,
        div_id=PLOT_ID,
        default_width="100%",
        config={
            "locale": "da",
            "responsive": True,
            "displaylogo": False,
            "scrollZoom": True,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
        },
        post_script="window.mediesporInit(document.getElementById('{plot_id}'));",
    )
    event_options = "".join(
        f'<option value="{html_text(e.event_id)}">{n}. {html_text(e.title, 60)}</option>'
        for n, e in enumerate(data.events, start=1)
    )
    event_list = "".join(
        f'<li><button type="button" class="ms-event-btn" data-event="{n - 1}">'
        f'<span class="ms-when">{html_text(_when(e))}</span> {html_text(e.title)}'
        f' <span class="ms-count">({count_items(sum(1 for i in e.item_ids if i in item_pos))})</span>'
        "</button></li>"
        for n, e in enumerate(data.events, start=1)
    )
    presets = "".join(
        f'<button type="button" class="ms-preset" data-preset="{html_text(k)}">{html_text(k)}</button>'
        for k in PRESETS
    )
    return _TEMPLATE.format(
        title=html_text(PAGE_TITLE),
        heading=html_text(HEADING),
        summary=html_text(_summary_line(data, tfig, generated)),
        css=_asset("timeline.css"),
        event_options=event_options,
        presets=presets,
        event_list=event_list or "<li>Ingen begivenheder.</li>",
        config=script_json(config),
        payload_encoding=payload.encoding,
        payload=payload.text,
        plotlyjs=get_plotlyjs(),
        locale=script_json(plotly_locale()),
        app=_asset("timeline.js"),
        plot=plot_html,
    )


def _when(ev) -> str:
    text = format_date(ev.date_start)
    return text + (f" – {format_date(ev.date_end)}" if ev.is_range else "")


# Braces of the CSS/JS come in through format arguments, so this template has none of its own.
_TEMPLATE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; worker-src blob:; font-src data:">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header class="ms-header">
<h1>{heading}</h1>
<p class="ms-summary">{summary}</p>
</header>
<form class="ms-controls" onsubmit="return false">
<label class="ms-field">Søg <input type="search" id="ms-search" placeholder="fx Allerslev, demonstration" autocomplete="off"></label>
<span id="ms-search-count" class="ms-count" aria-live="polite"></span>
<label class="ms-field">Begivenhed <select id="ms-event"><option value="">alle</option><option value="__none">ingen begivenhed</option>{event_options}</select></label>
<label class="ms-field">Relevans <select id="ms-relevance"><option value="">alle emner</option><option value="relevant">kun relevante</option><option value="off">kun ikke-relevante</option></select></label>
<span class="ms-presets" role="group" aria-label="Periode">Periode: {presets}</span>
</form>
<p class="ms-help">Hold musen over et punkt for detaljer, klik for at åbne det i en ny fane. Klik på en begivenhed for at se dens beskrivelse og omtale. Klik på et medie i forklaringen for at skjule det.</p>
<div id="ms-tooltip" role="tooltip" hidden></div>
<aside id="ms-event-panel" hidden aria-live="polite"></aside>
<script type="application/json" id="ms-config">{config}</script>
<script type="application/octet-stream" id="ms-items" data-encoding="{payload_encoding}">{payload}</script>
<script>{plotlyjs}</script>
<script>Plotly.register({locale});</script>
<script>{app}</script>
<main class="ms-plot">{plot}</main>
<section class="ms-events"><h2>Begivenheder</h2><ol>{event_list}</ol></section>
<footer class="ms-footer">Lavet med mediespor. Siden virker uden netforbindelse.</footer>
</body>
</html>
"""
