"""store/links.py: the link lookups commands show, on a real linked store."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import REPO
from mediespor.config.events import load_events
from mediespor.link.decisions import decide
from mediespor.link.linker import link_items
from mediespor.models import ItemRecord
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item
from mediespor.store.links import (
    item_headline,
    item_links,
    link_counts,
    mark_suggestion_promoted,
)

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
DEMO = "2017-06-28-demonstration"


def test_counts_links_and_headline_of_a_linked_item():
    events = load_events(REPO / "events.yaml")
    store = open_store(None)
    with store.transaction() as con:
        sync_events(con, events)
        item = upsert_item(
            con,
            ItemRecord(
                outlet="DR", title="Allerslev finder 13 millioner til sagsbehandlere",
                via="feed", url="https://eksempel.dk/a", source="t",
                text="Borgmesteren vil gennemgå klagesager i jobcentret for 13 millioner kroner.",
                published_at=datetime(2017, 6, 29, 10, 0, tzinfo=UTC),
            ),
            now=NOW, run_id=None, relevant=True, topic_terms=["emne: fleksjob*"],
        ).item_id  # fmt: skip
    link_items(store, events)
    decide(store, item, DEMO, "reject", by="ane", now=NOW)
    links = item_links(store.con, item)
    assert links[DEMO] == "rejected"
    assert link_counts(store.con) == {k: 1 for k, v in links.items() if v != "rejected"}
    assert item_headline(store.con, item).topic_terms == ["emne: fleksjob*"]
    assert item_headline(store.con, item).title.startswith("Allerslev finder")


def test_a_promoted_suggestion_is_marked():
    store = open_store(None)
    store.con.execute(
        "INSERT INTO event_suggestions (suggestion_id, date_start, date_end, title, items,"
        " outlets, weight, computed_at) VALUES ('abc', DATE '2017-08-01', DATE '2017-08-02',"
        " 'Samråd', 3, 2, 4.5, ?)",
        [NOW],
    )
    mark_suggestion_promoted(store.con, "abc", "2017-08-01-samraad")
    assert store.con.execute(
        "SELECT status, promoted_event_id FROM event_suggestions"
    ).fetchall() == [("promoted", "2017-08-01-samraad")]
