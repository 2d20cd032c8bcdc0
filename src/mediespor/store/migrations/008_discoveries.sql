-- Migration 8: every place a URL was discovered, kept even when the URL was already queued,
-- so one article found by a feed, a sitemap and a Wayback capture gets three provenance rows.

CREATE TABLE discoveries (
    url         VARCHAR NOT NULL,      -- canonical URL (the item key it will have)
    source      VARCHAR NOT NULL,
    via         VARCHAR NOT NULL,
    fetch_url   VARCHAR,               -- what to download instead (an archive capture)
    archive_url VARCHAR,               -- a copy for people to view
    hint        JSON,                  -- what the listing said (title, date, summary)
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    run_id      BIGINT,
    PRIMARY KEY (url, source, via)
);
