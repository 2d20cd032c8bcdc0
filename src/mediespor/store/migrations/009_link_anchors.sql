-- Migration 9: linking with date precision, suggested links and relevance reasons.

-- The precision of the date the analysis was made with (items.published_precision), so a
-- month-only item is scored by its whole month and re-analysed when it gets a day.
ALTER TABLE item_analysis ADD COLUMN precision VARCHAR;

-- item_events.status gains 'suggested': a curated, title-only item dated on an event's day
-- (or the day after) with subject overlap. It is shown with the event (v_event_coverage) and
-- counted there, marked by its status; as an item's primary event it ranks after analysts'
-- links and automatic ones (store/views.sql). `mediespor link confirm` turns it into 'confirmed'.
