#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {

// Retries of the insert race below; more than two means something else is wrong.
constexpr int kMaxRaces = 3;

}  // namespace

Result<int> PgVoteRepo::get(CommentId comment, const std::string& voter) {
  return read<int>(access_, [&](Connection& c) -> Result<int> {
    auto rows = c.query("SELECT value FROM votes WHERE comment = $1 AND voter = $2",
                        Params().add(comment.value).add_bytea(voter));
    if (!rows) return rows.error();
    return rows->empty() ? 0 : static_cast<int>(rows->int64(0, 0));
  });
}

Result<int> PgVoteRepo::put(CommentId comment, const std::string& voter, int value) {
  return write<int>(access_, [&](Connection& c) -> Result<int> {
    // The row lock (FOR UPDATE) makes the read and the change one step for
    // this voter, whatever other instances do. A vote that does not exist
    // yet cannot be locked: the insert's unique key decides who was first,
    // and the one who was not reads again and finds the winner's row.
    for (int attempt = 0; attempt < kMaxRaces; ++attempt) {
      auto old = c.query("SELECT value FROM votes WHERE comment = $1 AND voter = $2 FOR UPDATE",
                         Params().add(comment.value).add_bytea(voter));
      if (!old) return old.error();
      if (!old->empty()) {
        const int previous = static_cast<int>(old->int64(0, 0));
        if (previous == value) return previous;
        auto changed = value == 0
                           ? run(c, "DELETE FROM votes WHERE comment = $1 AND voter = $2",
                                 Params().add(comment.value).add_bytea(voter))
                           : run(c, "UPDATE votes SET value = $3 WHERE comment = $1 AND voter = $2",
                                 Params().add(comment.value).add_bytea(voter).add(std::int64_t{value}));
        if (!changed) return changed.error();
        return previous;
      }
      if (value == 0) return 0;
      auto inserted = c.query(
          "INSERT INTO votes (comment, voter, value) VALUES ($1, $2, $3) "
          "ON CONFLICT (comment, voter) DO NOTHING",
          Params().add(comment.value).add_bytea(voter).add(std::int64_t{value}));
      if (!inserted) return inserted.error();
      if (inserted->affected() == 1) return 0;
    }
    return Error::unavailable("postgres: a vote kept changing under us");
  });
}

}  // namespace sala::pg
