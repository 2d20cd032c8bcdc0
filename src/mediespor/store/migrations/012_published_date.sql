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

-- It also re-created the views with published_date; they now live in store/views.sql.
