-- Sign-in links mailed to readers, until opened or expired. No address is
-- kept: the account is a keyed hash of it. One live link per account and
-- site; the code and the asking browser's binding are kept as digests.
CREATE TABLE reader_signins (
  digest   BLOB PRIMARY KEY,
  site     TEXT NOT NULL,
  account  TEXT NOT NULL,
  name     TEXT NOT NULL,
  binding  BLOB NOT NULL,
  created  INTEGER NOT NULL,
  expires  INTEGER NOT NULL,
  UNIQUE (site, account)
) STRICT;
CREATE INDEX reader_signins_by_expiry ON reader_signins (expires);

-- Server-signed reader tokens their readers signed out of, by the digest of
-- the token's id, until the token would have expired.
CREATE TABLE revoked_reader_tokens (
  digest   BLOB PRIMARY KEY,
  expires  INTEGER NOT NULL
) STRICT;
CREATE INDEX revoked_reader_tokens_by_expiry ON revoked_reader_tokens (expires);

-- Finding a signed-in reader's comments by their account, for their own data.
CREATE INDEX comments_by_author_account ON comments (author_account) WHERE author_account <> '';

-- Whether readers may comment without signing in (by e-mail or the
-- publisher's login).
ALTER TABLE sites ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1));

-- Proof-of-work challenges spent by a post, by their tag, until they expire:
-- shared by every instance, so one solution buys one comment.
CREATE TABLE spent_challenges (
  tag      TEXT PRIMARY KEY,
  expires  INTEGER NOT NULL
) STRICT;
CREATE INDEX spent_challenges_by_expiry ON spent_challenges (expires);
