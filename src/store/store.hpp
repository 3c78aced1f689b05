#pragma once

#include <functional>
#include <memory>

#include "store/account_repo.hpp"
#include "store/change_feed.hpp"
#include "store/comment_repo.hpp"
#include "store/digest_repo.hpp"
#include "store/feed_repo.hpp"
#include "store/outbox_repo.hpp"
#include "store/read_scope.hpp"
#include "store/moderation_repo.hpp"
#include "store/reader_data_repo.hpp"
#include "store/reader_signin_repo.hpp"
#include "store/report_repo.hpp"
#include "store/secret_repo.hpp"
#include "store/site_repo.hpp"
#include "store/subscription_repo.hpp"
#include "store/thread_repo.hpp"
#include "store/transfer_repo.hpp"
#include "store/vote_repo.hpp"

namespace sala::store {

// The whole persistence boundary. app/ picks a backend once; no other code
// names one.
//
// Methods block, never throw, and are thread-safe on the top-level Store.
// A lost connection is Errc::unavailable, a unique violation Errc::conflict,
// anything else Errc::internal with the driver's message in `detail`.
class Store {
 public:
  virtual ~Store() = default;

  virtual SiteRepo& sites() = 0;
  virtual ThreadRepo& threads() = 0;
  virtual CommentRepo& comments() = 0;
  virtual VoteRepo& votes() = 0;
  virtual ReportRepo& reports() = 0;
  virtual SecretRepo& secrets() = 0;
  virtual FeedRepo& feeds() = 0;
  virtual SubscriptionRepo& subscriptions() = 0;
  virtual OutboxRepo& outbox() = 0;
  virtual AccountRepo& accounts() = 0;
  virtual ModerationRepo& moderation() = 0;
  virtual TransferRepo& transfers() = 0;
  virtual DigestRepo& digests() = 0;
  virtual ReaderDataRepo& reader_data() = 0;
  virtual ReaderSigninRepo& reader_signins() = 0;

  // Runs `work` in one write transaction: commits (durably) if it succeeds,
  // rolls back if it returns an error. `tx` is bound to that transaction and
  // must not escape `work`. Requires: not called on a transaction's Store.
  [[nodiscard]] virtual Result<void> transact(
      const std::function<Result<void>(Store& tx)>& work) = 0;

  // Inside a transaction: runs `work` under a savepoint, undoing only its own
  // changes if it fails. Lets many requests share one commit (see BatchWriter).
  // Requires: called on a transaction's Store.
  [[nodiscard]] virtual Result<void> savepoint(
      const std::function<Result<void>(Store& tx)>& work) = 0;

  // Tells the other Sala processes that share this database that a thread
  // changed, when (and only if) the current transaction or savepoint commits;
  // at top level, at once. This process learns nothing from it: it has
  // already acted on its own write. A no-op where no other process can
  // write (SQLite).
  [[nodiscard]] virtual Result<void> announce(const ThreadChange& change) = 0;

  // Starts delivering the changes other processes announce. nullptr where
  // there are none to watch (SQLite). Requires: not called on a
  // transaction's Store.
  [[nodiscard]] virtual Result<std::unique_ptr<ChangeFeed>> watch(ChangeHandlers handlers) = 0;

  // Where to read `scope` from: a read replica that has replayed every write
  // to it this process made or was told of (announce, watch), when one is
  // configured and has; otherwise this Store. Only the answer's reads may be
  // used, and only for `scope`. A transaction's Store, and SQLite, answer
  // *this. Thread-safe; the answer lives as long as this Store.
  [[nodiscard]] virtual Store& reads_of(const ReadScope& scope) = 0;
};

}  // namespace sala::store
