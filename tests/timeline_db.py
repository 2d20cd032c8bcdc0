"""Build small timeline databases for the tests: real upserts, real event and link rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from mediespor.models import ItemRecord
from mediespor.store.db import Store, open_store
from mediespor.store.items import upsert_item

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2017, 8, 1, 6, 0, tzinfo=dt.UTC)

#: Titles that would run code or change the page if any of them reached the DOM as HTML.
HOSTILE_TITLES = (
    "<script>window.__pwned = 'script'</script>Sagsbehandling",
    "<img src=x onerror=\"window.__pwned='img'\">Jobcenter",
    "<a href=\"javascript:window.__pwned='a'\">klik</a> Fleksjob",
    "<b onmouseover=\"window.__pwned='b'\">fed</b><br>Rådhus %{x} <i>kursiv</i>",
)

EVENTS = (
    ("2017-06-27-brev", dt.date(2017, 6, 27), dt.date(2017, 6, 27), "Fire borgergrupper sender 16 krav", "letter"),
    ("2017-06-28-demo", dt.date(2017, 6, 28), dt.date(2017, 6, 28), "Demonstration foran Københavns Rådhus", "demonstration"),
    ("2017-06-29-mio", dt.date(2017, 6, 29), dt.date(2017, 6, 29), "Borgmesteren finder 13 millioner", "announcement"),
    ("2017-07-anke", dt.date(2017, 7, 10), dt.date(2017, 7, 21), "Ankestyrelsens ventede principafgørelse", "decision"),
)  # fmt: skip


def add_event(store: Store, event_id, start, end, title, kind, description="Beskrivelse.") -> None:
    """Insert one curated event row."""
    store.con.execute(
        "INSERT INTO events (event_id, date_start, date_end, title, description, kind, keywords,"
        " source_url, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [event_id, start, end, title, description, kind, [], "https://example.org/kilde", NOW],
    )


def link(
    store: Store, item_id: str, event_id: str, score: float | None, status="auto", reasons=None
):
    """Insert one item→event link."""
    store.con.execute(
        "INSERT INTO item_events (item_id, event_id, score, reasons, status, linked_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [item_id, event_id, score, json.dumps(reasons) if reasons else None, status, NOW],
    )


def add_item(store: Store, outlet: str, when: dt.datetime | None, title: str, **kw) -> str:
    """Store one item through ``upsert_item``; return its id."""
    relevant = kw.pop("relevant", True)
    rec = ItemRecord(outlet=outlet, title=title, via="test", published_at=when, **kw)
    return upsert_item(
        store.con, rec, now=NOW, run_id=None, relevant=relevant, topic_terms=None
    ).item_id


def build_demo(path: Path | None) -> tuple[Store, dict[str, str]]:
    """A DB with four events, three outlets, linked and unlinked items, hostile titles."""
    store = open_store(path)
    for ev in EVENTS:
        add_event(store, *ev, description=f"Beskrivelse af {ev[3].lower()}.")
    at = lambda d, h=10, m=0: dt.datetime(2017, 6, d, h, m, tzinfo=CPH)  # noqa: E731
    ids = {}
    ids["demo_dr"] = add_item(
        store, "DR", at(28, 14, 5), "Borgere demonstrerede foran Rådhuset",
        url="https://www.dr.dk/nyheder/regionale/kbh/demo", lead="Omkring 150 mennesker mødte op.",
        published_precision="time",
    )  # fmt: skip
    ids["demo_lorry"] = add_item(
        store, "TV2 Lorry", at(28, 18, 30), "Vrede borgere på Rådhuspladsen", kind="video",
        url="https://www.tv2lorry.dk/koebenhavn/vrede-borgere", lead="Se indslaget.",
        published_precision="time",
    )  # fmt: skip
    ids["mio_pol"] = add_item(
        store, "Politiken", at(29, 9, 0), "Allerslev finder 13 millioner til sagsbehandling",
        url="https://politiken.dk/indland/kobenhavn/art1", lead="Borgmesteren lover flere penge.",
        published_precision="day",
    )  # fmt: skip
    ids["gone_pol"] = add_item(
        store, "Politiken", at(27, 12, 0), "Fire grupper stiller 16 krav",
        url="https://politiken.dk/indland/kobenhavn/art0",
        archive_url="https://web.archive.org/web/2017/https://politiken.dk/indland/kobenhavn/art0",
        published_precision="day",
    )  # fmt: skip
    store.con.execute("UPDATE items SET gone = TRUE WHERE item_id = ?", [ids["gone_pol"]])
    ids["offtopic"] = add_item(
        store, "DR", at(20), "Vejret i København", url="https://www.dr.dk/nyheder/vejret",
        relevant=False,
    )  # fmt: skip
    ids["undated"] = add_item(
        store, "Reformramtes venner", None, "Udateret blogindlæg", kind="blog"
    )
    for n, title in enumerate(HOSTILE_TITLES):
        ids[f"hostile{n}"] = add_item(
            store, "Reformramtes venner", at(25 + n, 8 + n), title, kind="blog",
            url=f"https://reformramtesvenner.example/post-{n}", lead=title,
        )  # fmt: skip
    ids["jsurl"] = add_item(
        store, "Reformramtes venner", at(30, 11), "Indlæg med farligt link",
        url="javascript:window.__pwned='url'", kind="blog",
    )  # fmt: skip
    ids["dataurl"] = add_item(
        store, "Reformramtes venner", at(30, 15), "Indlæg med data-link",
        url="data:text/html,<script>window.__pwned='data'</script>", kind="blog",
    )  # fmt: skip
    reasons = {
        "score": 0.62,
        "time": {"delta_days": 0},
        "mark": {"hit": ["demonstrant", "protest"]},
    }
    link(store, ids["demo_dr"], "2017-06-28-demo", 0.62, reasons=reasons)
    link(store, ids["demo_dr"], "2017-06-29-mio", 0.35)
    link(store, ids["demo_lorry"], "2017-06-28-demo", 0.55)
    link(store, ids["mio_pol"], "2017-06-29-mio", 0.71)
    link(store, ids["mio_pol"], "2017-06-28-demo", 0.90, status="rejected")
    link(store, ids["gone_pol"], "2017-06-27-brev", None, status="added")
    link(store, ids["hostile0"], "2017-06-27-brev", 0.4)
    # A link the linker only proposes: readers see it marked "forslag".
    link(store, ids["demo_lorry"], "2017-06-29-mio", 0.3, status="suggested",
         reasons={"entities": {"shared": [["13 millioner", "amount"]]}})  # fmt: skip
    return store, ids


#: Words for generated titles (our own, no real headlines).
_WORDS = [
    "borgere",
    "jobcenter",
    "førtidspension",
    "fleksjob",
    "ressourceforløb",
    "sagsbehandling",
    "kommunen",
    "borgmester",
    "rådhuset",
    "demonstration",
    "kritik",
    "millioner",
    "klagesager",
    "udvalget",
    "reform",
    "syge",
    "ankestyrelsen",
    "afgørelse",
    "kontanthjælp",
    "ventetid",
    "rehabilitering",
    "mødet",
    "krav",
    "politikere",
]
_OUTLETS = ("DR", "TV2 Lorry", "Politiken", "Berlingske", "Information", "Reformramtes venner")


def build_busy(path: Path | None, n: int = 200) -> Store:
    """A DB with ``n`` items spread over June and July 2017 in six outlets (a third linked to
    the demo events): the density activists see in the dispute's busiest weeks."""
    store = open_store(path)
    for ev in EVENTS:
        add_event(store, *ev)
    start = dt.datetime(2017, 6, 1, 6, 0, tzinfo=CPH)
    for k in range(n):
        words = [_WORDS[(k * 7 + j * 5) % len(_WORDS)] for j in range(4 + k % 5)]
        item_id = add_item(
            store, _OUTLETS[k % len(_OUTLETS)], start + dt.timedelta(hours=(k * 61 * 24) // n),
            f"{' '.join(words).capitalize()} {k}", url=f"https://example.dk/nyheder/{k}",
            kind="video" if k % 4 == 0 else "article", published_precision="time",
        )  # fmt: skip
        if k % 3 == 0:
            link(store, item_id, EVENTS[k % len(EVENTS)][0], 0.5)
    return store
