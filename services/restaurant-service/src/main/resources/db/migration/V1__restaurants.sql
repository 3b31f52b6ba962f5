-- Trigram indexes make "q" (ILIKE '%ramen%' on names, area and cuisine) an index scan. pg_trgm ships with stock
-- PostgreSQL (contrib, in Debian's postgresql package) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE restaurants (
    id                   uuid PRIMARY KEY,
    name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_ja              text CHECK (length(name_ja) <= 200),
    area                 text CHECK (length(area) <= 100),
    source               text NOT NULL CHECK (source IN ('google', 'tabelog', 'manual')),
    external_id          text CHECK (length(external_id) <= 300),
    address              text CHECK (length(address) <= 500),
    latitude             double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude            double precision CHECK (longitude BETWEEN -180 AND 180),
    rating               numeric(2, 1) CHECK (rating BETWEEN 0 AND 5),
    price_range          text CHECK (price_range IN ('$', '$$', '$$$', '$$$$')),
    cuisine_type         text CHECK (length(cuisine_type) <= 100),
    phone                text CHECK (length(phone) <= 50),
    website              text CHECK (length(website) <= 2000),
    opening_hours        jsonb NOT NULL DEFAULT '{}',
    metadata             jsonb NOT NULL DEFAULT '{}',
    tabelog_url          text,
    tabelog_rating       numeric(3, 2) CHECK (tabelog_rating BETWEEN 0 AND 5),
    tabelog_review_count integer CHECK (tabelog_review_count >= 0),
    tabelog_updated_at   timestamptz,
    view_count           bigint NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- One live row per place of a source; a deleted row does not block re-creating it.
CREATE UNIQUE INDEX restaurants_source_external_id ON restaurants (source, external_id)
    WHERE deleted_at IS NULL AND external_id IS NOT NULL;
CREATE INDEX restaurants_name_trgm ON restaurants USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX restaurants_name_ja_trgm ON restaurants USING gin (name_ja gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX restaurants_area_trgm ON restaurants USING gin (area gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX restaurants_cuisine_trgm ON restaurants USING gin (cuisine_type gin_trgm_ops) WHERE deleted_at IS NULL;
-- Nearby search narrows to a bounding box first, then measures the exact distance.
CREATE INDEX restaurants_location ON restaurants (latitude, longitude) WHERE deleted_at IS NULL;
CREATE INDEX restaurants_rating ON restaurants (rating DESC NULLS LAST, id) WHERE deleted_at IS NULL;
CREATE INDEX restaurants_created_at ON restaurants (created_at DESC, id) WHERE deleted_at IS NULL;

CREATE TABLE favorites (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL,
    restaurant_id   uuid NOT NULL REFERENCES restaurants (id),
    notes           text CHECK (length(notes) <= 2000),
    tags            text[] NOT NULL DEFAULT '{}',
    visit_count     integer NOT NULL DEFAULT 0 CHECK (visit_count >= 0),
    last_visited_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);

CREATE UNIQUE INDEX favorites_user_restaurant ON favorites (user_id, restaurant_id) WHERE deleted_at IS NULL;
CREATE INDEX favorites_user_newest ON favorites (user_id, created_at DESC, id) WHERE deleted_at IS NULL;
