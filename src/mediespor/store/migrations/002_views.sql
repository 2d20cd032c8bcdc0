-- Migration 2: the documented analyst views (see docs/schema.md).

CREATE OR REPLACE VIEW v_relevant_items AS
SELECT * FROM items WHERE is_relevant;

-- Outlet x ISO week x number of relevant items (weeks in Copenhagen local time).
CREATE OR REPLACE VIEW v_coverage_by_week AS
SELECT
    outlet,
    isoyear(published_at AT TIME ZONE 'Europe/Copenhagen') AS iso_year,
    week(published_at AT TIME ZONE 'Europe/Copenhagen')    AS iso_week,
    CAST(date_trunc('week', published_at AT TIME ZONE 'Europe/Copenhagen') AS DATE) AS week_start,
    count(*) AS items
FROM items
WHERE is_relevant AND published_at IS NOT NULL
GROUP BY ALL
ORDER BY week_start, outlet;

-- Event x linked items (rejected links left out), ordered by event date and item date.
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
    coalesce(i.url, i.archive_url) AS url,
    l.score,
    l.status,
    l.reasons
FROM events e
JOIN item_events l ON l.event_id = e.event_id AND l.status <> 'rejected'
JOIN items i ON i.item_id = l.item_id
ORDER BY e.date_start, e.event_id, i.published_at NULLS LAST, i.item_id;
