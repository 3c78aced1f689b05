#include "domain/comment.hpp"

namespace sala {

std::string_view to_string(CommentState state) {
  switch (state) {
    case CommentState::approved: return "approved";
    case CommentState::pending: return "pending";
    case CommentState::spam: return "spam";
    case CommentState::rejected: return "rejected";
    case CommentState::deleted: return "deleted";
  }
  return "rejected";
}

std::optional<CommentState> parse_comment_state(std::string_view text) {
  for (auto state : {CommentState::approved, CommentState::pending, CommentState::spam,
                     CommentState::rejected, CommentState::deleted}) {
    if (to_string(state) == text) return state;
  }
  return std::nullopt;
}

}  // namespace sala
