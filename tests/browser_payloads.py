"""Hostile content in every field an item or event has, rendered and poked in Chromium.

Each payload, if it ever ran, would set ``window.__pwned`` to its own marker. The pages are
opened from disk, every item point is hovered and clicked, every payload is typed into the
search box, every event is opened, and the report's links are inspected. A payload is inert when
its marker never appears and it left no live element (no event-handler attribute, no
``javascript:``/``data:`` link) in either page. Used by tests/test_reliability_payloads.py and
bench/reliability.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser import chromium_context
from mediespor.models import ItemRecord
from mediespor.progress import Reporter
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item
from mediespor.timeline.render import render_all


def _payloads() -> list[str]:
    out = []
    templates = [
        "<script>window.__pwned='{m}'</script>",
        "<img src=x onerror=\"window.__pwned='{m}'\">",
        "<svg onload=\"window.__pwned='{m}'\"></svg>",
        "<a href=\"javascript:window.__pwned='{m}'\">klik</a>",
        "<b onmouseover=\"window.__pwned='{m}'\">fed</b>",
        "<iframe srcdoc=\"<script>parent.__pwned='{m}'</script>\"></iframe>",
        "\"><script>window.__pwned='{m}'</script>",
        "'; window.__pwned='{m}'; '",
        "</script><script>window.__pwned='{m}'</script>",
        "%{{x}}<br><a href='javascript:window.__pwned=\"{m}\"'>plotly</a>",
        "<details open ontoggle=\"window.__pwned='{m}'\">",
        "{{{{constructor.constructor('window.__pwned=\"{m}\"')()}}}}",
    ]
    for n, t in enumerate(templates):
        out.append(t.format(m=f"p{n}"))
    return out


PAYLOADS = _payloads()
URL_PAYLOADS = [
    "javascript:window.__pwned='u0'",
    "data:text/html,<script>window.__pwned='u1'</script>",
    "JaVaScRiPt:window.__pwned='u2'",
    " javascript:window.__pwned='u3'",
]

#: Bidi embeddings, overrides and isolates in titles and outlet names: shown raw they reverse
#: how the rest of the line reads. Each is inert when no page carries it into its text.
BIDI_PAYLOADS = [
    "Førtidspension \u202eslatot eslaf\u202c i rapporten",
    "\u202dtvunget venstre-til-højre\u202c og \u202bhøjre-til-venstre\u202c",
    "\u2066isoleret\u2069 \u2067rtl\u2069 \u2068første\u2069 titel",
    "\u202aindlejret\u202c overskrift",
]
BIDI_CHARS = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
BIDI_SHOWN = (
    "(chars) => [...chars].filter((c) => document.documentElement.textContent.includes(c)"
    " || [...document.querySelectorAll('*')].some((el) => [...el.attributes].some("
    "(a) => a.value.includes(c))))"
)

DANGEROUS_DOM = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = (a.value || '').trim().toLowerCase();
      if (a.name.startsWith('on') && v.includes('__pwned')) bad.push(el.tagName + ' ' + a.name);
      if ((a.name === 'href' || a.name === 'src') && (v.startsWith('javascript:') || v.startsWith('data:text'))) bad.push(el.tagName + ' ' + a.name + '=' + v.slice(0, 40));
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed')) bad.push(el.tagName);
  return bad;
}"""

POINTS = """() => {
  const gd = document.getElementById('ms-plot');
  const r = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const out = [];
  for (const t of gd._fullData) {
    if (!t.meta || t.meta.role !== 'lane' || t.visible !== true) continue;
    for (let i = 0; i < t.x.length; i++) {
      out.push([r.left + xa._offset + xa.d2p(t.x[i]), r.top + ya._offset + ya.d2p(t.y[i])]);
    }
  }
  return out;
}"""


