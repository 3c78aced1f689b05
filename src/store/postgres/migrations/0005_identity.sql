-- Pinned and featured comments; each thread's own moderation settings; each
-- site's edit window; staff alert addresses; verified readers: SQLite's migration 6.

ALTER TABLE comments ADD COLUMN pinned boolean NOT NULL DEFAULT false;
ALTER TABLE comments ADD COLUMN featured boolean NOT NULL DEFAULT false;
CREATE INDEX comments_pinned ON comments (thread) WHERE pinned;

CREATE TABLE thread_settings (
  thread             bigint PRIMARY KEY REFERENCES threads(id),
  premoderate        boolean,
  premoderate_links  boolean,
  premoderate_first  boolean,
  slow_mode_seconds  bigint CHECK (slow_mode_seconds >= 0)
);

ALTER TABLE sites ADD COLUMN edit_window_seconds bigint CHECK (edit_window_seconds >= 0);

ALTER TABLE accounts ADD COLUMN alert_email text NOT NULL DEFAULT '';

ALTER TABLE comments ADD COLUMN author_account text NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN author_badge text NOT NULL DEFAULT '';

CREATE TABLE reserved_names (
  site       text NOT NULL REFERENCES sites(id),
  account    text NOT NULL,
  skeleton   text NOT NULL,
  last_used  bigint NOT NULL,
  PRIMARY KEY (site, account)
);
CREATE INDEX reserved_names_by_skeleton ON reserved_names (site, skeleton);

ALTER TABLE bans DROP CONSTRAINT bans_kind_check;
ALTER TABLE bans ADD CONSTRAINT bans_kind_check CHECK (kind IN ('fingerprint', 'email', 'account'));
