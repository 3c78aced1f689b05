-- Sala schema, version 1. Times are milliseconds since the Unix epoch (UTC).
-- Enumerations are stored as text with CHECK constraints so the file reads
-- without a decoder ring.

CREATE TABLE sites (
  id           TEXT PRIMARY KEY,
  origins      TEXT NOT NULL,            -- one origin per line
  premoderate  INTEGER NOT NULL DEFAULT 0 CHECK (premoderate IN (0, 1)),
  created      INTEGER NOT NULL
) STRICT;

CREATE TABLE threads (
  id               INTEGER PRIMARY KEY,
  site             TEXT NOT NULL REFERENCES sites(id),
  key              TEXT NOT NULL,
  title            TEXT NOT NULL DEFAULT '',
  url              TEXT NOT NULL DEFAULT '',
  closed           INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  comment_count    INTEGER NOT NULL DEFAULT 0,
  created          INTEGER NOT NULL,
  last_comment_at  INTEGER,
  UNIQUE (site, key)
) STRICT;

CREATE TABLE comments (
  id                INTEGER PRIMARY KEY,
  thread            INTEGER NOT NULL REFERENCES threads(id),
  parent            INTEGER REFERENCES comments(id),
  root              INTEGER NOT NULL,
  depth             INTEGER NOT NULL,
  author_name       TEXT NOT NULL,
  author_email      TEXT NOT NULL DEFAULT '',
  avatar            TEXT NOT NULL DEFAULT '',
  body_markdown     TEXT NOT NULL,
  body_html         TEXT NOT NULL,
  renderer_version  INTEGER NOT NULL,
  state             TEXT NOT NULL
                    CHECK (state IN ('approved', 'pending', 'spam', 'rejected', 'deleted')),
  created           INTEGER NOT NULL,
  edited            INTEGER,
  edit_token_hash   BLOB,
  upvotes           INTEGER NOT NULL DEFAULT 0,
  downvotes         INTEGER NOT NULL DEFAULT 0,
  score             INTEGER GENERATED ALWAYS AS (upvotes - downvotes) STORED,
  anchor_quote      TEXT,
  anchor_prefix     TEXT,
  anchor_suffix     TEXT,
  anchor_start      INTEGER,
  anchor_end        INTEGER
) STRICT;

-- Keyset paging of top-level comments, one index per sort.
CREATE INDEX comments_top_by_time ON comments (thread, created, id) WHERE parent IS NULL;
CREATE INDEX comments_top_by_score ON comments (thread, score, id) WHERE parent IS NULL;
-- All replies below a page's top-level comments.
CREATE INDEX comments_by_root ON comments (root, created, id);
CREATE INDEX comments_by_parent ON comments (parent);

CREATE TABLE votes (
  comment  INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  voter    BLOB NOT NULL,
  value    INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (comment, voter)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
  comment   INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  reporter  BLOB NOT NULL,
  reason    TEXT NOT NULL,
  created   INTEGER NOT NULL,
  PRIMARY KEY (comment, reporter)
) STRICT, WITHOUT ROWID;

CREATE TABLE secrets (
  name     TEXT PRIMARY KEY,
  value    BLOB NOT NULL,
  created  INTEGER NOT NULL
) STRICT;
