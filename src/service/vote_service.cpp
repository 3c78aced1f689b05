#include "service/vote_service.hpp"

#include "core/text.hpp"

namespace sala::service {
namespace {

constexpr std::size_t kMaxReason = 500;

Result<Comment> visible_comment(store::Store& tx, CommentId id) {
  auto comment = tx.comments().get(id);
  if (!comment) return comment.error();
  if (!*comment || (*comment)->state != CommentState::approved) return Error::not_found("comment");
  return std::move(**comment);
}

}  // namespace

Result<VoteOutcome> VoteService::vote(store::Store& tx, CommentId id, const std::string& voter,
                                      int value) const {
  if (value < -1 || value > 1) return Error::invalid("invalid_vote", "value must be 1, -1 or 0");
  auto comment = visible_comment(tx, id);
  if (!comment) return comment.error();
  auto previous = tx.votes().put(id, voter, value);
  if (!previous) return previous.error();
  if (*previous != value) {
    const std::int64_t up = (value == 1) - (*previous == 1);
    const std::int64_t down = (value == -1) - (*previous == -1);
    auto counted = tx.comments().add_votes(id, up, down);
    if (!counted) return counted.error();
    comment->upvotes += up;
    comment->downvotes += down;
  }
  auto thread = tx.threads().get(comment->thread);
  if (!thread) return thread.error();
  if (!*thread) return Error::internal("thread vanished during a vote");
  if (*previous != value) {
    auto announced = tx.announce({(*thread)->site, (*thread)->key, std::nullopt});
    if (!announced) return announced.error();
  }
  return VoteOutcome{comment->upvotes, comment->downvotes, value, std::move(**thread)};
}

Result<void> VoteService::report(store::Store& tx, CommentId id, const std::string& reporter,
                                 std::string_view reason) const {
  auto cleaned = text::clean_line(reason, "reason", kMaxReason);
  if (!cleaned) return cleaned.error();
  if (cleaned->empty()) return Error::unprocessable("reason_required", "say why you report this comment");
  auto comment = visible_comment(tx, id);
  if (!comment) return comment.error();
  return tx.reports().add({id, reporter, *cleaned, clock_.now()});
}

}  // namespace sala::service
