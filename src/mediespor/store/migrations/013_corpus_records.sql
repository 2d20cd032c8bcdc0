-- Migration 13: the corpus records items were read from (a licensed Parquet corpus such as the
-- Danish Dynaword tv2r section), kept apart from items.provenance so a later crawl of the same
-- article never overwrites the evidence and the license it came with.

CREATE TABLE item_corpus_records (
    corpus      VARCHAR NOT NULL,      -- the corpus as cited ("Danish Dynaword, tv2r")
    record_id   VARCHAR NOT NULL,      -- the row's id in the corpus
    item_id     VARCHAR NOT NULL,
    license     VARCHAR NOT NULL,
    attribution VARCHAR,               -- what the license asks to be shown
    source      VARCHAR NOT NULL,      -- the sources.yaml entry that read it
    via         VARCHAR NOT NULL,      -- the kind of that source: the path the item came by
    first_seen  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (corpus, record_id)
);
CREATE INDEX item_corpus_records_item ON item_corpus_records (item_id);
