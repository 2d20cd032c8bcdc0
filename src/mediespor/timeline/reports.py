"""``reports/index.html``: per event its linked items and why, coverage per outlet per month."""

from __future__ import annotations

import datetime as dt

from mediespor.timeline.danish import count_items, format_datetime, format_month, kind_label
from mediespor.timeline.data import TimelineData, TimelineItem
from mediespor.timeline.escape import html_text, safe_url

STATUS_LABELS = {"auto": "automatisk", "confirmed": "bekræftet", "added": "tilføjet"}


def coverage_by_month(data: TimelineData) -> tuple[list[tuple[int, int]], dict[str, dict]]:
    """Months (year, month) in order and, per outlet, item counts per month (relevant or unjudged)."""
    counts: dict[str, dict[tuple[int, int], int]] = {}
    for item in data.dated:
        if item.relevant is False:
            continue
        key = (item.published_local.year, item.published_local.month)
        row = counts.setdefault(item.outlet, {})
        row[key] = row.get(key, 0) + 1
    months = sorted({m for row in counts.values() for m in row})
    return months, counts


def _item_row(item: TimelineItem, event_id: str) -> str:
    link = next(lk for lk in item.links if lk.event_id == event_id)
    when = (
        format_datetime(item.published_local, item.precision)
        if item.published_local
        else "uden dato"
    )
    url = safe_url(item.url)
    title = html_text(item.title or "(uden titel)")
    title_cell = (
        f'<a href="{html_text(url)}" rel="noopener noreferrer">{title}</a>' if url else title
    )
    score = f"{link.score:.2f}".replace(".", ",") if link.score is not None else "–"
    status = STATUS_LABELS.get(link.status, link.status)
    return (
        f"<tr><td>{html_text(when)}</td><td>{html_text(item.outlet)}</td>"
        f"<td>{html_text(kind_label(item.kind))}</td><td>{title_cell}</td>"
        f"<td>{score} ({html_text(status)})</td><td>{html_text(link.reasons) or '–'}</td></tr>"
    )


def needs_date_section(data: TimelineData) -> str:
    """The "Mangler dato" section: relevant items with neither a date nor a link, and how to
    resolve them (they cannot be placed on the timeline or under an event)."""
    by_id = {i.item_id: i for i in data.items}
    rows = []
    for item_id in data.needs_date:
        item = by_id[item_id]
        url = safe_url(item.url)
        title = html_text(item.title or "(uden titel)")
        link = f'<a href="{html_text(url)}" rel="noopener noreferrer">{title}</a>' if url else title
        rows.append(
            f"<tr><td>{link}</td><td>{html_text(item.outlet)}</td>"
            f"<td>{html_text(kind_label(item.kind))}</td><td><code>{html_text(item_id)}</code></td></tr>"
        )
    body = (
        "<table><thead><tr><th>Titel</th><th>Medie</th><th>Type</th><th>Emne-id</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else "<p>Ingen: alle relevante emner har en dato eller en kobling.</p>"
    )
    return (
        '<section id="mangler-dato"><h2>Mangler dato</h2>'
        f"<p>{count_items(len(rows))} uden dato og uden kobling til en begivenhed. Et emne uden "
        "dato kobles ikke på emneord alene. Giv det en dato (importér det igen med kolonnen "
        "<code>published</code>, fx <code>2017-06-29</code> eller <code>juni 2017</code>), eller "
        "kobl det selv: <code>mediespor link add EMNE-ID BEGIVENHED</code>.</p>"
        f"{body}</section>"
    )


def render_index(data: TimelineData, *, generated: dt.datetime, timeline_href: str) -> str:
    """The complete report page."""
    by_id = {i.item_id: i for i in data.items}
    sections = []
    for n, ev in enumerate(data.events, start=1):
        when = format_datetime(dt.datetime.combine(ev.date_start, dt.time()), "day")
        if ev.is_range:
            when += " – " + format_datetime(dt.datetime.combine(ev.date_end, dt.time()), "day")
        rows = "".join(_item_row(by_id[i], ev.event_id) for i in ev.item_ids)
        table = (
            "<table><thead><tr><th>Dato</th><th>Medie</th><th>Type</th><th>Titel</th>"
            f"<th>Score</th><th>Hvorfor koblet</th></tr></thead><tbody>{rows}</tbody></table>"
            if rows
            else "<p>Ingen omtale koblet endnu.</p>"
        )
        sections.append(
            f'<section id="{html_text(ev.event_id)}"><h3>{n}. {html_text(ev.title)}</h3>'
            f'<p class="when">{html_text(when)} · {count_items(len(ev.item_ids))}</p>'
            f"<p>{html_text(ev.description)}</p>{table}</section>"
        )
    months, counts = coverage_by_month(data)
    head = "".join(f"<th>{html_text(format_month(y, m))}</th>" for y, m in months)
    body = []
    for outlet in sorted(counts, key=str.casefold):
        cells = "".join(f"<td>{counts[outlet].get(m, '')}</td>" for m in months)
        body.append(
            f"<tr><th>{html_text(outlet)}</th>{cells}<td>{sum(counts[outlet].values())}</td></tr>"
        )
    totals = "".join(f"<td>{sum(row.get(m, 0) for row in counts.values())}</td>" for m in months)
    grand = sum(sum(r.values()) for r in counts.values())
    coverage = (
        f'<table class="coverage"><thead><tr><th>Medie</th>{head}<th>I alt</th></tr></thead>'
        f'<tbody>{"".join(body)}<tr class="total"><th>I alt</th>{totals}<td>{grand}</td></tr>'
        "</tbody></table>"
        if counts
        else "<p>Ingen daterede emner endnu.</p>"
    )
    collected = (
        format_datetime(data.last_collected)
        if data.last_collected
        else "aldrig (ingen emner endnu)"
    )
    undated = len(data.items) - len(data.dated)
    return _TEMPLATE.format(
        collected=html_text(collected),
        generated=html_text(format_datetime(generated)),
        n_items=count_items(len(data.items)),
        undated=undated,
        timeline=html_text(timeline_href),
        events="".join(sections) or "<p>Ingen begivenheder.</p>",
        coverage=coverage,
        needs_date=needs_date_section(data),
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Mediespor – rapport</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 12px 30px; color: #1d1d26; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 0.9rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }}
.coverage td {{ text-align: right; }}
.total {{ font-weight: 600; }}
.when {{ color: #555; margin: 0; }}
.wrap {{ overflow-x: auto; }}
</style>
</head>
<body>
<h1>Mediespor – rapport</h1>
<p>Data senest indsamlet: <strong>{collected}</strong>. Rapporten er lavet {generated}.
{n_items} i alt, heraf {undated} uden dato. <a href="{timeline}">Åbn den interaktive tidslinje</a>.</p>
<h2>Dækning pr. medie pr. måned</h2>
<p>Relevante (og ikke vurderede) emner med dato.</p>
<div class="wrap">{coverage}</div>
<h2>Begivenheder og deres omtale</h2>
{events}
{needs_date}
</body>
</html>
"""
