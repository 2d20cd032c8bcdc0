"""A batch stored with ``store_items`` ends exactly as the same records stored one by one."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from mediespor.models import ItemRecord, UpsertResult
from mediespor.store.db import open_store
from mediespor.store.items import ItemQueue, StoreRequest, store_items, upsert_item

T0 = datetime(2017, 6, 29, 12, 0, tzinfo=UTC)
BODY = "Borgerne venter længe på en afgørelse om førtidspension i kommunen. " * 5
SITE = "https://www.avisen.dk/indland/"


def _page(slug: str, text: str = BODY, *, fetch_id: int | None = 1, **kw) -> ItemRecord:
    return ItemRecord(
        outlet="Avisen", title=kw.pop("title", f"Sag om {slug}"), via="crawl",
        url=kw.pop("url", SITE + slug), source="avisen", lead="Ingress.", text=text,
        fetch_id=fetch_id, **kw,
    )  # fmt: skip


def _tables(con) -> dict[str, list[tuple]]:
    """Every stored row of the item tables (sorted), to compare two stores."""
    return {
        "items": con.execute("SELECT * FROM items ORDER BY item_id").fetchall(),
        "versions": con.execute("SELECT * FROM item_versions ORDER BY ALL").fetchall(),
        "sightings": con.execute("SELECT * FROM item_sightings ORDER BY ALL").fetchall(),
    }


def _both(records: list[ItemRecord], *, before: list[ItemRecord] = ()):
    """Store ``records`` one by one in one store and as one batch in another."""
    one, many = open_store(None), open_store(None)
    for store in (one, many):
        for i, rec in enumerate(before):
            upsert_item(store.con, rec, now=T0 + timedelta(minutes=i), run_id=1, relevant=None,
                        topic_terms=None)  # fmt: skip
    later = T0 + timedelta(days=1)
    requests = [
        StoreRequest(rec, later + timedelta(minutes=i), relevant=i % 2 == 0, topic_terms=["x"])
        for i, rec in enumerate(records)
    ]
    singles = [upsert_item(one.con, r.record, now=r.now, run_id=2, relevant=r.relevant,
                           topic_terms=r.topic_terms) for r in requests]  # fmt: skip
    with many.transaction() as con:
        batch = store_items(con, requests, run_id=2)
    return one, many, singles, batch


def test_the_same_url_twice_in_one_batch_is_one_item_seen_twice():
    one, many, singles, batch = _both([_page("a"), _page("a")])
    assert [r.created for r in batch] == [True, False]
    assert batch[0].item_id == batch[1].item_id and batch == singles
    assert many.con.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    assert many.con.execute("SELECT count(*) FROM item_versions").fetchone()[0] == 1
    sighting = many.con.execute("SELECT first_seen, last_seen FROM item_sightings").fetchall()
    assert sighting == [(T0 + timedelta(days=1), T0 + timedelta(days=1, minutes=1))]
    assert _tables(one.con) == _tables(many.con)


def test_a_changed_text_later_in_the_batch_makes_version_two():
    edited = _page("a", BODY + " Rettet: tallet var forkert.", fetch_id=2)
    one, many, singles, batch = _both([_page("a"), edited])
    assert batch == singles and batch[1].new_version and not batch[1].created
    versions = many.con.execute(
        "SELECT version, fetch_id FROM item_versions ORDER BY version"
    ).fetchall()
    assert versions == [(1, 1), (2, 2)]
    assert many.con.execute("SELECT text FROM items").fetchone()[0] == edited.text
    assert _tables(one.con) == _tables(many.con)


def test_a_changed_text_of_a_stored_item_numbers_after_its_stored_versions():
    stored = [_page("a"), _page("a", BODY + " To.", fetch_id=2)]
    one, many, singles, batch = _both([_page("a", BODY + " Tre.", fetch_id=3)], before=stored)
    assert batch == singles and batch[0].new_version
    assert [v for (v,) in many.con.execute(
        "SELECT version FROM item_versions ORDER BY version").fetchall()] == [1, 2, 3]  # fmt: skip
    assert _tables(one.con) == _tables(many.con)


def test_a_url_met_as_another_items_original_url_is_that_item():
    # A page first stored under its final URL, with the URL it was asked for as original_url;
    # the same batch then meets the asked-for URL as a page of its own.
    moved = _page("ny-adresse", original_url=SITE + "gammel-adresse")
    again = _page("gammel-adresse", BODY + " Opdateret.", fetch_id=2)
    one, many, singles, batch = _both([moved, again])
    assert batch == singles and batch[1].item_id == batch[0].item_id
    assert many.con.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    assert _tables(one.con) == _tables(many.con)


def test_a_list_line_and_its_crawled_page_in_one_batch_merge():
    listed = ItemRecord(outlet="Avisen", title="Sag om a", via="import",
                        published_at=T0, published_precision="day")  # fmt: skip
    crawled = _page("a", published_at=T0 + timedelta(hours=2), published_precision="time")
    one, many, singles, batch = _both([listed, crawled])
    assert batch == singles and batch[1].merged_synthetic
    assert many.con.execute("SELECT item_key, published_precision FROM items").fetchall() == [
        (SITE + "a", "time")
    ]
    assert _tables(one.con) == _tables(many.con)


def test_a_list_line_after_its_crawled_page_in_one_batch_is_a_sighting_of_it():
    crawled = _page("a", published_at=T0 + timedelta(hours=2), published_precision="time")
    listed = ItemRecord(outlet="Avisen", title="Sag om a", via="import",
                        published_at=T0, published_precision="day")  # fmt: skip
    one, many, singles, batch = _both([crawled, listed])
    assert batch == singles and batch[1].item_id == batch[0].item_id
    assert not batch[1].created and not batch[1].new_version
    assert many.con.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    assert _tables(one.con) == _tables(many.con)


def test_random_batches_end_as_the_records_stored_one_by_one():
    rng = random.Random(20)
    slugs = [f"s{i}" for i in range(12)]

    def rec(i: int) -> ItemRecord:
        slug = rng.choice(slugs)
        choice = rng.random()
        if choice < 0.2:  # a feed teaser: title only
            return ItemRecord(outlet="Avisen", title=f"Sag om {slug}", via="feed", url=SITE + slug,
                              source="feed", seen_url=SITE + slug)  # fmt: skip
        if choice < 0.35:  # the same body under a slashed URL of the same site
            return _page(slug, BODY + slug, url=SITE + slug + "/amp", fetch_id=i)
        if choice < 0.5:  # a list line, merged by outlet, day and title
            return ItemRecord(outlet="Avisen", title=f"Sag om {slug}", via="import",
                              published_at=T0, published_precision="day")  # fmt: skip
        text = BODY + slug + (" Rettet." * rng.randrange(3))
        return _page(slug, text, fetch_id=i, published_at=T0 + timedelta(hours=1),
                     published_precision="time", authors=("A. Skribent",))  # fmt: skip

    before = [rec(i) for i in range(15)]
    records = [rec(100 + i) for i in range(60)]
    one, many, singles, batch = _both(records, before=before)
    assert batch == singles
    assert _tables(one.con) == _tables(many.con)


def test_revive_clears_gone_on_the_item_of_the_page():
    store = open_store(None)
    first = upsert_item(store.con, _page("a"), now=T0, run_id=1, relevant=None, topic_terms=None)
    store.con.execute("UPDATE items SET gone = TRUE")
    upsert_item(store.con, _page("a"), now=T0, run_id=2, relevant=None, topic_terms=None)
    assert store.con.execute("SELECT gone FROM items").fetchone() == (True,)
    again = upsert_item(store.con, _page("a"), now=T0, run_id=3, relevant=None, topic_terms=None,
                        revive=True)  # fmt: skip
    assert again.item_id == first.item_id
    assert store.con.execute("SELECT gone FROM items").fetchone() == (False,)


@pytest.mark.parametrize("column", ["url", "original_url", "content_hash"])
def test_lookups_go_through_an_index(column):
    store = open_store(None)
    indexed = {
        sql.split("(")[-1].rstrip(");").strip()
        for (sql,) in store.con.execute(
            "SELECT sql FROM duckdb_indexes() WHERE table_name = 'items'"
        ).fetchall()
    }
    assert column in indexed


def test_queued_records_are_stored_when_the_transaction_commits_and_dropped_on_rollback():
    store = open_store(None)
    queue = ItemQueue(store.con, run_id=3)
    stored: list[UpsertResult] = []
    with store.deferring(queue):
        with store.transaction():
            for slug in ("a", "b", "a"):
                queue.add(StoreRequest(_page(slug), T0), then=stored.append)
            assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 0
        assert [r.created for r in stored] == [True, True, False]
        assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 2
        with pytest.raises(RuntimeError), store.transaction():
            queue.add(StoreRequest(_page("c"), T0), then=stored.append)
            raise RuntimeError("the batch fails")
        with store.transaction():
            queue.add(StoreRequest(_page("d"), T0), then=stored.append)
    urls = [u for (u,) in store.con.execute("SELECT url FROM items ORDER BY url").fetchall()]
    assert urls == [SITE + "a", SITE + "b", SITE + "d"] and len(stored) == 4


def test_a_record_that_cannot_be_stored_rolls_its_whole_batch_back():
    store = open_store(None)
    queue = ItemQueue(store.con, run_id=None)
    with store.deferring(queue), pytest.raises(TypeError), store.transaction() as con:
        con.execute("INSERT INTO rejects VALUES (1, 'x', NULL, NULL, 'r', now())")
        queue.add(StoreRequest(_page("a"), T0), then=lambda r: None)
        bad = _page("b", provenance={"not json": {1, 2}})  # a set cannot be stored
        queue.add(StoreRequest(bad, T0), then=lambda r: None)
    assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    assert store.con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0


def test_a_known_item_seen_again_moves_only_that_sightings_last_seen():
    store = open_store(None)
    awkward = SITE + "a?x=\x1f"  # cannot be matched as a joined literal key
    for i, (source, seen) in enumerate([("avisen", SITE + "a"), ("feed", SITE + "a"),
                                        ("avisen", awkward)]):  # fmt: skip
        rec = ItemRecord(**{**_page("a").__dict__, "source": source, "seen_url": seen})
        upsert_item(store.con, rec, now=T0 + timedelta(minutes=i), run_id=1, relevant=None,
                    topic_terms=None)  # fmt: skip
    later = T0 + timedelta(days=1)
    again = [ItemRecord(**{**_page("a").__dict__, "seen_url": s}) for s in (SITE + "a", awkward)]
    again.append(ItemRecord(**{**_page("a").__dict__, "seen_url": SITE + "b"}))  # a new one
    with store.transaction() as con:
        store_items(con, [StoreRequest(r, later, relevant=None, topic_terms=None) for r in again],
                    run_id=2)  # fmt: skip
    rows = store.con.execute(
        "SELECT source, seen_url, first_seen, last_seen, run_id FROM item_sightings ORDER BY ALL"
    ).fetchall()
    assert rows == [
        ("avisen", SITE + "a", T0, later, 1),
        ("avisen", awkward, T0 + timedelta(minutes=2), later, 1),
        ("avisen", SITE + "b", later, later, 2),
        ("feed", SITE + "a", T0 + timedelta(minutes=1), T0 + timedelta(minutes=1), 1),
    ]
