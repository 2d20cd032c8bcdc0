"""Items per outlet, month and path: discoveries, corpus records and lists, each item once a path."""

from __future__ import annotations

from datetime import UTC, datetime

from mediespor.models import Candidate, CorpusRef, ItemRecord
from mediespor.store.coverage import path_counts, path_table
from mediespor.store.db import open_store
from mediespor.store.discoveries import record_discoveries
from mediespor.store.evidence import record_corpus_ref
from mediespor.store.items import upsert_item

NOW = datetime(2026, 1, 1, tzinfo=UTC)
JUNE = datetime(2017, 6, 28, 12, tzinfo=UTC)
# 30 June 22:30 UTC is 1 July in Copenhagen: the month is the Danish one.
JULY_CPH = datetime(2017, 6, 30, 22, 30, tzinfo=UTC)


def _item(con, title, *, url=None, outlet="Testavisen", when=JUNE, relevant=True, via="feed"):
    rec = ItemRecord(outlet=outlet, title=title, via=via, url=url, published_at=when,
                     published_precision="time")  # fmt: skip
    return upsert_item(con, rec, now=NOW, run_id=None, relevant=relevant, topic_terms=[]).item_id


def test_paths_per_outlet_and_month():
    store = open_store(None)
    con = store.con
    a = "https://testavisen.dk/a"
    _item(con, "A", url=a)
    _item(con, "B", url="https://testavisen.dk/b", when=JULY_CPH)
    _item(con, "Irrelevant", url="https://testavisen.dk/c", relevant=False)
    record_discoveries(con, [
        Candidate(url=a, source="rss", via="feed"),
        Candidate(url=a, source="arkiv", via="wayback"),
        Candidate(url="https://testavisen.dk/b", source="arkiv", via="wayback"),
        Candidate(url="https://testavisen.dk/c", source="rss", via="feed"),
    ], None)  # fmt: skip
    corpus_item = _item(con, "Fra korpus", outlet="TV 2 regionerne", via="corpus")
    record_corpus_ref(con, corpus_item, CorpusRef("K", "k_1", "CC BY 4.0"), source="k",
                      via="corpus", now=NOW)  # fmt: skip
    _item(con, "Fra liste", outlet="Testavisen", when=None)
    got = [(c.outlet, c.month, c.via, c.items) for c in path_counts(con)]
    assert got == [
        ("Testavisen", "2017-06", "feed", 1),
        ("Testavisen", "2017-06", "wayback", 1),
        ("Testavisen", "2017-07", "wayback", 1),
        ("Testavisen", None, None, 1),
        ("TV 2 regionerne", "2017-06", "corpus", 1),
    ]
    table = path_table(path_counts(con))
    assert table.paths == ("corpus", "feed", "wayback", None)
    assert table.totals() == {"feed": 1, "wayback": 2, "corpus": 1, None: 1}
    everything = path_counts(con, relevant_only=False)
    assert sum(c.items for c in everything if c.via == "feed") == 2
