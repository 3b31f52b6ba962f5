-- The next release, migrated by an instance that logged in as the clone user; one statement outlasts the
-- server-wide statement_timeout the test sets, as an index build may outlast a managed database's.
ALTER TABLE notes ADD COLUMN author TEXT;
CREATE TABLE tags (note_id BIGINT NOT NULL REFERENCES notes (id), tag TEXT NOT NULL);
SELECT pg_sleep(0.3);
