-- Where each imported comment came from, so the same import twice adds
-- nothing and a reply can find its parent by the source's own id.
CREATE TABLE import_refs (
  site     TEXT NOT NULL REFERENCES sites(id),
  source   TEXT NOT NULL,               -- 'wxr', 'disqus', 'isso', 'json'
  ref      TEXT NOT NULL,               -- the comment's id in that source
  comment  INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  PRIMARY KEY (site, source, ref)
) STRICT, WITHOUT ROWID;
-- A comment's erase cascades here; the foreign key needs this to be fast.
CREATE INDEX import_refs_by_comment ON import_refs (comment);
