#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// One article's discussion, named by the key the page gives (its canonical
// path or a publisher's id), unique within its site.
struct Thread {
  ThreadId id;
  SiteId site;
  std::string key;
  std::string title;
  std::string url;
  bool is_closed = false;
  std::int64_t comment_count = 0;  // approved comments, kept in step by the store
  Timestamp created;
  std::optional<Timestamp> last_comment_at;
};

// How much a thread was discussed lately ("most discussed" lists).
struct ThreadActivity {
  std::string key;
  std::string title;
  std::string url;
  std::int64_t comment_count = 0;  // approved comments, all time
  std::int64_t recent_count = 0;   // approved comments since the time asked about
};

struct NewThread {
  SiteId site;
  std::string key;
  std::string title;
  std::string url;
  Timestamp created;
};

}  // namespace sala
