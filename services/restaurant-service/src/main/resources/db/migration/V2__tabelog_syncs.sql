-- One row per scrape.completed event applied (or deliberately skipped): a redelivered event, or another event of
-- the same job, finds its row and changes nothing.
CREATE TABLE tabelog_syncs (
    job_id        text PRIMARY KEY CHECK (length(job_id) BETWEEN 1 AND 200),
    event_id      uuid NOT NULL UNIQUE,
    restaurant_id uuid REFERENCES restaurants (id),
    outcome       text NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
