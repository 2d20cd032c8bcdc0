-- Migration 6: event linking. Analysis cache per item version, the analysts' decision log,
-- suggested events, and the primary event of every relevant item.

-- Stems, amounts and mentioned dates of an item's current version. Rewritten when
-- content_hash (or the analyser version) changes, so each version is analysed once.
CREATE TABLE item_analysis (
    item_id       VARCHAR PRIMARY KEY,
    content_hash  VARCHAR NOT NULL,
    analyser      VARCHAR NOT NULL,
    local_date    DATE,                 -- Europe/Copenhagen date of published_at
    -- Space-separated stems: one string per column converts to Python far faster than a list.
    title_stems   VARCHAR,
    body_stems    VARCHAR,
    terms         VARCHAR,              -- the TF-IDF bag (title twice, compound heads, amounts)
    amounts       VARCHAR,              -- e.g. 'amount:13000000'
    dates         VARCHAR,              -- ISO dates the text mentions, resolved against local_date
    analysed_at   TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS seq_link_decision_id START 1;

-- Every analyst decision ever made (confirm | reject | add | undo), append-only. The current
-- state lives in item_events.status; this is the history with who, when and on which version.
CREATE TABLE link_decisions (
    decision_id   BIGINT PRIMARY KEY DEFAULT nextval('seq_link_decision_id'),
    item_id       VARCHAR NOT NULL,
    event_id      VARCHAR NOT NULL,
    decision      VARCHAR NOT NULL,
    decided_by    VARCHAR NOT NULL,
    decided_at    TIMESTAMPTZ NOT NULL,
    content_hash  VARCHAR,              -- the item version the analyst saw
    note          VARCHAR
);

-- Bursts of coverage that no curated event explains, as last computed by `events suggest`.
CREATE TABLE event_suggestions (
    suggestion_id     VARCHAR PRIMARY KEY,
    date_start        DATE NOT NULL,
    date_end          DATE NOT NULL,
    title             VARCHAR NOT NULL,
    top_terms         VARCHAR[],
    item_ids          VARCHAR[],
    items             INTEGER NOT NULL,
    outlets           INTEGER NOT NULL,
    weight            DOUBLE NOT NULL,
    status            VARCHAR NOT NULL DEFAULT 'open',   -- open | promoted
    promoted_event_id VARCHAR,
    computed_at       TIMESTAMPTZ NOT NULL
);

-- It also created v_item_primary_event, which now lives in store/views.sql.
