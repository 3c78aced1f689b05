// Pinned and featured comments, and each thread's own moderation settings.
#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {

Result<void> set_flag(Access& access, std::string_view sql, CommentId id, bool on) {
  return write_void(access, [&](Connection& c) -> Result<void> {
    auto rows = c.query(sql, Params().add(on).add(id.value));
    if (!rows) return rows.error();
    if (rows->affected() == 0) return Error::not_found("comment");
    return {};
  });
}

std::optional<bool> optional_flag(const Rows& r, int column) {
  if (r.is_null(0, column)) return std::nullopt;
  return r.boolean(0, column);
}

Params& add_flag(Params& params, std::optional<bool> flag) {
  return flag ? params.add(*flag) : params.add_null();
}

}  // namespace

Result<void> PgModerationRepo::set_pinned(CommentId id, bool pinned) {
  return set_flag(access_, "UPDATE comments SET pinned = $1 WHERE id = $2", id, pinned);
}

Result<void> PgModerationRepo::set_featured(CommentId id, bool featured) {
  return set_flag(access_, "UPDATE comments SET featured = $1 WHERE id = $2", id, featured);
}

Result<std::int64_t> PgModerationRepo::pinned_count(ThreadId thread) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto rows = c.query("SELECT count(*) FROM comments WHERE thread = $1 AND pinned AND state = 'approved'",
                        Params().add(thread.value));
    if (!rows) return rows.error();
    return rows->int64(0, 0);
  });
}

Result<ThreadSettings> PgModerationRepo::thread_settings(ThreadId thread) {
  return read<ThreadSettings>(access_, [&](Connection& c) -> Result<ThreadSettings> {
    auto rows = c.query(
        "SELECT premoderate, premoderate_links, premoderate_first, slow_mode_seconds "
        "FROM thread_settings WHERE thread = $1",
        Params().add(thread.value));
    if (!rows) return rows.error();
    if (rows->empty()) return ThreadSettings{};
    return ThreadSettings{optional_flag(*rows, 0), optional_flag(*rows, 1), optional_flag(*rows, 2),
                          rows->optional_int64(0, 3)};
  });
}

Result<void> PgModerationRepo::save_thread_settings(ThreadId thread, const ThreadSettings& t) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    Params params;
    params.add(thread.value);
    add_flag(params, t.premoderate);
    add_flag(params, t.premoderate_links);
    add_flag(params, t.premoderate_first);
    params.add(t.slow_mode_seconds);
    auto rows = c.query(
        "INSERT INTO thread_settings (thread, premoderate, premoderate_links, premoderate_first, "
        "slow_mode_seconds) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (thread) DO UPDATE SET "
        "premoderate = $2, premoderate_links = $3, premoderate_first = $4, slow_mode_seconds = $5",
        params);
    if (!rows) return rows.error();
    return {};
  });
}

}  // namespace sala::pg
