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

struct NewThread {
  SiteId site;
  std::string key;
  std::string title;
  std::string url;
  Timestamp created;
};

}  // namespace sala
