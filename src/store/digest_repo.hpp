#pragma once

#include <chrono>
#include <vector>

#include "core/error.hpp"
#include "domain/notification.hpp"

namespace sala::store {

// Comments gathered for a subscription's next digest mail. Written in the
// transaction that handles the comment's outbox event and erased in the one
// that queues the digest, so a crash loses no comment and sends a digest at
// most twice.
class DigestRepo {
 public:
  virtual ~DigestRepo() = default;

  // Gathers `comment` for the subscription's next digest. The digest is due
  // `period` after the first comment gathered for it; later ones join it, so
  // a subscription gets at most one digest per period. Adding the same
  // comment twice changes nothing.
  [[nodiscard]] virtual Result<void> add(SubscriptionId subscription, CommentId comment,
                                         Timestamp now, std::chrono::milliseconds period) = 0;
  // Subscriptions with a digest due at `now`, oldest due first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<DueDigest>> due(Timestamp now, int limit) = 0;
  // The comments of the subscription's digest due at `now`, oldest first.
  [[nodiscard]] virtual Result<std::vector<CommentId>> comments(SubscriptionId subscription,
                                                                Timestamp now) = 0;
  // Forgets what comments() returned.
  [[nodiscard]] virtual Result<void> erase(SubscriptionId subscription, Timestamp now) = 0;
};

}  // namespace sala::store
