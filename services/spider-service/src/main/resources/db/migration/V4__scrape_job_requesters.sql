-- Who asked for a job (the user id of the access token), for the per-user quotas on new jobs (SPEC §4 hardening).
ALTER TABLE scrape_jobs ADD COLUMN requested_by text CHECK (length(requested_by) <= 200);
CREATE INDEX scrape_jobs_by_requester ON scrape_jobs (requested_by, created_at) WHERE requested_by IS NOT NULL;
