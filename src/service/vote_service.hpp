#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/thread.hpp"
#include "store/store.hpp"

namespace sala::service {

struct VoteOutcome {
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  int my_vote = 0;
  Thread thread;
  std::int64_t score() const { return upvotes - downvotes; }
};

// Votes and reports on comments by readers known only by their fingerprint
// (see ReaderIdentity). Thread-safe; blocking; call inside a transaction.
class VoteService {
 public:
  explicit VoteService(const Clock& clock) : clock_(clock) {}

  // `value` is 1 (up), -1 (down) or 0 (retract). Repeating a vote changes nothing.
  [[nodiscard]] Result<VoteOutcome> vote(store::Store& tx, CommentId id,
                                         const std::string& voter, int value) const;

  [[nodiscard]] Result<void> report(store::Store& tx, CommentId id, const std::string& reporter,
                                    std::string_view reason) const;

 private:
  const Clock& clock_;
};

}  // namespace sala::service
