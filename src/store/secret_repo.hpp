#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"

namespace sala::store {

// Server-side keys (the daily reader-fingerprint key, the avatar key, the
// sites' reader-token keys), shared
// by every instance that uses the same database.
class SecretRepo {
 public:
  virtual ~SecretRepo() = default;

  // The stored value for `name`, storing `candidate` first if there is none,
  // so concurrent callers all end up with the same key.
  [[nodiscard]] virtual Result<std::string> get_or_put(const std::string& name,
                                                       const std::string& candidate,
                                                       Timestamp now) = 0;
  // Stores `value` for `name`, replacing any older one (a key rotated by the operator).
  [[nodiscard]] virtual Result<void> put(const std::string& name, const std::string& value, Timestamp now) = 0;
  [[nodiscard]] virtual Result<std::optional<std::string>> find(const std::string& name) = 0;
  // Deletes the keys whose name starts with `prefix` created before `before`.
  [[nodiscard]] virtual Result<void> erase_older(const std::string& prefix, Timestamp before) = 0;
};

}  // namespace sala::store
