CREATE TABLE probe_items (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);
