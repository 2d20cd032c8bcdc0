"""Items whose pages are seen again, gone, or back: flags on real rows, never deletions."""

from __future__ import annotations

from datetime import UTC, datetime

from mediespor.models import FetchLogEntry, ItemRecord
from mediespor.store.db import open_store
from mediespor.store.fetches import log_fetch
from mediespor.store.items import upsert_item
from mediespor.store.page_state import (
    mark_gone,
    mark_gone_after_run,
    mark_present,
    touch_items_at,
)

T0 = datetime(2017, 6, 22, 8, tzinfo=UTC)
T1 = datetime(2017, 6, 29, 8, tzinfo=UTC)


def _item(con, url: str, **kw) -> str:
    rec = ItemRecord(outlet="Loop", title=f"Side {url[-1]}", via="feed", url=url, **kw)
    return upsert_item(con, rec, now=T0, run_id=None, relevant=None, topic_terms=None).item_id


def _state(con):
    return con.execute("SELECT url, gone, last_seen FROM items ORDER BY url").fetchall()


def test_seen_again_gone_and_back():
    with open_store(None) as store:
        con = store.con
        a = _item(con, "https://a.dk/1")
        _item(con, "https://a.dk/2", original_url="https://gammel.dk/2")
        _item(con, "https://a.dk/3")
        assert touch_items_at(con, ["https://a.dk/1", "https://a.dk/9"], T1) == 1
        mark_gone(con, "https://gammel.dk/2")  # found by the URL it was archived from
        assert [(u, g, s == T1) for u, g, s in _state(con)] == [
            ("https://a.dk/1", False, True), ("https://a.dk/2", True, False),
            ("https://a.dk/3", False, False),
        ]  # fmt: skip
        mark_gone(con, "https://a.dk/1")
        mark_present(con, a)
        assert [g for _, g, _ in _state(con)] == [False, True, False]
        assert con.execute("SELECT count(*) FROM items").fetchone()[0] == 3


def test_pages_that_answered_404_or_410_in_the_run_are_gone():
    with open_store(None) as store:
        con = store.con
        for n in (1, 2, 3, 4):
            _item(con, f"https://a.dk/{n}")
        for url, status, run in [
            ("https://a.dk/1", 404, 7),
            ("https://a.dk/2", 410, 7),
            ("https://a.dk/3", 500, 7),
            ("https://a.dk/4", 404, 6),
        ]:
            log_fetch(con, FetchLogEntry(url=url, fetched_at=T1, status=status, run_id=run))
        mark_gone_after_run(con, 7)
        assert [g for _, g, _ in _state(con)] == [True, True, False, False]
