#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<std::vector<store::FeedEntry>> PgFeedRepo::recent(const SiteId& site,
                                                         const std::optional<std::string>& thread_key,
                                                         int limit) {
  return read<std::vector<store::FeedEntry>>(access_, [&](Connection& c) -> Result<std::vector<store::FeedEntry>> {
    auto rows = thread_key
                    ? c.query("SELECT c.id, c.parent, c.author_name, c.body_html, c.created, c.edited, "
                              "t.key, t.title, t.url FROM threads t JOIN comments c ON c.thread = t.id "
                              "WHERE t.site = $1 AND t.key = $2 AND c.state = 'approved' "
                              "ORDER BY c.created DESC, c.id DESC LIMIT $3",
                              Params().add(site.value).add(*thread_key).add(std::int64_t{limit}))
                    : c.query("SELECT c.id, c.parent, c.author_name, c.body_html, c.created, c.edited, "
                              "t.key, t.title, t.url FROM comments c JOIN threads t ON t.id = c.thread "
                              "WHERE t.site = $1 AND c.state = 'approved' "
                              "ORDER BY c.created DESC, c.id DESC LIMIT $2",
                              Params().add(site.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<store::FeedEntry> out;
    for (int i = 0; i < rows->size(); ++i) {
      store::FeedEntry e;
      e.id = CommentId{rows->int64(i, 0)};
      if (auto parent = rows->optional_int64(i, 1)) e.parent = CommentId{*parent};
      e.author_name = rows->text(i, 2);
      e.body_html = rows->text(i, 3);
      e.created = Timestamp{rows->int64(i, 4)};
      if (auto edited = rows->optional_int64(i, 5)) e.edited = Timestamp{*edited};
      e.thread_key = rows->text(i, 6);
      e.thread_title = rows->text(i, 7);
      e.thread_url = rows->text(i, 8);
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace sala::pg
