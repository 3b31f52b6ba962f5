-- A release before the rotation.
CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL);
