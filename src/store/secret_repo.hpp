#pragma once

#include <string>

#include "core/error.hpp"
#include "core/time.hpp"

namespace sala::store {

// Server-side keys (the daily reader-fingerprint key, the avatar key), shared
// by every instance that uses the same database.
class SecretRepo {
 public:
  virtual ~SecretRepo() = default;

  // The stored value for `name`, storing `candidate` first if there is none,
  // so concurrent callers all end up with the same key.
  [[nodiscard]] virtual Result<std::string> get_or_put(const std::string& name,
                                                       const std::string& candidate,
                                                       Timestamp now) = 0;
  // Deletes the keys whose name starts with `prefix` created before `before`.
  [[nodiscard]] virtual Result<void> erase_older(const std::string& prefix, Timestamp before) = 0;
};

}  // namespace sala::store
