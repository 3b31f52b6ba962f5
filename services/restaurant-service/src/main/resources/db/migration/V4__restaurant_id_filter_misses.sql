-- Ids a replica could not add to the shared Bloom filter (its Redis call failed): while any is listed, no replica
-- trusts the filter's "absent" (a row created on one replica never 404s on another, SPEC §3); the filter's rebuild
-- empties the list.
CREATE TABLE restaurant_id_filter_misses (
    id       uuid PRIMARY KEY,
    noted_at timestamptz NOT NULL DEFAULT now()
);
