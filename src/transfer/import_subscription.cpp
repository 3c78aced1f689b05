// ImportWriter's subscriptions: the last records of Sala's own export.
#include "core/text.hpp"
#include "transfer/import_writer.hpp"

namespace sala::transfer {

Result<void> ImportWriter::subscription(SourceSubscription s) {
  // The file has no comment left to give, so a comment that is neither
  // imported nor skipped by now was never in it.
  settle_comments();
  const auto refused = [&](const std::string& why) {
    return Error::invalid("invalid_export", "line " + std::to_string(s.line) + ": " + why);
  };
  // A subscription is nothing but its address, so an invalid one is refused
  // rather than dropped as on a comment.
  auto email = text::clean_email(s.email);
  if (!email) return refused("the subscription's e-mail address is not valid");
  if (s.kind == SubscriptionKind::thread && s.comment_ref) {
    return refused("a thread subscription names no comment");
  }
  auto slot = threads_.find(s.thread_ref);
  if (slot == threads_.end()) return refused("the subscription's thread is not in the file");
  if (slot->second.invalid) {
    summary_.skip("subscription to a skipped thread");
    return {};
  }

  std::optional<CommentId> comment;
  if (s.comment_ref) {
    auto found = tx_.transfers().find_imported(options_.site, options_.source, *s.comment_ref);
    if (!found) return found.error();
    if (!*found) {
      if (!skipped_refs_.contains(*s.comment_ref)) return refused("the subscription's comment is not in the file");
      summary_.skip("subscription to a skipped comment");
      return {};
    }
    comment = **found;
  }
  // A thread nobody commented on yet is created for its subscribers.
  auto ready = ensure_thread(slot->second, s.created);
  if (!ready) return ready.error();
  const ThreadId thread = slot->second.stored->id;
  if (comment) {
    auto row = tx_.comments().get(*comment);
    if (!row) return row.error();
    if (!*row || (*row)->thread != thread) return refused("the subscription's comment is not in its thread");
  }

  auto recipient = tx_.subscriptions().recipient(*email, s.created);
  if (!recipient) return recipient.error();
  auto added = tx_.transfers().restore_subscription({*recipient, thread, s.kind, comment, s.created}, s.delivery);
  if (!added) return added.error();
  if (*added) {
    ++summary_.subscriptions;
  } else {
    ++summary_.subscriptions_already;
  }
  return {};
}

}  // namespace sala::transfer
