#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/ids.hpp"

namespace sala::store {

// A thread whose readers should see something new: its cached pages are
// stale, and `comment`, when set, may have just become visible.
struct ThreadChange {
  SiteId site;
  std::string thread_key;
  std::optional<CommentId> comment;
  bool operator==(const ThreadChange&) const = default;
};

// What a process does with the changes other processes on the same
// database announce (Store::announce). Both run on the feed's own thread.
struct ChangeHandlers {
  std::function<void(const ThreadChange&)> changed;
  // Changes may have been missed (the feed lost its connection and got it
  // back): whatever was cached may be stale.
  std::function<void()> missed;
};

// Delivers announced changes until destroyed; the destructor waits for a
// handler that is running.
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
};

}  // namespace sala::store
