-- Scrape jobs (SPEC §4): claimed by workers with FOR UPDATE SKIP LOCKED; a RUNNING job whose lease expired (its
-- worker crashed) is claimed again. attempts counts claims and fences a worker that lost its lease: it may only
-- finish the job while attempts still holds the value its own claim set.
CREATE TABLE scrape_jobs (
    id            uuid        PRIMARY KEY,
    google_id     text        NOT NULL CHECK (length(google_id) BETWEEN 1 AND 300),
    place_name    text        NOT NULL CHECK (length(place_name) BETWEEN 1 AND 200),
    place_name_ja text        CHECK (length(place_name_ja) <= 200),
    area          text        NOT NULL CHECK (length(area) BETWEEN 1 AND 100),
    max_results   integer     NOT NULL CHECK (max_results BETWEEN 1 AND 20),
    status        text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    error         text,
    results       jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    completed_at  timestamptz,
    lease_until   timestamptz,
    CHECK ((status = 'RUNNING') = (lease_until IS NOT NULL))
);

-- One PENDING or RUNNING job per place: a second request gets the existing one.
CREATE UNIQUE INDEX scrape_jobs_one_active_per_place ON scrape_jobs (google_id) WHERE status IN ('PENDING', 'RUNNING');
-- What workers scan: unfinished jobs, oldest first.
CREATE INDEX scrape_jobs_unfinished ON scrape_jobs (created_at) WHERE status IN ('PENDING', 'RUNNING');

-- Transactional outbox: written in the transaction that completes a job, published to the Redis stream afterwards
-- (at least once), so an event is never lost when Redis is down at the moment a job finishes.
CREATE TABLE scrape_outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    job_id       uuid        NOT NULL REFERENCES scrape_jobs (id),
    event        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX scrape_outbox_unpublished ON scrape_outbox (id) WHERE published_at IS NULL;
