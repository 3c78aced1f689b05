-- Pinned and featured comments; each thread's own moderation settings; each
-- site's edit window; staff alert addresses; verified readers.

-- Pinned comments come first in their thread whatever the sort; featured ones carry a mark.
ALTER TABLE comments ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
ALTER TABLE comments ADD COLUMN featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1));
CREATE INDEX comments_pinned ON comments (thread) WHERE pinned = 1;

-- A NULL setting follows the site's.
CREATE TABLE thread_settings (
  thread             INTEGER PRIMARY KEY REFERENCES threads(id),
  premoderate        INTEGER CHECK (premoderate IN (0, 1)),
  premoderate_links  INTEGER CHECK (premoderate_links IN (0, 1)),
  premoderate_first  INTEGER CHECK (premoderate_first IN (0, 1)),
  slow_mode_seconds  INTEGER CHECK (slow_mode_seconds >= 0)
) STRICT;

-- NULL: the server's configured edit window.
ALTER TABLE sites ADD COLUMN edit_window_seconds INTEGER CHECK (edit_window_seconds >= 0);

-- Where a staff account's moderation alerts go; '' for none.
ALTER TABLE accounts ADD COLUMN alert_email TEXT NOT NULL DEFAULT '';

-- Verified readers (publisher sign-in, email sign-in): their account and
-- badge on each comment, their names reserved against lookalikes, and bans
-- that hold against the account.
ALTER TABLE comments ADD COLUMN author_account TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN author_badge TEXT NOT NULL DEFAULT '';

CREATE TABLE reserved_names (
  site       TEXT NOT NULL REFERENCES sites(id),
  account    TEXT NOT NULL,
  skeleton   TEXT NOT NULL,             -- text::name_skeleton of the name last used
  last_used  INTEGER NOT NULL,
  PRIMARY KEY (site, account)
) STRICT, WITHOUT ROWID;
CREATE INDEX reserved_names_by_skeleton ON reserved_names (site, skeleton);

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE bans_with_accounts (
  id       INTEGER PRIMARY KEY,
  site     TEXT NOT NULL REFERENCES sites(id),
  kind     TEXT NOT NULL CHECK (kind IN ('fingerprint', 'email', 'account')),
  value    BLOB NOT NULL,
  until    INTEGER,              -- NULL: for good
  reason   TEXT NOT NULL,
  by       INTEGER NOT NULL REFERENCES accounts(id),
  created  INTEGER NOT NULL
) STRICT;
INSERT INTO bans_with_accounts SELECT id, site, kind, value, until, reason, by, created FROM bans;
DROP TABLE bans;
ALTER TABLE bans_with_accounts RENAME TO bans;
CREATE INDEX bans_by_value ON bans (site, kind, value);
