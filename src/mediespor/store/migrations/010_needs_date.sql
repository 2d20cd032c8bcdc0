-- Migration 10: dates with their precision. items.published_precision may now also be 'year'
-- (time | day | month | year | NULL = undated); a coarse date is stored as Copenhagen midnight
-- of the first day of its span (see date_interval.py).

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

-- Weekly coverage counts only items known to the day: a month- or year-precision item is stored
-- as the first day of its span and would otherwise inflate that one week.
CREATE OR REPLACE VIEW v_coverage_by_week AS
SELECT
    outlet,
    isoyear(published_at AT TIME ZONE 'Europe/Copenhagen') AS iso_year,
    week(published_at AT TIME ZONE 'Europe/Copenhagen')    AS iso_week,
    CAST(date_trunc('week', published_at AT TIME ZONE 'Europe/Copenhagen') AS DATE) AS week_start,
    count(*) AS items
FROM items
WHERE is_relevant AND published_at IS NOT NULL
  AND coalesce(published_precision, 'time') IN ('time', 'day')
GROUP BY ALL
ORDER BY week_start, outlet;
