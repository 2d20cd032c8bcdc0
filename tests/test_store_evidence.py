"""Evidence behind items: corpus records (idempotent, found by item or record id) and fetches."""

from __future__ import annotations

from datetime import UTC, datetime

from mediespor.models import CorpusRef, ItemRecord
from mediespor.store.db import open_store
from mediespor.store.evidence import (
    corpus_attributions,
    corpus_evidence,
    item_fetch_id,
    record_corpus_ref,
)
from mediespor.store.items import upsert_item

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _store_item(con, title: str, **kw) -> str:
    rec = ItemRecord(outlet="TV 2 regionerne", title=title, via="corpus",
                     published_at=datetime(2017, 4, 2, tzinfo=UTC), **kw)  # fmt: skip
    return upsert_item(con, rec, now=NOW, run_id=None, relevant=True, topic_terms=[]).item_id


def test_corpus_records_are_kept_once_and_found_by_either_id():
    con = open_store(None).con
    item = _store_item(con, "Afslag stiger")
    ref = CorpusRef("Testkorpus", "tv2r_1", "CC BY-SA 4.0", "Tekster af test")
    for _ in range(2):
        record_corpus_ref(con, item, ref, source="tv2r", via="corpus", now=NOW)
    other = _store_item(con, "Fleksjob til færre")
    record_corpus_ref(con, other, CorpusRef("Testkorpus", "tv2r_2", "CC BY-SA 4.0"),
                      source="tv2r", via="corpus", now=NOW)  # fmt: skip
    by_record = corpus_evidence(con, "tv2r_1")
    assert [(e.item_id, e.ref) for e in by_record] == [(item, ref)]
    assert corpus_evidence(con, item) == by_record
    assert corpus_evidence(con, "tv2r_404") == []
    (attr,) = corpus_attributions(con)
    assert (attr.corpus, attr.license, attr.items) == ("Testkorpus", "CC BY-SA 4.0", 2)
    assert attr.attribution == "Tekster af test"


def test_item_fetch_id_by_original_url():
    con = open_store(None).con
    rec = ItemRecord(outlet="T", title="Side", via="wayback", url="https://t.dk/a",
                     original_url="https://t.dk/a", fetch_id=41)  # fmt: skip
    upsert_item(con, rec, now=NOW, run_id=None, relevant=True, topic_terms=[])
    assert item_fetch_id(con, ["https://t.dk/a"]) == 41
    assert item_fetch_id(con, ["https://t.dk/other"]) is None
