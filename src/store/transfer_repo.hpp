#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/notification.hpp"
#include "domain/thread.hpp"

namespace sala::store {

// A stored comment with the one private field an export carries.
struct StoredComment {
  Comment comment;
  std::string author_email;
};

// A confirmed subscription as an export carries it: the address it goes to
// and what it follows, by the thread's key. No token: those are minted
// fresh for every mail.
struct StoredSubscription {
  SubscriptionId id;
  std::string email;
  std::string thread_key;
  SubscriptionKind kind = SubscriptionKind::thread;
  std::optional<CommentId> comment;  // replies to this comment only
  Delivery delivery = Delivery::each;
  Timestamp created;
};

// What imports and exports need beyond the request paths: where an imported
// comment came from (so imports are idempotent), and keyset walks over a
// site's threads and a thread's comments (so an export never holds a whole
// site in memory).
class TransferRepo {
 public:
  virtual ~TransferRepo() = default;

  // The comment imported into `site` from `source` (e.g. "wxr") under the
  // source's own id `ref`, if any.
  [[nodiscard]] virtual Result<std::optional<CommentId>> find_imported(
      const SiteId& site, const std::string& source, const std::string& ref) = 0;
  // Records that `comment` came from (`source`, `ref`). The record goes when
  // the comment is erased. A second record for the same (site, source, ref)
  // is Errc::conflict.
  [[nodiscard]] virtual Result<void> remember_imported(const SiteId& site,
                                                       const std::string& source,
                                                       const std::string& ref,
                                                       CommentId comment) = 0;
  // The site's threads with an id above `after`, in id order, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<Thread>> threads_after(const SiteId& site,
                                                                  ThreadId after, int limit) = 0;
  // Every comment of the thread, whatever its state, with an id above
  // `after`, in id order, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<StoredComment>> comments_after(ThreadId thread,
                                                                          CommentId after,
                                                                          int limit) = 0;
  // The site's confirmed subscriptions with an id above `after`, in id
  // order, at most `limit`. Pending ones are left out: their address was
  // never proven.
  [[nodiscard]] virtual Result<std::vector<StoredSubscription>> subscriptions_after(
      const SiteId& site, SubscriptionId after, int limit) = 0;
  // Adds `subscription` already confirmed, delivered as `delivery`, as an
  // import brings it back. Returns false, changing nothing, when the
  // recipient already has the same subscription (thread, kind and comment),
  // confirmed or not: so importing twice adds nothing.
  [[nodiscard]] virtual Result<bool> restore_subscription(const NewSubscription& subscription,
                                                          Delivery delivery) = 0;
};

}  // namespace sala::store
