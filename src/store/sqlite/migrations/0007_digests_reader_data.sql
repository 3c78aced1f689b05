-- Digests for busy threads, and the links by which readers reach their own data.

-- How a subscription's mails go out: one per comment, or an hourly or daily digest.
ALTER TABLE subscriptions ADD COLUMN delivery TEXT NOT NULL DEFAULT 'each'
  CHECK (delivery IN ('each', 'hourly', 'daily'));

-- Comments gathered for a subscription's next digest. `due` is the same for
-- every comment of one digest: the first one's time plus the period.
CREATE TABLE digest_items (
  subscription  INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  comment       INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  due           INTEGER NOT NULL,
  PRIMARY KEY (subscription, comment)
) STRICT, WITHOUT ROWID;
CREATE INDEX digest_items_by_due ON digest_items (due);
CREATE INDEX digest_items_by_comment ON digest_items (comment);

-- One live link per address to download or erase its data; the token only
-- by its digest. The row (and so the address) goes when the link expires.
CREATE TABLE reader_data_links (
  email       TEXT PRIMARY KEY,
  digest      BLOB NOT NULL UNIQUE,
  created     INTEGER NOT NULL,
  expires     INTEGER NOT NULL,
  downloaded  INTEGER NOT NULL DEFAULT 0 CHECK (downloaded IN (0, 1))
) STRICT;
CREATE INDEX reader_data_links_by_expiry ON reader_data_links (expires);

-- Finding a reader's comments by the address they gave.
CREATE INDEX comments_by_author_email ON comments (author_email) WHERE author_email <> '';
