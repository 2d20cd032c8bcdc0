-- Migration 14: an index on item_sightings (item_id) for storing items in batches.
-- A sighting seen again only moves last_seen. ON CONFLICT on the composite primary key is
-- planned by DuckDB 1.5 as a join against the whole table (its cost grows with the archive);
-- an UPDATE restricted by literal item ids uses this index instead (see store/staging.py).
CREATE INDEX IF NOT EXISTS item_sightings_item ON item_sightings (item_id);
