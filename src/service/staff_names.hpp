#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace sala::service {

// The names readers may not take: every staff account's, compared by
// confusable skeleton, so "SaIa Desk" or "sala-desk" cannot pass for the
// moderator "Sala Desk". The list is re-read every few seconds. Thread-safe.
class StaffNames {
 public:
  explicit StaffNames(const Clock& clock) : clock_(clock) {}

  // 422 "author_reserved" when `name` looks like a staff name.
  [[nodiscard]] Result<void> check(store::Store& store, std::string_view name);

 private:
  const Clock& clock_;
  std::mutex mutex_;
  std::set<std::string> skeletons_;
  std::int64_t loaded_at_ms_ = -1;
};

}  // namespace sala::service
