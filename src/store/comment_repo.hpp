#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/sort.hpp"

namespace sala::store {

// One page of a thread: top-level comments in keyset order (approved ones and
// placeholder candidates: deleted comments, which always have replies) and
// every stored reply below them (and below the pinned ones), read from one
// snapshot.
struct PageQuery {
  ThreadId thread;
  Sort sort = Sort::newest;
  std::optional<PageCursor> after;  // must have the same sort
  int limit = 20;
  bool anchored_only = false;  // top-level comments with an anchor only
};

struct Page {
  // First page only: the thread's approved pinned top-level comments, oldest
  // pin first; they are never in `top_level`, on any page.
  std::vector<Comment> pinned;
  std::vector<Comment> top_level;
  std::vector<Comment> replies;
  bool has_more = false;
};

class CommentRepo {
 public:
  virtual ~CommentRepo() = default;

  // Assigns the id, or keeps `comment.id` when set (a taken id is
  // Errc::conflict), and derives root and depth from the parent, which must be
  // in the same thread (else Errc::unprocessable "parent_not_found").
  [[nodiscard]] virtual Result<CommentId> insert(const NewComment& comment) = 0;
  [[nodiscard]] virtual Result<std::optional<Comment>> get(CommentId id) = 0;
  // The stored digest of the comment's edit token (empty if it has none).
  [[nodiscard]] virtual Result<std::string> edit_token_hash(CommentId id) = 0;
  [[nodiscard]] virtual Result<Page> page(const PageQuery& query) = 0;
  // The thread's approved anchored comments in article order (start, end,
  // id), at most `limit`.
  [[nodiscard]] virtual Result<std::vector<AnchoredComment>> anchored(ThreadId thread, int limit) = 0;
  [[nodiscard]] virtual Result<void> update_body(CommentId id, const std::string& markdown,
                                                 const std::string& html, int renderer_version,
                                                 Timestamp edited) = 0;
  [[nodiscard]] virtual Result<std::int64_t> child_count(CommentId id) = 0;
  // Keeps the row as a placeholder for its replies; its text, author, email
  // and edit token are wiped.
  [[nodiscard]] virtual Result<void> mark_deleted(CommentId id) = 0;
  // Removes the row and its votes for good.
  [[nodiscard]] virtual Result<void> erase(CommentId id) = 0;
  // Adds to the vote counters in one statement, so concurrent writers cannot lose updates.
  [[nodiscard]] virtual Result<void> add_votes(CommentId id, std::int64_t up_delta,
                                               std::int64_t down_delta) = 0;
};

}  // namespace sala::store
