#include "service/comment_removal.hpp"

namespace sala::service {

Result<Thread> remove_comment(store::Store& tx, const Comment& comment) {
  auto thread = tx.threads().get(comment.thread);
  if (!thread) return thread.error();
  if (!*thread) return Error::internal("thread vanished during a delete");
  if (comment.state == CommentState::approved) {
    auto counted = tx.threads().add_to_count(comment.thread, -1, std::nullopt);
    if (!counted) return counted.error();
    (*thread)->comment_count -= 1;
  }
  std::optional<CommentId> current = comment.id;
  bool is_first = true;
  while (current) {
    auto children = tx.comments().child_count(*current);
    if (!children) return children.error();
    auto row = is_first ? Result<std::optional<Comment>>(std::optional<Comment>(comment))
                        : tx.comments().get(*current);
    if (!row) return row.error();
    if (!*row || (!is_first && (*row)->state != CommentState::deleted)) break;
    if (*children > 0) {
      if (is_first) {
        auto marked = tx.comments().mark_deleted(*current);
        if (!marked) return marked.error();
      }
      break;
    }
    auto erased = tx.comments().erase(*current);
    if (!erased) return erased.error();
    current = (*row)->parent;
    is_first = false;
  }
  return std::move(**thread);
}

}  // namespace sala::service
