-- Migration 11: indexes for storing items in batches without scanning the table.
-- Every stored item a record may be (by URL, by the URL it was first seen under, by the same
-- content on the same site, by the title a list gives it) is found through these; item_key and
-- item_id have theirs already.
-- The version lookup finds an item's last version number. DuckDB uses an ART index for
-- equality and literal IN lists (see store/staging.py).
CREATE INDEX IF NOT EXISTS items_url ON items (url);
CREATE INDEX IF NOT EXISTS items_original_url ON items (original_url);
CREATE INDEX IF NOT EXISTS items_content_hash ON items (content_hash);
CREATE INDEX IF NOT EXISTS items_title_key ON items (title_key);
CREATE INDEX IF NOT EXISTS item_versions_item ON item_versions (item_id);
