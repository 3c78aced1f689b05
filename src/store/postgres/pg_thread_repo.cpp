#include "store/postgres/comment_rows.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {



Result<std::optional<Thread>> one_thread(Result<Rows> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Thread>{};
  return std::optional<Thread>{read_thread(*rows, 0)};
}

}  // namespace

Result<std::optional<Thread>> PgThreadRepo::find(const SiteId& site, const std::string& key) {
  return read<std::optional<Thread>>(access_, [&](Connection& c) {
    return one_thread(c.query("SELECT " SALA_THREAD_COLUMNS " FROM threads WHERE site = $1 AND key = $2",
                              Params().add(site.value).add(key)));
  });
}

Result<std::optional<Thread>> PgThreadRepo::get(ThreadId id) {
  return read<std::optional<Thread>>(access_, [&](Connection& c) {
    return one_thread(
        c.query("SELECT " SALA_THREAD_COLUMNS " FROM threads WHERE id = $1", Params().add(id.value)));
  });
}

Result<Thread> PgThreadRepo::find_or_create(const NewThread& thread) {
  return write<Thread>(access_, [&](Connection& c) -> Result<Thread> {
    // Two instances creating the same thread at once: the loser's insert
    // waits for the winner, then does nothing, and the select sees the row.
    auto inserted = run(c,
                        "INSERT INTO threads (site, key, title, url, created) "
                        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site, key) DO NOTHING",
                        Params()
                            .add(thread.site.value)
                            .add(thread.key)
                            .add(thread.title)
                            .add(thread.url)
                            .add(thread.created.ms));
    if (!inserted) return inserted.error();
    auto found = one_thread(c.query("SELECT " SALA_THREAD_COLUMNS " FROM threads WHERE site = $1 AND key = $2",
                                    Params().add(thread.site.value).add(thread.key)));
    if (!found) return found.error();
    if (!*found) return Error::internal("thread vanished after insert");
    return std::move(**found);
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> PgThreadRepo::counts(
    const SiteId& site, const std::vector<std::string>& keys) {
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  return read<Counts>(access_, [&](Connection& c) -> Result<Counts> {
    // One round trip for all keys, answered in the order asked.
    auto rows = c.query(
        "SELECT k.key, t.comment_count FROM unnest($2::text[]) WITH ORDINALITY AS k(key, n) "
        "JOIN threads t ON t.site = $1 AND t.key = k.key ORDER BY k.n",
        Params().add(site.value).add_text_array(keys));
    if (!rows) return rows.error();
    Counts out;
    for (int i = 0; i < rows->size(); ++i) out.emplace_back(rows->text(i, 0), rows->int64(i, 1));
    return out;
  });
}

Result<void> PgThreadRepo::add_to_count(ThreadId id, std::int64_t delta,
                                        std::optional<Timestamp> at) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "UPDATE threads SET comment_count = comment_count + $1, "
               "last_comment_at = coalesce($2::bigint, last_comment_at) WHERE id = $3",
               Params()
                   .add(delta)
                   .add(at ? std::optional<std::int64_t>(at->ms) : std::nullopt)
                   .add(id.value));
  });
}

Result<void> PgThreadRepo::set_closed(ThreadId id, bool is_closed) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "UPDATE threads SET closed = $1 WHERE id = $2", Params().add(is_closed).add(id.value));
  });
}

Result<std::vector<ThreadActivity>> PgThreadRepo::most_discussed(const SiteId& site,
                                                                Timestamp since, int limit) {
  using List = std::vector<ThreadActivity>;
  return read<List>(access_, [&](Connection& c) -> Result<List> {
    auto rows = c.query(
        "SELECT t.key, t.title, t.url, t.comment_count, count(*) AS recent "
        "FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE c.created >= $1 AND c.state = 'approved' AND t.site = $2 "
        "GROUP BY t.id ORDER BY recent DESC, max(c.created) DESC, t.id DESC LIMIT $3",
        Params().add(since.ms).add(site.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    List out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->text(i, 0), rows->text(i, 1), rows->text(i, 2), rows->int64(i, 3),
                     rows->int64(i, 4)});
    }
    return out;
  });
}

}  // namespace sala::pg
