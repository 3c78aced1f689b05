#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<int> SqliteVoteRepo::get(CommentId comment, const std::string& voter) {
  return read<int>(access_, [&](Connection& c) -> Result<int> {
    auto st = c.prepare("SELECT value FROM votes WHERE comment = ? AND voter = ?");
    if (!st) return st.error();
    (*st)->bind(1, comment.value).bind_blob(2, voter);
    auto row = (*st)->step();
    if (!row) return row.error();
    return *row ? static_cast<int>((*st)->int64(0)) : 0;
  });
}

Result<int> SqliteVoteRepo::put(CommentId comment, const std::string& voter, int value) {
  // The single writer connection makes the read and the change one step.
  return write<int>(access_, [&](Connection& c) -> Result<int> {
    auto old = c.prepare("SELECT value FROM votes WHERE comment = ? AND voter = ?");
    if (!old) return old.error();
    (*old)->bind(1, comment.value).bind_blob(2, voter);
    auto row = (*old)->step();
    if (!row) return row.error();
    const int previous = *row ? static_cast<int>((*old)->int64(0)) : 0;
    if (previous == value) return previous;
    auto st = value == 0
                  ? c.prepare("DELETE FROM votes WHERE comment = ? AND voter = ?")
                  : c.prepare("INSERT INTO votes (comment, voter, value) VALUES (?, ?, ?) "
                              "ON CONFLICT (comment, voter) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    (*st)->bind(1, comment.value).bind_blob(2, voter);
    if (value != 0) (*st)->bind(3, std::int64_t{value});
    if (auto done = (*st)->run(); !done) return done.error();
    return previous;
  });
}

}  // namespace sala::sqlite
