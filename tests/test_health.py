"""Source health: consecutive failures and staleness are flagged, healthy sources are not."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from mediespor.health import source_health
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
