-- An event is kept until its consumers are seen to have taken it (SPEC §4, at least once): where it went on the
-- stream (entry id, and the stream's epoch: a marker that a Redis which lost its data no longer has), and when
-- every consumer group had it acknowledged. Events published before this version count as taken.
ALTER TABLE scrape_outbox ADD COLUMN stream_id text;
ALTER TABLE scrape_outbox ADD COLUMN stream_epoch text;
ALTER TABLE scrape_outbox ADD COLUMN confirmed_at timestamptz;
UPDATE scrape_outbox SET confirmed_at = published_at WHERE published_at IS NOT NULL;
CREATE INDEX scrape_outbox_unconfirmed ON scrape_outbox (id) WHERE published_at IS NOT NULL AND confirmed_at IS NULL;
