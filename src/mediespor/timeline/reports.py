"""``reports/index.html``: coverage per outlet and month, and per event its coverage and why.

The page is a header plus a sequence of sections; each section is one function from the data to
an HTML fragment (see :data:`SECTIONS`), so a new section is one function added to that tuple.
Readers are activists: reasons are Danish sentences, and scores stay in ``mediespor link
--explain``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mediespor.discover.kinds import path_label
from mediespor.timeline.danish import (
    count_items,
    format_date,
    format_datetime,
    format_month,
    kind_label,
)
from mediespor.timeline.data import EventLink, TimelineData, TimelineEvent, TimelineItem
from mediespor.timeline.escape import document_start, html_text, safe_url

#: Links the linker only proposes carry this mark (analysts' decisions are said in the
#: reason sentences, see mediespor.link.explain_da).
STATUS_NOTES = {"suggested": "forslag"}

Section = Callable[[TimelineData], str]


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


def coverage_section(data: TimelineData) -> str:
    """Relevant dated coverage per outlet per month, as a table that scrolls on a phone."""
    months, counts = coverage_by_month(data)
    if not counts:
        return "<h2>Dækning pr. medie pr. måned</h2><p>Ingen daterede omtaler endnu.</p>"
    head = "".join(f"<th>{html_text(format_month(y, m))}</th>" for y, m in months)
    body = []
    for outlet in sorted(counts, key=str.casefold):
        cells = "".join(f"<td>{counts[outlet].get(m, '')}</td>" for m in months)
        body.append(
            f"<tr><th>{html_text(outlet)}</th>{cells}<td>{sum(counts[outlet].values())}</td></tr>"
        )
    totals = "".join(f"<td>{sum(row.get(m, 0) for row in counts.values())}</td>" for m in months)
    grand = sum(sum(r.values()) for r in counts.values())
    return (
        "<h2>Dækning pr. medie pr. måned</h2>"
        "<p>Relevante (og endnu ikke vurderede) omtaler med dato.</p>"
        f'<div class="wrap"><table class="coverage"><thead><tr><th>Medie</th>{head}'
        f'<th>I alt</th></tr></thead><tbody>{"".join(body)}<tr class="total"><th>I alt</th>'
        f"{totals}<td>{grand}</td></tr></tbody></table></div>"
    )


def _when(item: TimelineItem) -> str:
    if item.published_local is None:
        return "uden dato"
    return format_datetime(item.published_local, item.precision)


def _coverage_entry(item: TimelineItem, link: EventLink) -> str:
    url = safe_url(item.url)
    title = html_text(item.title or "(uden titel)")
    title_html = (
        f'<a href="{html_text(url)}" rel="noopener noreferrer">{title}</a>' if url else title
    )
    note = STATUS_NOTES.get(link.status)
    badge = (
        f' <span class="badge{" suggested" if link.suggested else ""}">{html_text(note)}</span>'
        if note
        else ""
    )
    why = (
        f'<p class="why"><strong>Hvorfor koblet:</strong> '
        f"{html_text('; '.join(link.sentences))}.</p>"
        if link.sentences
        else ""
    )
    meta = " · ".join((_when(item), item.outlet, kind_label(item.kind)))
    return (
        f'<li><p class="meta">{html_text(meta)}</p><p class="title">{title_html}{badge}</p>'
        f"{why}</li>"
    )


def _event_when(ev: TimelineEvent) -> str:
    text = format_date(ev.date_start)
    return text + (f" – {format_date(ev.date_end)}" if ev.is_range else "")


def _event_block(n: int, ev: TimelineEvent, by_id: dict[str, TimelineItem]) -> str:
    entries = []
    kinds = []
    for item_id in ev.item_ids:
        item = by_id[item_id]
        link = next(lk for lk in item.links if lk.event_id == ev.event_id)
        entries.append(_coverage_entry(item, link))
        kinds.append(item.kind)
    listing = (
        f'<ol class="items">{"".join(entries)}</ol>'
        if entries
        else '<p class="empty">Ingen omtale fundet endnu for denne begivenhed.</p>'
    )
    count = count_items(len(entries), kinds) if entries else "ingen omtale endnu"
    return (
        f'<section class="event" id="{html_text(ev.event_id)}"><h3>{n}. {html_text(ev.title)}</h3>'
        f'<p class="when">{html_text(_event_when(ev))} · {html_text(count)}</p>'
        f"<p>{html_text(ev.description)}</p>{listing}</section>"
    )


def events_section(data: TimelineData) -> str:
    """Every event with its description, the coverage linked to it and why."""
    by_id = {i.item_id: i for i in data.items}
    blocks = "".join(_event_block(n, ev, by_id) for n, ev in enumerate(data.events, start=1))
    return "<h2>Begivenheder og deres omtale</h2>" + (blocks or "<p>Ingen begivenheder.</p>")


def needs_date_section(data: TimelineData) -> str:
    """The "Mangler dato" section: relevant items with neither a date nor a link, and how to
    resolve them (they cannot be placed on the timeline or under an event)."""
    by_id = {i.item_id: i for i in data.items}
    rows, kinds = [], []
    for item_id in data.needs_date:
        item = by_id[item_id]
        kinds.append(item.kind)
        url = safe_url(item.url)
        title = html_text(item.title or "(uden titel)")
        link = f'<a href="{html_text(url)}" rel="noopener noreferrer">{title}</a>' if url else title
        rows.append(
            f"<tr><td>{link}</td><td>{html_text(item.outlet)}</td>"
            f"<td>{html_text(kind_label(item.kind))}</td><td><code>{html_text(item_id)}</code></td></tr>"
        )
    body = (
        '<div class="wrap"><table class="plain"><thead><tr><th>Titel</th><th>Medie</th><th>Type</th><th>Emne-id</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        if rows
        else "<p>Ingen: alle relevante emner har en dato eller en kobling.</p>"
    )
    return (
        '<section id="mangler-dato"><h2>Mangler dato</h2>'
        f"<p>{count_items(len(rows), kinds)} uden dato og uden kobling til en begivenhed. Et emne uden "
        "dato kobles ikke på emneord alene. Giv det en dato (importér det igen med kolonnen "
        "<code>published</code>, fx <code>2017-06-29</code> eller <code>juni 2017</code>), eller "
        "kobl det selv: <code>mediespor link add EMNE-ID BEGIVENHED</code>.</p>"
        f"{body}</section>"
    )


def paths_section(data: TimelineData) -> str:
    """Per outlet and month, how many relevant items came by which path: where recall is thin."""
    table = data.paths
    if table is None or not table.rows:
        return ""
    head = "".join(f"<th>{html_text(path_label(v))}</th>" for v in table.paths)
    body = "".join(
        f"<tr><th>{html_text(outlet)}</th><td>{html_text(_month(month))}</td>"
        + "".join(f"<td>{cells.get(v, '')}</td>" for v in table.paths)
        + "</tr>"
        for outlet, month, cells in table.rows
    )
    return (
        '<section id="veje"><h2>Hvor omtalerne kom fra</h2>'
        "<p>Relevante omtaler pr. medie og måned efter den vej, de blev fundet ad. En omtale, "
        "der er fundet ad flere veje, tælles under hver af dem. Tomme felter viser, hvor "
        "dækningen kan mangle.</p>"
        f'<div class="wrap"><table class="coverage"><tr><th>Medie</th><th>Måned</th>{head}</tr>'
        f"{body}</table></div></section>"
    )


def _month(month: str | None) -> str:
    if not month:
        return "uden dato"
    year, mon = month.split("-")
    return format_month(int(year), int(mon))


def attribution_section(data: TimelineData) -> str:
    """The corpora items were read from, with license and attribution (the licenses ask it)."""
    if not data.corpora:
        return ""
    rows = "".join(
        f"<li><b>{html_text(c.corpus)}</b> ({html_text(c.license)}): "
        f"{html_text(count_items(c.items))}"
        + (f". {html_text(c.attribution)}" if c.attribution else "")
        + "</li>"
        for c in data.corpora
    )
    return (
        '<section id="kilder"><h2>Tekstkorpusser og licenser</h2>'
        f"<p>Nogle omtaler er læst fra åbne tekstsamlinger:</p><ul>{rows}</ul></section>"
    )


#: The report's sections, in page order.
SECTIONS: tuple[Section, ...] = (
    coverage_section, paths_section, events_section, needs_date_section, attribution_section,
)  # fmt: skip


def render_index(
    data: TimelineData,
    *,
    generated: dt.datetime,
    timeline_href: str,
    sections: tuple[Section, ...] = SECTIONS,
) -> str:
    """The complete report page: the header, then each of ``sections`` in order."""
    collected = (
        format_datetime(data.last_collected)
        if data.last_collected
        else "aldrig (ingen omtale endnu)"
    )
    undated = len(data.items) - len(data.dated)
    return _TEMPLATE.format(
        collected=html_text(collected),
        generated=html_text(format_datetime(generated)),
        n_items=count_items(len(data.items), [i.kind for i in data.items]),
        undated=undated,
        timeline=html_text(timeline_href),
        body="\n".join(section(data) for section in sections),
    )


_TEMPLATE = (
    document_start("default-src 'none'; style-src 'unsafe-inline'")
    + """<title>Mediespor – rapport</title>