def build_hostile_reports(folder: Path) -> tuple[Path, Path]:
    """A database whose every text field carries a payload; render both pages from it."""
    store = open_store(folder / "hostile.duckdb")
    now = dt.datetime(2017, 8, 1, tzinfo=dt.UTC)
    con = store.con
    con.execute(
        "INSERT INTO events VALUES ('demo', DATE '2017-06-28', DATE '2017-06-28', ?, ?,"
        " 'demonstration', [], ?, now())",
        [PAYLOADS[0] + " Demonstration", PAYLOADS[1], URL_PAYLOADS[0]],
    )
    for n, payload in enumerate(PAYLOADS + URL_PAYLOADS):
        is_url = n >= len(PAYLOADS)
        rec = ItemRecord(
            outlet="Reformramtes venner" if n % 3 else payload[:60],
            title=("Indlæg med link " + str(n)) if is_url else payload + f" titel {n}",
            via="test",
            url=f"https://example.org/post-{n}",
            lead=payload,
            authors=(payload[:80],),
            kind="blog",
            published_at=now - dt.timedelta(days=40 - n),
        )
        res = upsert_item(con, rec, now=now, run_id=None, relevant=True, topic_terms=[])
        if is_url:
            con.execute("UPDATE items SET url = ? WHERE item_id = ?", [payload, res.item_id])
        con.execute(
            "INSERT INTO item_events (item_id, event_id, score, reasons, status, linked_at)"
            " VALUES (?, 'demo', 0.5, ?, 'auto', now())",
            [res.item_id, '{"why": ' + __import__("json").dumps(payload) + "}"],
        )
    for n, payload in enumerate(BIDI_PAYLOADS):
        rec = ItemRecord(
            outlet=payload[:40], title=payload, via="test", url=f"https://example.org/bidi-{n}",
            lead=payload, kind="article", published_at=now - dt.timedelta(days=10 + n),
        )  # fmt: skip
        res = upsert_item(con, rec, now=now, run_id=None, relevant=True, topic_terms=[])
        con.execute(
            "INSERT INTO item_events (item_id, event_id, score, reasons, status, linked_at)"
            " VALUES (?, 'demo', 0.5, '{}', 'auto', now())",
            [res.item_id],
        )
    render_all(store, folder, Reporter(quiet=True))
    store.close()
    return folder / "timeline.html", folder / "index.html"


def _open(ctx, path: Path):
    page = ctx.new_page()
    page.add_init_script("window.open = function (u) { window.__opened = u; return null; };"
                         "window.alert = window.confirm = window.prompt = function () {"
                         " window.__pwned = 'dialog'; };")  # fmt: skip
    url = path.as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url)
    return page


def check_payloads(work: Path) -> tuple[int, int]:
    """Return (payloads tried, payloads inert) over timeline.html and index.html."""
    folder = work / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    timeline, index = build_hostile_reports(folder)
    markers_seen: set[str] = set()
    dom_problems: list[str] = []
    with chromium_context() as ctx:
        page = _open(ctx, timeline)
        page.wait_for_function("window.__mediesporItemsReady !== undefined", timeout=30_000)
        for x, y in page.evaluate(POINTS):
            page.mouse.move(x, y, steps=2)
            page.wait_for_timeout(60)
            page.mouse.click(x, y)
            page.wait_for_timeout(320)  # two quick clicks would be a plotly double-click
        box = page.locator("input[type=search], #ms-search").first
        for payload in PAYLOADS:
            box.fill(payload)
            page.wait_for_timeout(30)
        for label in page.locator(".ms-event, [data-event]").all()[:5]:
            label.click(force=True)
        marker = page.evaluate("window.__pwned")
        if marker:
            markers_seen.add(str(marker))
        dom_problems += ["timeline: " + p for p in page.evaluate(DANGEROUS_DOM)]
        bidi_seen = set(page.evaluate(BIDI_SHOWN, BIDI_CHARS))
        page.close()
        page = _open(ctx, index)
        page.wait_for_load_state("load")
        for link in page.locator("a").all()[:200]:
            link.hover()
        marker = page.evaluate("window.__pwned")
        if marker:
            markers_seen.add(str(marker))
        dom_problems += ["index: " + p for p in page.evaluate(DANGEROUS_DOM)]
        bidi_seen |= set(page.evaluate(BIDI_SHOWN, BIDI_CHARS))
        page.close()
    tried = len(PAYLOADS) + len(URL_PAYLOADS) + len(BIDI_PAYLOADS)
    bidi_live = sum(any(c in bidi_seen for c in p) for p in BIDI_PAYLOADS)
    if bidi_live:
        print("bidi control characters shown raw:", sorted(f"U+{ord(c):04X}" for c in bidi_seen))
    markers_seen |= {f"bidi{n}" for n in range(bidi_live)}
    if dom_problems:
        # A live dangerous element counts against every payload: we cannot tell which left it.
        print("dangerous elements:", dom_problems[:10])
        return tried, 0
    return tried, tried - len(markers_seen)
