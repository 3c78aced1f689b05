-- E-mail notifications and feeds.

-- Feeds and reply lookups read a thread's comments by time.
CREATE INDEX comments_by_thread_created ON comments (thread, created, id);

-- An address that asked for notifications; deleted with its last subscription.
CREATE TABLE mail_recipients (
  id                 INTEGER PRIMARY KEY,
  email              TEXT NOT NULL UNIQUE,
  created            INTEGER NOT NULL,
  last_confirmation  INTEGER            -- when the last confirmation mail was queued
) STRICT;

CREATE TABLE subscriptions (
  id         INTEGER PRIMARY KEY,
  recipient  INTEGER NOT NULL REFERENCES mail_recipients(id) ON DELETE CASCADE,
  thread     INTEGER NOT NULL REFERENCES threads(id),
  kind       TEXT NOT NULL CHECK (kind IN ('thread', 'replies')),
  comment    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  confirmed  INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
  created    INTEGER NOT NULL
) STRICT;
-- NULL never equals NULL in a UNIQUE constraint, hence the expression.
CREATE UNIQUE INDEX subscriptions_unique ON subscriptions (recipient, thread, kind, coalesce(comment, 0));
CREATE INDEX subscriptions_by_thread ON subscriptions (thread, kind) WHERE confirmed = 1;
CREATE INDEX subscriptions_by_comment ON subscriptions (comment) WHERE comment IS NOT NULL;

-- Mailed tokens, by the digest only. A token does one thing (purpose).
CREATE TABLE mail_tokens (
  digest        BLOB PRIMARY KEY,
  purpose       TEXT NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe', 'manage')),
  recipient     INTEGER NOT NULL REFERENCES mail_recipients(id) ON DELETE CASCADE,
  subscription  INTEGER REFERENCES subscriptions(id) ON DELETE CASCADE,
  created       INTEGER NOT NULL,
  expires       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX mail_tokens_by_expiry ON mail_tokens (expires);
CREATE INDEX mail_tokens_by_recipient ON mail_tokens (recipient);
CREATE INDEX mail_tokens_by_subscription ON mail_tokens (subscription);

-- The transactional outbox: written with the comment that causes it.
CREATE TABLE notify_events (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('comment_visible', 'comment_pending', 'confirm_address')),
  subject  INTEGER NOT NULL,
  created  INTEGER NOT NULL
) STRICT;
CREATE INDEX notify_events_by_kind ON notify_events (kind, id);

-- Rendered mails waiting for the SMTP relay.
CREATE TABLE mails (
  id            INTEGER PRIMARY KEY,
  recipient     INTEGER REFERENCES mail_recipients(id) ON DELETE CASCADE,
  to_address    TEXT NOT NULL,
  message_id    TEXT NOT NULL UNIQUE,
  message       TEXT NOT NULL,
  created       INTEGER NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_attempt  INTEGER NOT NULL,
  last_error    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX mails_due ON mails (next_attempt);
CREATE INDEX mails_by_recipient ON mails (recipient);

-- What was queued lately, for the caps; pruned after a day.
CREATE TABLE mail_log (
  site       TEXT NOT NULL,
  recipient  INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('confirmation', 'notification', 'moderation')),
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX mail_log_by_recipient ON mail_log (recipient, at);
CREATE INDEX mail_log_by_site ON mail_log (site, kind, at);
