-- Jobs and cached results are shared only by requests that ask Tabelog the same thing (SPEC §4): a request for a
-- place with another name, area or result count gets its own job and cannot reuse or poison another's.
ALTER TABLE scrape_jobs ADD COLUMN search_key text;
UPDATE scrape_jobs SET search_key = 'before-v2:' || id;
ALTER TABLE scrape_jobs ALTER COLUMN search_key SET NOT NULL;
DROP INDEX scrape_jobs_one_active_per_place;
CREATE UNIQUE INDEX scrape_jobs_one_active_per_search ON scrape_jobs (google_id, search_key)
    WHERE status IN ('PENDING', 'RUNNING');
