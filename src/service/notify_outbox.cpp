#include "service/notify_outbox.hpp"

namespace sala::service {

Result<void> NotifyOutbox::comment_stored(store::Store& tx, const Comment& comment) const {
  if (!enabled_) return {};
  switch (comment.state) {
    case CommentState::approved:
      return tx.outbox().add_event(NotifyEventKind::comment_visible, comment.id.value, clock_.now());
    case CommentState::pending:
      return tx.outbox().add_event(NotifyEventKind::comment_pending, comment.id.value, clock_.now());
    default:
      // Spam, rejected and deleted comments never cause mail.
      return {};
  }
}

Result<void> NotifyOutbox::comment_became_visible(store::Store& tx, CommentId comment) const {
  if (!enabled_) return {};
  return tx.outbox().add_event(NotifyEventKind::comment_visible, comment.value, clock_.now());
}

}  // namespace sala::service
