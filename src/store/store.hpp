#pragma once

#include <functional>

#include "store/account_repo.hpp"
#include "store/comment_repo.hpp"
#include "store/moderation_repo.hpp"
#include "store/report_repo.hpp"
#include "store/secret_repo.hpp"
#include "store/site_repo.hpp"
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
  virtual AccountRepo& accounts() = 0;
  virtual ModerationRepo& moderation() = 0;
  virtual TransferRepo& transfers() = 0;

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
};

}  // namespace sala::store
