#include "store/sqlite/comment_rows.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<std::optional<CommentId>> SqliteTransferRepo::find_imported(const SiteId& site,
                                                                   const std::string& source,
                                                                   const std::string& ref) {
  return read<std::optional<CommentId>>(
      access_, [&](Connection& c) -> Result<std::optional<CommentId>> {
        auto st = c.prepare("SELECT comment FROM import_refs WHERE site = ? AND source = ? AND ref = ?");
        if (!st) return st.error();
        (*st)->bind(1, site.value).bind(2, source).bind(3, ref);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return std::optional<CommentId>{};
        return std::optional<CommentId>{CommentId{(*st)->int64(0)}};
      });
}

Result<void> SqliteTransferRepo::remember_imported(const SiteId& site, const std::string& source,
                                                   const std::string& ref, CommentId comment) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("INSERT INTO import_refs (site, source, ref, comment) VALUES (?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, source).bind(3, ref).bind(4, comment.value);
    return (*st)->run();
  });
}

Result<std::vector<Thread>> SqliteTransferRepo::threads_after(const SiteId& site, ThreadId after,
                                                              int limit) {
  return read<std::vector<Thread>>(access_, [&](Connection& c) -> Result<std::vector<Thread>> {
    auto st = c.prepare(
        "SELECT " SALA_THREAD_COLUMNS " "
        "FROM threads WHERE site = ? AND id > ? ORDER BY id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, after.value).bind(3, std::int64_t{limit});
    std::vector<Thread> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(read_thread(**st));
    }
  });
}

Result<std::vector<store::StoredComment>> SqliteTransferRepo::comments_after(ThreadId thread,
                                                                             CommentId after,
                                                                             int limit) {
  using Rows = std::vector<store::StoredComment>;
  return read<Rows>(access_, [&](Connection& c) -> Result<Rows> {
    auto st = c.prepare("SELECT " SALA_COMMENT_COLUMNS
                        ", author_email FROM comments WHERE thread = ? AND id > ? "
                        "ORDER BY id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, thread.value).bind(2, after.value).bind(3, std::int64_t{limit});
    Rows out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back({read_comment(**st), (*st)->text(23)});
    }
  });
}

}  // namespace sala::sqlite
