"""Analysts' decisions: stored with who/when, kept across re-runs and new item versions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mediespor.config.events import load_events
from mediespor.errors import UsageError
from mediespor.link.decisions import decide, resolve_item
from mediespor.link.linker import link_items
from mediespor.models import ItemRecord
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item

REPO = Path(__file__).resolve().parents[1]
DEMO = "2017-06-28-demonstration"
MONEY = "2017-06-29-13-millioner"
URL = "https://www.example.dk/nyheder/allerslev-13-millioner"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _record(text: str) -> ItemRecord:
    return ItemRecord(
        outlet="Politiken",
        title="Allerslev finder 13 millioner til flere sagsbehandlere",
        via="feed",
        url=URL,
        source="test",
        lead="Borgmesteren vil bruge pengene på at gennemgå klagesager i jobcentret.",
        text=text,
        published_at=datetime(2017, 6, 29, 10, 10, tzinfo=UTC),
    )


@pytest.fixture
def setup():
    events = load_events(REPO / "events.yaml")
    store = open_store(None)
    with store.transaction() as con:
        sync_events(con, events)
        res = upsert_item(
            con, _record("Første udgave."), now=NOW, run_id=None, relevant=True, topic_terms=[]
        )
    link_items(store, events)
    yield store, events, res.item_id
    store.close()


def _row(store, item_id, event_id):
    return store.con.execute(
        "SELECT status, decided_by, decided_at, score FROM item_events WHERE item_id = ?"
        " AND event_id = ?",
        [item_id, event_id],
    ).fetchone()


def test_confirm_records_who_and_when(setup):
    store, _, item_id = setup
    assert _row(store, item_id, MONEY)[0] == "auto"
    d = decide(store, item_id, MONEY, "confirm", by="ane", now=NOW)
    assert (d.status, d.previous_status, d.decided_by) == ("confirmed", "auto", "ane")
    status, by, at, score = _row(store, item_id, MONEY)
    assert (status, by, at) == ("confirmed", "ane", NOW)
    assert score is not None  # the automatic score is kept for reference


def test_items_are_found_by_url_too(setup):
    store, _, item_id = setup
    assert resolve_item(store, URL) == item_id
    assert resolve_item(store, URL + "?utm_source=x") == item_id
    with pytest.raises(UsageError):
        resolve_item(store, "https://www.example.dk/findes-ikke")


def test_a_short_id_works_like_a_git_short_commit(setup):
    store, _, item_id = setup
    assert resolve_item(store, item_id[:7]) == item_id
    assert resolve_item(store, item_id[:4]) == item_id
    decide(store, item_id[:6], DEMO, "add", by="ane", now=NOW)
    assert _row(store, item_id, DEMO)[0] == "added"
    with pytest.raises(UsageError, match=r"no item has the id or URL.*at least 4 digits"):
        resolve_item(store, item_id[:3])  # too short to be taken as an id, and says so
    # A second item sharing the first digits makes the prefix ambiguous, not a guess.
    store.con.execute(
        "INSERT INTO items SELECT * REPLACE (? AS item_id, 'x:' || item_key AS item_key)"
        " FROM items WHERE item_id = ?",
        [item_id[:5] + ("0" if item_id[5] != "0" else "1") + item_id[6:], item_id],
    )
    with pytest.raises(UsageError, match="matches several items"):
        resolve_item(store, item_id[:5])
    assert resolve_item(store, item_id[:6]) == item_id


def test_decisions_survive_reruns_and_new_versions(setup):
    store, events, item_id = setup
    decide(store, item_id, MONEY, "reject", by="ane", now=NOW)
    decide(store, URL, DEMO, "add", by="bo", now=NOW)
    with store.transaction() as con:
        res = upsert_item(
            con,
            _record("Anden, længere udgave med flere detaljer om de 13 millioner."),
            now=NOW,
            run_id=None,
            relevant=True,
            topic_terms=[],
        )
    assert res.item_id == item_id and res.new_version
    report = link_items(store, events)
    assert report.analysed == 1  # the new version was analysed again
    assert _row(store, item_id, MONEY)[:2] == ("rejected", "ane")
    assert _row(store, item_id, DEMO)[:2] == ("added", "bo")
    log = store.con.execute(
        "SELECT decision, decided_by, content_hash FROM link_decisions ORDER BY decision_id"
    ).fetchall()
    v1 = store.con.execute(
        "SELECT content_hash FROM item_versions WHERE item_id = ? AND version = 1", [item_id]
    ).fetchone()[0]
    assert log == [("reject", "ane", v1), ("add", "bo", v1)]


def test_reject_before_any_link_blocks_it_and_undo_hands_back(setup):
    store, events, item_id = setup
    store.con.execute("DELETE FROM item_events")
    decide(store, item_id, MONEY, "reject", by="ane", now=NOW)
    link_items(store, events)
    assert _row(store, item_id, MONEY)[0] == "rejected"
    decide(store, item_id, MONEY, "undo", by="ane", now=NOW)
    link_items(store, events)
    assert _row(store, item_id, MONEY)[0] == "auto"


def test_bad_decisions_are_usage_errors(setup):
    store, _, item_id = setup
    with pytest.raises(UsageError, match="no link"):
        decide(store, item_id, "2013-01-01-reform", "confirm", by="ane")
    with pytest.raises(UsageError, match="unknown event"):
        decide(store, item_id, "1999-01-01-findes-ikke", "add", by="ane")
    assert store.con.execute("SELECT count(*) FROM link_decisions").fetchone()[0] == 0


def test_default_decider_is_the_user(setup, monkeypatch):
    store, _, item_id = setup
    monkeypatch.setenv("USER", "analytiker")
    assert decide(store, item_id, MONEY, "confirm").decided_by == "analytiker"
