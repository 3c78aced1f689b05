#include "store/postgres/comment_rows.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<std::optional<CommentId>> PgTransferRepo::find_imported(const SiteId& site,
                                                               const std::string& source,
                                                               const std::string& ref) {
  return read<std::optional<CommentId>>(access_, [&](Connection& c) -> Result<std::optional<CommentId>> {
    auto rows = c.query("SELECT comment FROM import_refs WHERE site = $1 AND source = $2 AND ref = $3",
                        Params().add(site.value).add(source).add(ref));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<CommentId>{};
    return std::optional<CommentId>{CommentId{rows->int64(0, 0)}};
  });
}

Result<void> PgTransferRepo::remember_imported(const SiteId& site, const std::string& source,
                                               const std::string& ref, CommentId comment) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "INSERT INTO import_refs (site, source, ref, comment) VALUES ($1, $2, $3, $4)",
               Params().add(site.value).add(source).add(ref).add(comment.value));
  });
}

Result<std::vector<Thread>> PgTransferRepo::threads_after(const SiteId& site, ThreadId after, int limit) {
  return read<std::vector<Thread>>(access_, [&](Connection& c) -> Result<std::vector<Thread>> {
    auto rows = c.query(
        "SELECT id, site, key, title, url, closed, comment_count, created, last_comment_at "
        "FROM threads WHERE site = $1 AND id > $2 ORDER BY id LIMIT $3",
        Params().add(site.value).add(after.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<Thread> out;
    for (int i = 0; i < rows->size(); ++i) {
      Thread t;
      t.id = ThreadId{rows->int64(i, 0)};
      t.site = SiteId{rows->text(i, 1)};
      t.key = rows->text(i, 2);
      t.title = rows->text(i, 3);
      t.url = rows->text(i, 4);
      t.is_closed = rows->boolean(i, 5);
      t.comment_count = rows->int64(i, 6);
      t.created = Timestamp{rows->int64(i, 7)};
      if (auto at = rows->optional_int64(i, 8)) t.last_comment_at = Timestamp{*at};
      out.push_back(std::move(t));
    }
    return out;
  });
}

Result<std::vector<store::StoredComment>> PgTransferRepo::comments_after(ThreadId thread, CommentId after,
                                                                         int limit) {
  using Out = std::vector<store::StoredComment>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto rows = c.query("SELECT " SALA_COMMENT_COLUMNS
                        ", author_email FROM comments WHERE thread = $1 AND id > $2 ORDER BY id LIMIT $3",
                        Params().add(thread.value).add(after.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    Out out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i) out.push_back({read_comment(*rows, i), rows->text(i, 20)});
    return out;
  });
}

}  // namespace sala::pg
