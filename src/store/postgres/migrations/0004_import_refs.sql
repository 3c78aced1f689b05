-- Where each imported comment came from: SQLite's migration 5.
CREATE TABLE import_refs (
  site     text NOT NULL REFERENCES sites(id),
  source   text NOT NULL,
  ref      text NOT NULL,
  comment  bigint NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  PRIMARY KEY (site, source, ref)
);
CREATE INDEX import_refs_by_comment ON import_refs (comment);
