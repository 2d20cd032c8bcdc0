"""The analysis cache: once per item version, refreshed when content or date changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mediespor.link.analysis_store import document_frequencies, load_analyses, refresh_analyses
from mediespor.models import ItemRecord
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def _put(con, title, text, relevant=True, when=datetime(2017, 6, 28, 22, 30, tzinfo=UTC)):
    return upsert_item(
        con,
        ItemRecord(outlet="DR", title=title, via="feed", url="https://dr.dk/a", text=text,
                   published_at=when),
        now=NOW, run_id=None, relevant=relevant, topic_terms=[],
    ).item_id  # fmt: skip


def test_each_version_is_analysed_once():
    with open_store(None) as store:
        item = _put(store.con, "Allerslev finder 13 millioner", "Til sagsbehandling.")
        assert refresh_analyses(store) == 1
        assert refresh_analyses(store) == 0
        a = load_analyses(store)[item]
        # 22:30 UTC on 28 June is 29 June in Copenhagen.
        assert a.local_date == date(2017, 6, 29)
        assert "amount:13000000" in a.amounts
        _put(store.con, "Allerslev finder 13 millioner", "Til sagsbehandling og klagesager, mere.")
        assert refresh_analyses(store) == 1
        assert "klagesag" in load_analyses(store)[item].body_stems


def test_document_frequencies_count_relevant_items_only():
    with open_store(None) as store:
        _put(store.con, "Demonstration foran Rådhuset", "")
        upsert_item(
            store.con,
            ItemRecord(outlet="DR", title="Demonstration i Aarhus", via="feed",
                       url="https://dr.dk/b"),
            now=NOW, run_id=None, relevant=False, topic_terms=[],
        )  # fmt: skip
        refresh_analyses(store)
        df, n = document_frequencies(store)
        assert n == 1
        assert df["demonstration"] == 1
        assert "aarhus" not in df


def test_the_dates_precision_is_kept_and_a_new_precision_is_analysed_again():
    with open_store(None) as store:
        item = _put(store.con, "Borgmester finder 13 millioner", "Til sagsbehandling.")
        store.con.execute(
            "UPDATE items SET published_precision = 'month' WHERE item_id = ?", [item]
        )
        assert refresh_analyses(store) == 1
        a = load_analyses(store)[item]
        assert a.precision == "month"
        store.con.execute("UPDATE items SET published_precision = 'day' WHERE item_id = ?", [item])
        assert refresh_analyses(store) == 1
        assert load_analyses(store)[item].precision == "day"
