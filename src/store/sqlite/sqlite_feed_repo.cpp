#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {

#define SALA_FEED_COLUMNS                                                                   \
  "c.id, c.parent, c.author_name, c.body_html, c.created, c.edited, t.key, t.title, t.url"

store::FeedEntry read_entry(const Statement& s) {
  store::FeedEntry e;
  e.id = CommentId{s.int64(0)};
  if (auto parent = s.optional_int64(1)) e.parent = CommentId{*parent};
  e.author_name = s.text(2);
  e.body_html = s.text(3);
  e.created = Timestamp{s.int64(4)};
  if (auto edited = s.optional_int64(5)) e.edited = Timestamp{*edited};
  e.thread_key = s.text(6);
  e.thread_title = s.text(7);
  e.thread_url = s.text(8);
  return e;
}

}  // namespace

Result<std::vector<store::FeedEntry>> SqliteFeedRepo::recent(
    const SiteId& site, const std::optional<std::string>& thread_key, int limit) {
  return read<std::vector<store::FeedEntry>>(
      access_, [&](Connection& c) -> Result<std::vector<store::FeedEntry>> {
        // Two fixed statements: a thread's feed walks its own index, a site's
        // walks comments by time across its threads.
        auto st = thread_key
                      ? c.prepare("SELECT " SALA_FEED_COLUMNS " FROM threads t "
                                  "JOIN comments c ON c.thread = t.id "
                                  "WHERE t.site = ?1 AND t.key = ?2 AND c.state = 'approved' "
                                  "ORDER BY c.created DESC, c.id DESC LIMIT ?3")
                      : c.prepare("SELECT " SALA_FEED_COLUMNS " FROM comments c "
                                  "JOIN threads t ON t.id = c.thread "
                                  "WHERE t.site = ?1 AND c.state = 'approved' "
                                  "ORDER BY c.created DESC, c.id DESC LIMIT ?3");
        if (!st) return st.error();
        (*st)->bind(1, site.value).bind(3, std::int64_t{limit});
        if (thread_key) (*st)->bind(2, *thread_key);
        std::vector<store::FeedEntry> out;
        for (;;) {
          auto row = (*st)->step();
          if (!row) return row.error();
          if (!*row) return out;
          out.push_back(read_entry(**st));
        }
      });
}

}  // namespace sala::sqlite
