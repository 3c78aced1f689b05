// Pinning and featuring: ModerationService::mark.
#include "service/moderation_service.hpp"

namespace sala::service {
namespace {

std::string action_name(CommentMark mark, bool on) {
  const std::string verb = mark == CommentMark::pinned ? "pin" : "feature";
  return on ? verb : "un" + verb;
}

// Why `comment` cannot take the mark, if it cannot.
Result<void> check_markable(store::Store& tx, const Comment& comment, CommentMark mark, bool on) {
  if (!on) return {};
  if (comment.state != CommentState::approved) {
    return Error::unprocessable("comment_not_approved", "only published comments can be pinned or featured");
  }
  if (mark != CommentMark::pinned || comment.pinned) return {};
  if (comment.parent) return Error::unprocessable("pin_top_level_only", "only top-level comments can be pinned");
  auto pinned = tx.moderation().pinned_count(comment.thread);
  if (!pinned) return pinned.error();
  if (*pinned >= kMaxPinnedPerThread) {
    return Error::conflict("too_many_pinned", "a thread has at most " + std::to_string(kMaxPinnedPerThread) +
                                                  " pinned comments; unpin one first");
  }
  return {};
}

}  // namespace

Result<Marked> ModerationService::mark(store::Store& tx, const Account& who, CommentId id, CommentMark mark,
                                       bool on, const std::string& raw_reason) const {
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  auto target = comment_to_moderate(tx, who, id);
  if (!target) return target.error();
  if (auto markable = check_markable(tx, target->comment, mark, on); !markable) return markable.error();

  auto set = mark == CommentMark::pinned ? tx.moderation().set_pinned(id, on) : tx.moderation().set_featured(id, on);
  if (!set) return set.error();
  (mark == CommentMark::pinned ? target->comment.pinned : target->comment.featured) = on;
  const Thread& thread = target->thread;
  if (auto logged = record(tx, who, thread.site, action_name(mark, on), "comment " + std::to_string(id.value), *reason);
      !logged) {
    return logged.error();
  }
  if (auto announced = tx.announce({thread.site, thread.key, std::nullopt}); !announced) return announced.error();
  return std::move(*target);
}

}  // namespace sala::service
