-- "Most discussed" counts the comments of the last days per thread.
CREATE INDEX comments_by_created ON comments (created);
