#pragma once

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/comment.hpp"
#include "store/store.hpp"

namespace sala::service {

// Writes the notification outbox rows that follow from a comment's state,
// inside the caller's transaction, so "the comment is visible" and "its
// notifications will be attempted" commit together or not at all. With
// notifications off it writes nothing.
class NotifyOutbox {
 public:
  NotifyOutbox(const Clock& clock, bool enabled) : clock_(clock), enabled_(enabled) {}

  bool enabled() const { return enabled_; }

  // After a comment is inserted: an approved one notifies subscribers, a
  // pending one alerts the site's moderators; spam and rejected ones do
  // nothing.
  [[nodiscard]] Result<void> comment_stored(store::Store& tx, const Comment& comment) const;

  // When a held comment becomes visible later (a moderator approves it):
  // call in the approving transaction. Requires: the comment is approved.
  [[nodiscard]] Result<void> comment_became_visible(store::Store& tx, CommentId comment) const;

 private:
  const Clock& clock_;
  bool enabled_;
};

}  // namespace sala::service
