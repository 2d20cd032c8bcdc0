-- Migration 1: the core tables. Forward-only: never edit a migration that has shipped;
-- add a new numbered file instead.

CREATE SEQUENCE IF NOT EXISTS seq_run_id START 1;
CREATE SEQUENCE IF NOT EXISTS seq_fetch_id START 1;

-- One row per configured source, refreshed from sources.yaml at the start of each run.
CREATE TABLE sources (
    name        VARCHAR PRIMARY KEY,
    outlet      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    topical     BOOLEAN NOT NULL DEFAULT FALSE,
    config      JSON,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL
);

-- One row per invocation of `mediespor run` (and of commands that change data).
CREATE TABLE runs (
    run_id      BIGINT PRIMARY KEY DEFAULT nextval('seq_run_id'),
    command     VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL,          -- running | ok | partial | failed | interrupted
    exit_code   INTEGER,
    options     JSON,
    counts      JSON,                      -- totals and per-source counts
    pid         INTEGER,
    host        VARCHAR
);

-- Every HTTP exchange, successful or not, with a pointer to its WARC record.
CREATE TABLE fetches (
    fetch_id      BIGINT PRIMARY KEY DEFAULT nextval('seq_fetch_id'),
    run_id        BIGINT,
    source        VARCHAR,
    url           VARCHAR NOT NULL,        -- as requested
    final_url     VARCHAR,                 -- after redirects
    method        VARCHAR NOT NULL DEFAULT 'GET',
    status        INTEGER,                 -- NULL when no response arrived
    redirects     JSON,                    -- [{url, status}] in order
    headers       JSON,                    -- selected response headers
    content_type  VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    body_sha256   VARCHAR,
    body_bytes    BIGINT,
    warc_file     VARCHAR,                 -- relative to the WARC directory
    warc_offset   BIGINT,
    warc_length   BIGINT,
    error_kind    VARCHAR,                 -- timeout | connect | robots | too_large | ...
    error         VARCHAR,
    attempts      INTEGER NOT NULL DEFAULT 1,
    elapsed_ms    DOUBLE,
    fetched_at    TIMESTAMPTZ NOT NULL
);

-- The crawl frontier: URLs to fetch, kept in the DB so a killed run resumes.
CREATE TABLE frontier (
    url          VARCHAR PRIMARY KEY,      -- canonical URL
    source       VARCHAR NOT NULL,
    via          VARCHAR NOT NULL,         -- discovery kind that found it
    depth        INTEGER NOT NULL DEFAULT 0,
    priority     INTEGER NOT NULL DEFAULT 0,
    state        VARCHAR NOT NULL DEFAULT 'pending',  -- pending | done | failed | skipped
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_try_at  TIMESTAMPTZ,
    last_error   VARCHAR,
    hint         JSON,                     -- what the listing said: title, date, summary, archive url
    added_at     TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    run_id       BIGINT
);

-- One row per article / TV segment / blog post. Keyed by canonical URL, or by a synthetic
-- key (outlet + date + normalised title) for coverage known only from a list.
CREATE TABLE items (
    item_id        VARCHAR PRIMARY KEY,    -- short stable hash of the first key
    item_key       VARCHAR NOT NULL UNIQUE,-- canonical URL or 'synthetic:...'
    url            VARCHAR,                -- canonical URL when known
    original_url   VARCHAR,                -- the URL as first seen (may differ after a site move)
    archive_url    VARCHAR,                -- Wayback/Common Crawl copy when the original is gone
    source         VARCHAR,
    outlet         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL DEFAULT 'article',
    title          VARCHAR,
    title_key      VARCHAR,                -- normalised title used to merge list entries
    lead           VARCHAR,
    text           VARCHAR,
    published_at   TIMESTAMPTZ,
    published_precision VARCHAR,           -- time | day | month | NULL (undated)
    modified_at    TIMESTAMPTZ,
    date_source    VARCHAR,                -- where published_at came from (json-ld, meta, url, import, ...)
    authors        VARCHAR[],
    section        VARCHAR,
    language       VARCHAR,
    duration_s     DOUBLE,
    provenance     JSON,                   -- extraction provenance and signal disagreements
    first_seen     TIMESTAMPTZ NOT NULL,
    last_seen      TIMESTAMPTZ NOT NULL,
    content_hash   VARCHAR,
    is_relevant    BOOLEAN,
    topic_terms    VARCHAR[],
    last_fetch_id  BIGINT,
    gone           BOOLEAN NOT NULL DEFAULT FALSE
);

-- Every distinct version of an item's visible content, so an edited headline is never lost.
CREATE TABLE item_versions (
    item_id      VARCHAR NOT NULL,
    version      INTEGER NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL,
    fetch_id     BIGINT,
    title        VARCHAR,
    lead         VARCHAR,
    text         VARCHAR,
    published_at TIMESTAMPTZ,
    modified_at  TIMESTAMPTZ,
    content_hash VARCHAR NOT NULL,
    PRIMARY KEY (item_id, version)
);

-- Every place and way an item was seen (feed, sitemap, listing, import, wayback ...).
CREATE TABLE item_sightings (
    item_id    VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    via        VARCHAR NOT NULL,
    seen_url   VARCHAR NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    last_seen  TIMESTAMPTZ NOT NULL,
    run_id     BIGINT,
    hint       JSON,
    PRIMARY KEY (item_id, source, via, seen_url)
);

-- The curated events from events.yaml.
CREATE TABLE events (
    event_id    VARCHAR PRIMARY KEY,
    date_start  DATE NOT NULL,
    date_end    DATE NOT NULL,
    title       VARCHAR NOT NULL,
    description VARCHAR,
    kind        VARCHAR NOT NULL,
    keywords    VARCHAR[],
    source_url  VARCHAR,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Links between items and events: automatic scores and analysts' decisions.
CREATE TABLE item_events (
    item_id     VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL,
    score       DOUBLE,
    reasons     JSON,
    status      VARCHAR NOT NULL DEFAULT 'auto',   -- auto | confirmed | rejected | added
    decided_by  VARCHAR,
    decided_at  TIMESTAMPTZ,
    linked_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (item_id, event_id)
);

-- Import failures and other rejected input, kept with their reasons.
CREATE TABLE rejects (
    run_id     BIGINT,
    stage      VARCHAR NOT NULL,   -- import | discover | fetch | extract | ...
    source     VARCHAR,
    location   VARCHAR,            -- file:line or URL
    reason     VARCHAR NOT NULL,
    noted_at   TIMESTAMPTZ NOT NULL
);
