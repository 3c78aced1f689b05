#include "store/sqlite/comment_rows.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {


Result<std::optional<Thread>> one_thread(Statement& st) {
  auto row = st.step();
  if (!row) return row.error();
  if (!*row) return std::optional<Thread>{};
  return std::optional<Thread>{read_thread(st)};
}

Result<std::optional<Thread>> find_by_key(Connection& c, const SiteId& site,
                                          const std::string& key) {
  auto st = c.prepare(
      "SELECT " SALA_THREAD_COLUMNS " "
      "FROM threads WHERE site = ? AND key = ?");
  if (!st) return st.error();
  (*st)->bind(1, site.value).bind(2, key);
  return one_thread(**st);
}

}  // namespace

Result<std::optional<Thread>> SqliteThreadRepo::find(const SiteId& site, const std::string& key) {
  return read<std::optional<Thread>>(access_,
                                     [&](Connection& c) { return find_by_key(c, site, key); });
}

Result<std::optional<Thread>> SqliteThreadRepo::get(ThreadId id) {
  return read<std::optional<Thread>>(access_, [&](Connection& c) -> Result<std::optional<Thread>> {
    auto st = c.prepare(
        "SELECT " SALA_THREAD_COLUMNS " "
        "FROM threads WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    return one_thread(**st);
  });
}

Result<Thread> SqliteThreadRepo::find_or_create(const NewThread& thread) {
  return write<Thread>(access_, [&](Connection& c) -> Result<Thread> {
    auto st = c.prepare(
        "INSERT INTO threads (site, key, title, url, created) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (site, key) DO NOTHING");
    if (!st) return st.error();
    (*st)->bind(1, thread.site.value)
        .bind(2, thread.key)
        .bind(3, thread.title)
        .bind(4, thread.url)
        .bind(5, thread.created.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    auto found = find_by_key(c, thread.site, thread.key);
    if (!found) return found.error();
    if (!*found) return Error::internal("thread vanished after insert");
    return std::move(**found);
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqliteThreadRepo::counts(
    const SiteId& site, const std::vector<std::string>& keys) {
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  return read<Counts>(access_, [&](Connection& c) -> Result<Counts> {
    auto st = c.prepare("SELECT comment_count FROM threads WHERE site = ? AND key = ?");
    if (!st) return st.error();
    Counts out;
    for (const auto& key : keys) {
      (*st)->reset();
      (*st)->bind(1, site.value).bind(2, key);
      auto row = (*st)->step();
      if (!row) return row.error();
      if (*row) out.emplace_back(key, (*st)->int64(0));
    }
    return out;
  });
}

Result<void> SqliteThreadRepo::add_to_count(ThreadId id, std::int64_t delta,
                                            std::optional<Timestamp> at) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE threads SET comment_count = comment_count + ?, "
        "last_comment_at = coalesce(?, last_comment_at) WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, delta).bind(2, at ? std::optional<std::int64_t>(at->ms) : std::nullopt).bind(3, id.value);
    return (*st)->run();
  });
}

Result<void> SqliteThreadRepo::set_closed(ThreadId id, bool is_closed) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("UPDATE threads SET closed = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, std::int64_t{is_closed}).bind(2, id.value);
    return (*st)->run();
  });
}

Result<std::vector<ThreadActivity>> SqliteThreadRepo::most_discussed(const SiteId& site,
                                                                    Timestamp since, int limit) {
  using List = std::vector<ThreadActivity>;
  return read<List>(access_, [&](Connection& c) -> Result<List> {
    auto st = c.prepare(
        "SELECT t.key, t.title, t.url, t.comment_count, count(*) AS recent "
        "FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE c.created >= ? AND c.state = 'approved' AND t.site = ? "
        "GROUP BY t.id ORDER BY recent DESC, max(c.created) DESC, t.id DESC LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, since.ms).bind(2, site.value).bind(3, std::int64_t{limit});
    List out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back({(*st)->text(0), (*st)->text(1), (*st)->text(2), (*st)->int64(3), (*st)->int64(4)});
    }
  });
}

}  // namespace sala::sqlite