<style>
* {{ box-sizing: border-box; }}
body {{ font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 960px; padding: 0 16px 30px; color: #1d1d26; }}
h1 {{ font-size: 1.4rem; margin: 16px 0 4px; }}
h2 {{ font-size: 1.15rem; margin: 26px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }}
h3 {{ font-size: 1.02rem; margin: 0 0 2px; }}
a {{ color: #1a3d8f; }}
.wrap {{ overflow-x: auto; }}
table.coverage {{ border-collapse: collapse; font-size: 0.9rem; }}
.coverage th, .coverage td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; white-space: nowrap; }}
.coverage td {{ text-align: right; }}
.coverage th:first-child {{ position: sticky; left: 0; background: #fff; text-align: left; }}
.total {{ font-weight: 600; }}
.event {{ margin: 14px 0; padding: 12px 14px; border: 1px solid #dde; border-radius: 8px; background: #fafafd; }}
.when {{ color: #555; margin: 0 0 6px; }}
.items {{ list-style: none; padding: 0; margin: 8px 0 0; }}
.items li {{ padding: 8px 0; border-top: 1px solid #e6e6ee; overflow-wrap: anywhere; }}
.items p {{ margin: 0; }}
.meta {{ color: #555; font-size: 0.85rem; }}
.title {{ font-weight: 500; }}
.why {{ color: #333; font-size: 0.9rem; }}
.badge {{ display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 3px; background: #e8ecf6; color: #334; font-size: 0.75rem; font-weight: 400; }}
.badge.suggested {{ background: none; border: 1px dashed #a60; color: #840; }}
.empty {{ font-style: italic; color: #555; }}
table.plain {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
.plain th, .plain td {{ border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }}
@media (max-width: 640px) {{ body {{ padding: 0 10px 24px; font-size: 14px; }} .event {{ padding: 10px; }} }}
</style>
</head>
<body>
<h1>Mediespor – rapport</h1>
<p>Data senest indsamlet: <strong>{collected}</strong>. Rapporten er lavet {generated}.
{n_items} i alt, heraf {undated} uden dato. <a href="{timeline}">Åbn den interaktive tidslinje</a>.</p>
{body}
</body>
</html>
"""
)
