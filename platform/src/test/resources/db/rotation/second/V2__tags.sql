-- The next release, migrated by an instance that logged in as the clone user.
ALTER TABLE notes ADD COLUMN author TEXT;
CREATE TABLE tags (note_id BIGINT NOT NULL REFERENCES notes (id), tag TEXT NOT NULL);
