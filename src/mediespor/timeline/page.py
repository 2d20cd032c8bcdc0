"""Assemble the one self-contained, offline timeline page (plotly.js embedded, no CDN)."""

from __future__ import annotations

import base64
import datetime as dt
from importlib import resources

import numpy as np
import plotly.io as pio

from mediespor.timeline.danish import (
    count_items,
    count_outlets,
    format_date,
    format_datetime,
    plotly_locale,
)
from mediespor.timeline.data import TimelineData
from mediespor.timeline.escape import clean, document_start, html_text, safe_url, script_json
from mediespor.timeline.figure import (
    BIN_THRESHOLD,
    PRESETS,
    TimelineFigure,
    coverage_range,
    full_range,
    item_x,
)
from mediespor.timeline.payload import COMPRESS_ABOVE, build_table, encode

PAGE_TITLE = "Mediespor – tidslinje"
HEADING = "Presseomtale af striden om førtidspension og fleksjob i København"
PLOT_ID = "ms-plot"


def _asset(name: str) -> str:
    return (resources.files("mediespor.timeline") / "assets" / name).read_text(encoding="utf-8")


def _ms_of(day: dt.date) -> float:
    return (dt.datetime.combine(day, dt.time()) - dt.datetime(1970, 1, 1)).total_seconds() * 1000


def _events_json(data: TimelineData, item_pos: dict[str, int]) -> list[dict]:
    out = []
    for n, ev in enumerate(data.events, start=1):
        out.append(
            {
                "id": ev.event_id,
                "n": n,
                "title": clean(ev.title),
                "when": _when(ev),
                "description": clean(ev.description),
                "url": safe_url(ev.source_url) or "",
                # Wall-clock milliseconds like the item x values: start of the first day, end
                # of the last.
                "start": _ms_of(ev.date_start),
                "end": _ms_of(ev.date_end + dt.timedelta(days=1)),
                "items": [item_pos[i] for i in ev.item_ids if i in item_pos],
            }
        )
    return out


def _summary_line(data: TimelineData, tfig: TimelineFigure, generated: dt.datetime) -> str:
    undated = [i for i in data.items if i.published_local is None]
    kinds = [i.kind for i in tfig.items]
    parts = [f"{count_items(len(tfig.items), kinds)} fra {count_outlets(len(tfig.lanes))}"]
    if data.last_collected is not None:
        parts.append(f"senest indsamlet {format_datetime(data.last_collected)}")
    if undated:
        parts.append(f"{count_items(len(undated), [i.kind for i in undated])} uden dato vises ikke")
    return " · ".join(parts)


def _about(data: TimelineData, generated: dt.datetime) -> str:
    collected = (
        format_datetime(data.last_collected) if data.last_collected else "endnu ikke (ingen data)"
    )
    outlets = ", ".join(data.outlets) or "ingen endnu"
    return (
        "Siden viser presseomtale af striden om førtidspension, fleksjob og ressourceforløb i "
        "Københavns Kommune. Omtalen er samlet automatisk fra mediernes nyhedsfeeds, sitemaps "
        "og arkiver (bl.a. Internet Archive) og fra en liste over indslag, som aktivister har "
        f"registreret. Medier: {outlets}. Data senest indsamlet {collected}; siden lavet "
        f"{format_datetime(generated)}. Koblingen mellem omtale og begivenheder er lavet "
        "automatisk ud fra ord, navne, beløb og datoer; koblinger markeret »forslag« er ikke "
        "sikre. Siden virker uden netforbindelse."
    )


def plotly_bundle() -> str:
    """plotly.js for the page: the vendored basic bundle (scatter, bar; see assets/README.md).
    Large collections are drawn binned, so no page needs WebGL or the full bundle."""
    return _asset("plotly-basic.min.js")


def _binned_config(tfig: TimelineFigure, detail_max: int) -> dict:
    """What the page needs to re-bin or draw single items on zoom: every item's x as base64
    little-endian float64 (in item order), before the item table itself is read."""
    if not tfig.binned:
        return {"binned": False}
    xs = np.array([item_x(i) for i in tfig.items], dtype="<f8")
    return {
        "binned": True,
        "detailMax": detail_max,
        "itemX": base64.b64encode(xs.tobytes()).decode("ascii"),
    }


