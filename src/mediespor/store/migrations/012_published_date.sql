-- Migration 12: items.published_date, the Copenhagen calendar day an item was published on.
--
-- published_at is an instant (TIMESTAMPTZ). Cast to DATE in a connection whose time zone is
-- UTC, a date-only item (stored as Copenhagen midnight) falls on the day before. published_date
-- is the Copenhagen date itself, so "what was published on 28 June" gives the same answer in
-- any connection. With published_precision month or year it is the first day of the span (see
-- date_interval.py); NULL when undated. Kept up to date by the store whenever a write batch is
-- published (store/derived.py), so it is never set by hand. The views compute the same day from
-- published_at themselves, so they are right even inside a write batch, before the refresh.
ALTER TABLE items ADD COLUMN published_date DATE;
UPDATE items SET published_date = CAST(timezone('Europe/Copenhagen', published_at) AS DATE);

CREATE OR REPLACE VIEW v_relevant_items AS
SELECT * FROM items WHERE is_relevant;

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

-- Weeks of the Copenhagen day: the same in any connection's time zone.
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
