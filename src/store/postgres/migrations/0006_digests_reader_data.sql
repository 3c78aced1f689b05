-- Digests for busy threads, and the links by which readers reach their own
-- data: SQLite's migration 7.

ALTER TABLE subscriptions ADD COLUMN delivery text NOT NULL DEFAULT 'each'
  CHECK (delivery IN ('each', 'hourly', 'daily'));

CREATE TABLE digest_items (
  subscription  bigint NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  comment       bigint NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  due           bigint NOT NULL,
  PRIMARY KEY (subscription, comment)
);
CREATE INDEX digest_items_by_due ON digest_items (due);
CREATE INDEX digest_items_by_comment ON digest_items (comment);

CREATE TABLE reader_data_links (
  email       text PRIMARY KEY,
  digest      bytea NOT NULL UNIQUE,
  created     bigint NOT NULL,
  expires     bigint NOT NULL,
  downloaded  boolean NOT NULL DEFAULT false
);
CREATE INDEX reader_data_links_by_expiry ON reader_data_links (expires);

CREATE INDEX comments_by_author_email ON comments (author_email) WHERE author_email <> '';
