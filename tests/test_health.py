"""Source health: consecutive failures and staleness are flagged, healthy sources are not."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from mediespor.health import items_needing_date, source_health
from mediespor.models import ItemRecord
from mediespor.runstats import SourceCounts
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def add_run(con, per_source: dict[str, SourceCounts], when: datetime) -> None:
    counts = {"per_source": {k: v.as_json() for k, v in per_source.items()}}
    con.execute(
        "INSERT INTO runs (command, started_at, finished_at, status, counts)"
        " VALUES ('run', ?, ?, 'ok', ?)",
        [when, when, json.dumps(counts)],
    )


def test_flags_failures_in_a_row_and_staleness():
    store = open_store(None)
    con = store.con
    long_ago = NOW - timedelta(days=60)
    for name in ("broken", "stale", "fine"):
        con.execute(
            "INSERT INTO sources VALUES (?, 'DR', 'feed', TRUE, FALSE, NULL, ?, ?)",
            [name, long_ago, NOW],
        )
    upsert_item(con, ItemRecord(outlet="DR", title="x", via="feed", source="fine",
                                url="https://dr.dk/x"), now=NOW - timedelta(days=1),
                run_id=None, relevant=True, topic_terms=[])  # fmt: skip
    upsert_item(con, ItemRecord(outlet="DR", title="y", via="feed", source="stale",
                                url="https://dr.dk/y"), now=NOW - timedelta(days=40),
                run_id=None, relevant=True, topic_terms=[])  # fmt: skip
    ok = SourceCounts()
    failed = SourceCounts(status="failed", error="HTTP 500")
    for night in range(4, 0, -1):
        add_run(con, {"broken": failed if night <= 3 else ok, "stale": ok, "fine": ok},
                NOW - timedelta(days=night))  # fmt: skip
    health = {h.name: h for h in source_health(con, now=NOW)}
    assert health["broken"].consecutive_failures == 3
    assert health["broken"].last_error == "HTTP 500"
    assert "fejlet 3 nætter i træk" in health["broken"].flags
    assert health["stale"].flags == ("intet nyt i 40 dage",)
    assert health["fine"].flags == ()


def test_status_cli_shows_flags(project, run_cli):
    assert run_cli("run", "--no-render", cwd=project).code == 0
    res = run_cli("status", cwd=project)
    assert res.code == 0, res.err
    assert "Source health" in res.out


def _item(con, title, *, url=None, when=None, relevant=True, gone=False, archive=None) -> str:
    rec = ItemRecord(
        outlet="Avisen", title=title, via="import", url=url, archive_url=archive,
        published_at=when, published_precision="day" if when else None,
    )  # fmt: skip
    item_id = upsert_item(con, rec, now=NOW, run_id=None, relevant=relevant, topic_terms=[])
    con.execute("UPDATE items SET gone = ? WHERE item_id = ?", [gone, item_id.item_id])
    return item_id.item_id


def _link(con, item_id, status):
    con.execute("INSERT INTO events (event_id, date_start, date_end, title, kind, updated_at)"
                " VALUES ('e1', DATE '2017-06-28', DATE '2017-06-28', 'Demo', 'demo', ?)"
                " ON CONFLICT DO NOTHING", [NOW])  # fmt: skip
    con.execute(
        "INSERT INTO item_events (item_id, event_id, score, status, linked_at)"
        " VALUES (?, 'e1', 0.5, ?, ?)",
        [item_id, status, NOW],
    )


def test_items_needing_date_are_relevant_undated_and_unlinked():
    store = open_store(None)
    con = store.con
    want = _item(con, "Udateret og ukoblet", url="https://a.dk/1")
    gone = _item(con, "Væk, men arkiveret", url="https://a.dk/2", gone=True,
                 archive="https://web.archive.org/web/2017/https://a.dk/2")  # fmt: skip
    rejected = _item(con, "Udateret, afvist kobling", url="https://a.dk/3")
    _link(con, rejected, "rejected")
    _link(con, _item(con, "Udateret men koblet", url="https://a.dk/4"), "added")
    _item(con, "Dateret", url="https://a.dk/5", when=datetime(2017, 6, 28, tzinfo=UTC))
    _item(con, "Udateret, ikke relevant", url="https://a.dk/6", relevant=False)
    rows = con.execute("SELECT item_id, title, url FROM v_items_needing_date").fetchall()
    assert rows == [
        (want, "Udateret og ukoblet", "https://a.dk/1"),
        (rejected, "Udateret, afvist kobling", "https://a.dk/3"),
        (gone, "Væk, men arkiveret", "https://web.archive.org/web/2017/https://a.dk/2"),
    ]
    needs = items_needing_date(con, limit=2)
    assert needs.total == 3
    assert [i.item_id for i in needs.items] == [want, rejected]
    assert needs.items[0].outlet == "Avisen" and needs.items[0].kind == "article"


def test_no_network_is_said_only_when_most_sources_fail_on_names():
    from mediespor.health import looks_offline

    assert not looks_offline(["HTTP 500"], 3)
    assert not looks_offline(["[Errno -2] Name or service not known"], 3)
    assert looks_offline(["[Errno -3] Temporary failure", "[Errno -2] x"], 3)
    assert not looks_offline(["[Errno -2] Name or service not known"], 1)
