-- Whether name_ja was last typed by a user who is not an admin. Such a name is shown, but it never decides which
-- Tabelog restaurant a scrape's results are matched to: anyone could name a place after another restaurant.
ALTER TABLE restaurants ADD COLUMN name_ja_by_user boolean NOT NULL DEFAULT false;
