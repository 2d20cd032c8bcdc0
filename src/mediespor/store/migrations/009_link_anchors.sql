-- Migration 9: linking with date precision, suggested links and relevance reasons.

-- The precision of the date the analysis was made with (items.published_precision), so a
-- month-only item is scored by its whole month and re-analysed when it gets a day.
ALTER TABLE item_analysis ADD COLUMN precision VARCHAR;

-- item_events.status gains 'suggested': a curated, title-only item dated on an event's day
-- (or the day after) with subject overlap. It is shown with the event (v_event_coverage) and
-- counted there, marked by its status; as an item's primary event it ranks after analysts'
-- links and automatic ones. `mediespor link confirm` turns it into 'confirmed'.
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
       r.event_id, r.score, r.status,
       coalesce(e.title, 'ingen begivenhed') AS event_title
FROM items i
LEFT JOIN ranked r ON r.item_id = i.item_id AND r.rk = 1
LEFT JOIN events e ON e.event_id = r.event_id
WHERE i.is_relevant;
