-- Staff accounts, sessions, moderation settings, bans and the audit log.

CREATE TABLE accounts (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE,
  role              TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
  password_hash     TEXT NOT NULL,
  created           INTEGER NOT NULL,
  password_changed  INTEGER NOT NULL
) STRICT;

-- The sites a moderator moderates (admins moderate all).
CREATE TABLE account_sites (
  account  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  site     TEXT NOT NULL REFERENCES sites(id),
  PRIMARY KEY (account, site)
) STRICT, WITHOUT ROWID;

-- Only the digest of a session's bearer token is kept.
CREATE TABLE sessions (
  token_digest  BLOB PRIMARY KEY,
  account       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token    TEXT NOT NULL,
  created       INTEGER NOT NULL,
  expires       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions (account);

ALTER TABLE sites ADD COLUMN premoderate_links INTEGER NOT NULL DEFAULT 0 CHECK (premoderate_links IN (0, 1));
ALTER TABLE sites ADD COLUMN premoderate_first INTEGER NOT NULL DEFAULT 0 CHECK (premoderate_first IN (0, 1));
ALTER TABLE sites ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0 CHECK (slow_mode_seconds >= 0);

-- The poster's keyed daily hash: bans, slow mode, "first comment" rules.
ALTER TABLE comments ADD COLUMN author_fingerprint BLOB;
CREATE INDEX comments_by_fingerprint ON comments (author_fingerprint, thread) WHERE author_fingerprint IS NOT NULL;
CREATE INDEX comments_by_state ON comments (state, id) WHERE state IN ('pending', 'spam');

CREATE TABLE bans (
  id       INTEGER PRIMARY KEY,
  site     TEXT NOT NULL REFERENCES sites(id),
  kind     TEXT NOT NULL CHECK (kind IN ('fingerprint', 'email')),
  value    BLOB NOT NULL,
  until    INTEGER,              -- NULL: for good
  reason   TEXT NOT NULL,
  by       INTEGER NOT NULL REFERENCES accounts(id),
  created  INTEGER NOT NULL
) STRICT;
CREATE INDEX bans_by_value ON bans (site, kind, value);

-- Words and phrases a site refuses (banned) or holds for a moderator (suspect).
CREATE TABLE site_words (
  site  TEXT NOT NULL REFERENCES sites(id),
  kind  TEXT NOT NULL CHECK (kind IN ('banned', 'suspect')),
  word  TEXT NOT NULL,
  PRIMARY KEY (site, kind, word)
) STRICT, WITHOUT ROWID;

-- The spam filter of each site: per token, in how many comments judged spam
-- and judged fine it appeared; and which comments taught it what, so a
-- changed decision can be taken back exactly.
CREATE TABLE spam_tokens (
  site   TEXT NOT NULL,
  token  TEXT NOT NULL,
  spam   INTEGER NOT NULL DEFAULT 0,
  ham    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site, token)
) STRICT, WITHOUT ROWID;
CREATE TABLE spam_trained (
  comment  INTEGER PRIMARY KEY,
  site     TEXT NOT NULL,
  label    TEXT NOT NULL CHECK (label IN ('spam', 'ham')),
  tokens   TEXT NOT NULL          -- one per line
) STRICT;
CREATE INDEX spam_trained_by_site ON spam_trained (site, label);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  account       INTEGER NOT NULL,
  account_name  TEXT NOT NULL,
  site          TEXT NOT NULL,
  action        TEXT NOT NULL,
  target        TEXT NOT NULL,
  reason        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_site ON audit_log (site, id);

-- Append-only, whoever holds the connection.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
