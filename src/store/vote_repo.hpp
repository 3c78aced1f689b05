#pragma once

#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace sala::store {

// At most one vote per (comment, voter); `voter` is an opaque keyed hash.
class VoteRepo {
 public:
  virtual ~VoteRepo() = default;

  // The voter's current vote: -1, 1, or 0 for none.
  [[nodiscard]] virtual Result<int> get(CommentId comment, const std::string& voter) = 0;
  // Sets the vote to -1 or 1, or removes it with 0, and returns the vote it
  // replaced (0 for none). Reading and replacing are one step: two writers
  // changing the same vote at once each see the other's, so counters kept
  // from the difference stay exact.
  [[nodiscard]] virtual Result<int> put(CommentId comment, const std::string& voter,
                                        int value) = 0;
};

}  // namespace sala::store