def render_page(
    data: TimelineData,
    tfig: TimelineFigure,
    *,
    generated: dt.datetime,
    compress_above: int = COMPRESS_ABOVE,
    detail_max: int = BIN_THRESHOLD,
) -> str:
    """The complete HTML document for ``data`` drawn as ``tfig``; a binned figure shows single
    items again once the visible range holds at most ``detail_max`` of them."""
    item_pos = {item.item_id: n for n, item in enumerate(tfig.items)}
    payload = encode(build_table(tfig.items, data.events), compress_above=compress_above)
    presets = {"omtalen": coverage_range(tfig.items), **PRESETS}
    config = {
        "laneOffsets": list(tfig.lane_offsets),
        "lanes": list(tfig.lanes),
        "colors": list(tfig.colors),
        "weeks": [_ms_of(w) for w in tfig.weeks],
        "events": _events_json(data, item_pos),
        "presets": {k: list(v) if v else None for k, v in presets.items()},
        "fullRange": list(full_range(tfig.items, data.events) or ()),
        "payloadEncoding": payload.encoding,
        "leadChars": payload.lead_chars,
        **_binned_config(tfig, detail_max),
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
            "showTips": False,
            "doubleClick": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage", "autoScale2d"],
        },
        post_script="window.mediesporInit(document.getElementById('{plot_id}'));",
    )
    event_options = "".join(
        f'<option value="{html_text(e.event_id)}">{n}. {html_text(e.title, 60)}</option>'
        for n, e in enumerate(data.events, start=1)
    )
    kind_of = {i.item_id: i.kind for i in tfig.items}
    event_list = "".join(
        f'<li><button type="button" class="ms-event-btn" data-event="{n - 1}">'
        f'<span class="ms-when">{html_text(_when(e))}</span> '
        f'<span class="ms-ev-title">{html_text(e.title)}</span>'
        f' <span class="ms-count">({_event_count(e, kind_of)})</span>'
        "</button></li>"
        for n, e in enumerate(data.events, start=1)
    )
    preset_buttons = "".join(
        f'<button type="button" class="ms-preset{" ms-active" if k == "omtalen" else ""}"'
        f' data-preset="{html_text(k)}">{html_text(k)}</button>'
        for k in presets
    )
    return _TEMPLATE.format(
        title=html_text(PAGE_TITLE),
        heading=html_text(HEADING),
        summary=html_text(_summary_line(data, tfig, generated)),
        css=_asset("timeline.css"),
        event_options=event_options,
        presets=preset_buttons,
        event_list=event_list or "<li>Ingen begivenheder.</li>",
        config=script_json(config),
        payload_encoding=payload.encoding,
        payload=payload.text,
        plotlyjs=plotly_bundle(),
        locale=script_json(plotly_locale()),
        app=_asset("timeline.js"),
        plot=plot_html,
        about=html_text(_about(data, generated)),
    )


def _event_count(ev, kind_of: dict[str, str]) -> str:
    ids = [i for i in ev.item_ids if i in kind_of]
    if not ids:
        return "ingen omtale endnu"
    return count_items(len(ids), [kind_of[i] for i in ids])


def _when(ev) -> str:
    text = format_date(ev.date_start)
    return text + (f" – {format_date(ev.date_end)}" if ev.is_range else "")


# Braces of the CSS/JS come in through format arguments, so this template has none of its own.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline';"
    " img-src data: blob:; worker-src blob:; font-src data:"
)
_TEMPLATE = (
    document_start(_CSP)
    + """<title>{title}</title>
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
<label class="ms-field">Relevans <select id="ms-relevance"><option value="">al omtale</option><option value="relevant">kun relevant</option><option value="off">kun ikke relevant</option></select></label>
<span class="ms-presets" role="group" aria-label="Periode">Vis: {presets}</span>
</form>
<p class="ms-help"><span class="ms-help-mouse">Overskrifterne står på tidslinjen, når der er plads; zoom ind med musehjulet eller vælg en periode for at se flere. Klik på en overskrift eller et punkt for detaljer og et link til kilden. Klik på en begivenhed for at se, hvad den handler om, og hvilken omtale der er koblet til den. Klik på et medie i forklaringen for at skjule det.</span><span class="ms-help-touch">Tryk på en overskrift eller et punkt for detaljer og et link til kilden. Tryk på en begivenhed for at se dens omtale. Vælg en periode ovenfor for at zoome.</span></p>
<div id="ms-tooltip" role="tooltip" hidden></div>
<main class="ms-stage" id="ms-stage">
<div class="ms-band" id="ms-eventband" aria-label="Begivenheder på tidslinjen"></div>
<div class="ms-band" id="ms-headlines" aria-label="Overskrifter"></div>
<p class="ms-note" id="ms-note" aria-live="polite"></p>
<script type="application/json" id="ms-config">{config}</script>
<script>{plotlyjs}</script>
<script>Plotly.register({locale});</script>
<script>{app}</script>
<div class="ms-plot">{plot}</div>
</main>
<script type="application/octet-stream" id="ms-items" data-encoding="{payload_encoding}">{payload}</script>
<aside id="ms-event-panel" hidden aria-live="polite"></aside>
<aside id="ms-card" hidden aria-live="polite"></aside>
<section class="ms-events"><h2>Begivenheder</h2><p class="ms-help">Klik for at se beskrivelse og omtale.</p><ol>{event_list}</ol></section>
<section class="ms-about"><h2>Om siden</h2><p>{about}</p></section>
<footer class="ms-footer">Lavet med mediespor.</footer>
</body>
</html>
"""
)
