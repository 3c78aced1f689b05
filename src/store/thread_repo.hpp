#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "domain/thread.hpp"

namespace sala::store {

class ThreadRepo {
 public:
  virtual ~ThreadRepo() = default;

  [[nodiscard]] virtual Result<std::optional<Thread>> find(const SiteId& site,
                                                           const std::string& key) = 0;
  [[nodiscard]] virtual Result<std::optional<Thread>> get(ThreadId id) = 0;
  // The thread named by (site, key), created with the given title and url if
  // it does not exist yet.
  [[nodiscard]] virtual Result<Thread> find_or_create(const NewThread& thread) = 0;
  // Comment counts of the named threads of one site; unknown keys are absent.
  [[nodiscard]] virtual Result<std::vector<std::pair<std::string, std::int64_t>>> counts(
      const SiteId& site, const std::vector<std::string>& keys) = 0;
  // Adds `delta` to the approved-comment count; `at` becomes the latest comment time when set.
  [[nodiscard]] virtual Result<void> add_to_count(ThreadId id, std::int64_t delta,
                                                  std::optional<Timestamp> at) = 0;
  [[nodiscard]] virtual Result<void> set_closed(ThreadId id, bool is_closed) = 0;
  // The site's threads with the most approved comments created at or after
  // `since`, most first (ties: the latest comment first); at most `limit`.
  [[nodiscard]] virtual Result<std::vector<ThreadActivity>> most_discussed(const SiteId& site,
                                                                           Timestamp since,
                                                                           int limit) = 0;
};

}  // namespace sala::store
