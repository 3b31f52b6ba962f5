-- When a place's data was last fetched from map-service: quick search refreshes by this, not by updated_at, which
-- any user's PATCH of name_ja moves (and so kept a place from being refreshed for days).
ALTER TABLE restaurants ADD COLUMN synced_at timestamptz;
UPDATE restaurants SET synced_at = updated_at WHERE source = 'google';
