// Pinned and featured comments, and each thread's own moderation settings.
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {

Result<void> set_flag(Access& access, std::string_view sql, CommentId id, bool on) {
  return write_void(access, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(sql);
    if (!st) return st.error();
    (*st)->bind(1, std::int64_t{on}).bind(2, id.value);
    if (auto done = (*st)->run(); !done) return done.error();
    if ((*st)->changes() == 0) return Error::not_found("comment");
    return {};
  });
}

std::optional<bool> optional_flag(const Statement& s, int column) {
  if (auto value = s.optional_int64(column)) return *value != 0;
  return std::nullopt;
}

std::optional<std::int64_t> as_int(std::optional<bool> flag) {
  if (flag) return std::int64_t{*flag};
  return std::nullopt;
}

}  // namespace

Result<void> SqliteModerationRepo::set_pinned(CommentId id, bool pinned) {
  return set_flag(access_, "UPDATE comments SET pinned = ? WHERE id = ?", id, pinned);
}

Result<void> SqliteModerationRepo::set_featured(CommentId id, bool featured) {
  return set_flag(access_, "UPDATE comments SET featured = ? WHERE id = ?", id, featured);
}

Result<std::int64_t> SqliteModerationRepo::pinned_count(ThreadId thread) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto st = c.prepare("SELECT count(*) FROM comments WHERE thread = ? AND pinned = 1 AND state = 'approved'");
    if (!st) return st.error();
    (*st)->bind(1, thread.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    return (*st)->int64(0);
  });
}

Result<ThreadSettings> SqliteModerationRepo::thread_settings(ThreadId thread) {
  return read<ThreadSettings>(access_, [&](Connection& c) -> Result<ThreadSettings> {
    auto st = c.prepare(
        "SELECT premoderate, premoderate_links, premoderate_first, slow_mode_seconds "
        "FROM thread_settings WHERE thread = ?");
    if (!st) return st.error();
    (*st)->bind(1, thread.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return ThreadSettings{};
    const Statement& s = **st;
    return ThreadSettings{optional_flag(s, 0), optional_flag(s, 1), optional_flag(s, 2), s.optional_int64(3)};
  });
}

Result<void> SqliteModerationRepo::save_thread_settings(ThreadId thread, const ThreadSettings& t) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO thread_settings (thread, premoderate, premoderate_links, premoderate_first, "
        "slow_mode_seconds) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (thread) DO UPDATE SET "
        "premoderate = ?2, premoderate_links = ?3, premoderate_first = ?4, slow_mode_seconds = ?5");
    if (!st) return st.error();
    (*st)->bind(1, thread.value)
        .bind(2, as_int(t.premoderate))
        .bind(3, as_int(t.premoderate_links))
        .bind(4, as_int(t.premoderate_first))
        .bind(5, t.slow_mode_seconds);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
