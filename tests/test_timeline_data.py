"""Reading the timeline's items, events and links from a real store."""

from __future__ import annotations

import datetime as dt

import pytest

from mediespor.timeline.data import load_timeline
from timeline_db import build_demo


@pytest.fixture
def demo():
    store, ids = build_demo(None)
    yield load_timeline(store.con), ids
    store.close()


def by_id(data, item_id):
    return next(i for i in data.items if i.item_id == item_id)


def test_items_events_and_undated(demo):
    data, ids = demo
    assert len(data.items) == 12
    assert len(data.dated) == 11
    assert by_id(data, ids["undated"]).published_local is None
    assert [e.event_id for e in data.events] == [
        "2017-06-27-brev", "2017-06-28-demo", "2017-06-29-mio", "2017-07-anke",
    ]  # fmt: skip
    assert data.outlets == ("DR", "Politiken", "Reformramtes venner", "TV2 Lorry")
    assert data.last_collected == dt.datetime(2017, 8, 1, 6, 0, tzinfo=dt.UTC)


def test_times_are_copenhagen_wall_clock(demo):
    data, ids = demo
    assert by_id(data, ids["demo_dr"]).published_local == dt.datetime(2017, 6, 28, 14, 5)


def test_primary_event_is_best_scoring_non_rejected_link(demo):
    data, ids = demo
    dr = by_id(data, ids["demo_dr"])
    assert [lk.event_id for lk in dr.links] == ["2017-06-28-demo", "2017-06-29-mio"]
    assert dr.primary_event == "2017-06-28-demo"
    # Politiken's 0.90 link to the demonstration was rejected by an analyst: it is gone.
    pol = by_id(data, ids["mio_pol"])
    assert [lk.event_id for lk in pol.links] == ["2017-06-29-mio"]
    assert by_id(data, ids["offtopic"]).primary_event is None


def test_analyst_added_link_without_score_is_kept(demo):
    data, ids = demo
    gone = by_id(data, ids["gone_pol"])
    assert gone.links[0].status == "added" and gone.links[0].score is None


def test_gone_item_links_to_archive_copy(demo):
    data, ids = demo
    assert by_id(data, ids["gone_pol"]).url.startswith("https://web.archive.org/")
    assert by_id(data, ids["demo_dr"]).url == "https://www.dr.dk/nyheder/regionale/kbh/demo"


def test_event_item_lists_are_in_date_order(demo):
    data, ids = demo
    demo_event = next(e for e in data.events if e.event_id == "2017-06-28-demo")
    assert demo_event.item_ids == (ids["demo_dr"], ids["demo_lorry"])
    brev = next(e for e in data.events if e.event_id == "2017-06-27-brev")
    assert brev.item_ids == (ids["hostile0"], ids["gone_pol"])
    assert next(e for e in data.events if e.event_id == "2017-07-anke").is_range


def test_relevance_flag(demo):
    data, ids = demo
    assert by_id(data, ids["offtopic"]).relevant is False
    assert by_id(data, ids["demo_dr"]).relevant is True


def test_links_carry_danish_reason_sentences_and_suggestions():
    store, ids = build_demo(None)
    data = load_timeline(store.con)
    store.close()
    by_id = {i.item_id: i for i in data.items}
    dr = by_id[ids["demo_dr"]].links[0]
    assert dr.sentences == ("samme dag som begivenheden",) and not dr.suggested
    added = by_id[ids["gone_pol"]].links[0]
    assert added.sentences[0] == "tilføjet af en analytiker"
    lorry = {lk.event_id: lk for lk in by_id[ids["demo_lorry"]].links}
    assert lorry["2017-06-29-mio"].suggested
    assert lorry["2017-06-29-mio"].sentences == ("nævner 13 millioner",)
