-- The documented analyst views (see docs/schema.md), each defined once.
--
-- Views hold no data, so they are not history: migrations create and change tables and
-- indexes only, and this file is applied with CREATE OR REPLACE after the migrations whenever
-- a writable database was migrated or its views do not carry this file's digest (like Flyway's
-- repeatable scripts; see Store.migrate). Change a view here; a database of any version gets
-- it the next time it is opened for writing.
--
-- The views compute the Copenhagen day from published_at themselves rather than reading
-- items.published_date, so they are right even inside a write batch, before the store
-- refreshes that column (store/derived.py).

CREATE OR REPLACE VIEW v_relevant_items AS
SELECT * FROM items WHERE is_relevant;

-- Outlet x ISO week x number of relevant items, in weeks of the Copenhagen day (the same in
-- any connection's time zone). Only items known to the day count: a month- or year-precision
-- item is stored as the first day of its span and would otherwise inflate that one week.
CREATE OR REPLACE VIEW v_coverage_by_week AS
WITH dated AS (
    SELECT outlet, CAST(timezone('Europe/Copenhagen', published_at) AS DATE) AS day
    FROM items
    WHERE is_relevant AND published_at IS NOT NULL
      AND coalesce(published_precision, 'time') IN ('time', 'day')
)
SELECT
    outlet,
    isoyear(day) AS iso_year,
    week(day)    AS iso_week,
    CAST(date_trunc('week', day) AS DATE) AS week_start,
    count(*) AS items
FROM dated
GROUP BY ALL
ORDER BY week_start, outlet;

-- Event x linked items (rejected links left out, suggested ones shown with their status),
-- ordered by event date and item date.
CREATE OR REPLACE VIEW v_event_coverage AS
SELECT
    e.event_id,
    e.date_start AS event_date,
    e.title      AS event_title,
    i.item_id,
    i.outlet,
    i.kind,
    i.title,
    i.published_at,
    CAST(timezone('Europe/Copenhagen', i.published_at) AS DATE) AS published_date,
    i.published_precision,
    coalesce(i.url, i.archive_url) AS url,
    l.score,
    l.status,
    l.reasons
FROM events e
JOIN item_events l ON l.event_id = e.event_id AND l.status <> 'rejected'
JOIN items i ON i.item_id = l.item_id
ORDER BY e.date_start, e.event_id, i.published_at NULLS LAST, i.item_id;

-- The primary event of every relevant item: an analyst's confirmed/added link first, then the
-- best automatic one, then a suggested one; items with no link show as 'ingen begivenhed'.
CREATE OR REPLACE VIEW v_item_primary_event AS
WITH ranked AS (
    SELECT l.item_id, l.event_id, l.score, l.status,
           row_number() OVER (
               PARTITION BY l.item_id
               ORDER BY CASE WHEN l.status IN ('confirmed', 'added') THEN 0
                             WHEN l.status = 'auto' THEN 1 ELSE 2 END,
                        l.score DESC NULLS LAST, l.event_id
           ) AS rk
    FROM item_events l
    WHERE l.status <> 'rejected'
)
SELECT i.item_id, i.outlet, i.title, i.published_at,
       CAST(timezone('Europe/Copenhagen', i.published_at) AS DATE) AS published_date,
       i.published_precision,
       r.event_id, r.score, r.status,
       coalesce(e.title, 'ingen begivenhed') AS event_title
FROM items i
LEFT JOIN ranked r ON r.item_id = i.item_id AND r.rk = 1
LEFT JOIN events e ON e.event_id = r.event_id
WHERE i.is_relevant;

-- Relevant items that can be placed nowhere: no publication date and no link an analyst or the
-- linker made (rejected links do not count). An undated item is never linked on subject words
-- alone, so these wait for an analyst to date them (re-import with `published`) or to link
-- them (`mediespor link add ITEM EVENT`). Listed by `mediespor status` and reports/index.html.
CREATE OR REPLACE VIEW v_items_needing_date AS
SELECT
    i.item_id,
    i.outlet,
    i.kind,
    i.title,
    CASE WHEN i.gone AND i.archive_url IS NOT NULL THEN i.archive_url
         ELSE coalesce(i.url, i.original_url, i.archive_url) END AS url,
    i.source,
    i.first_seen
FROM items i
WHERE i.is_relevant
  AND i.published_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM item_events l
                  WHERE l.item_id = i.item_id AND l.status <> 'rejected')
ORDER BY i.outlet, i.title, i.item_id;
