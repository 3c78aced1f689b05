#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala::store {

// One approved comment as a feed shows it, with its thread.
struct FeedEntry {
  CommentId id;
  std::optional<CommentId> parent;
  std::string author_name;
  std::string body_html;  // sanitized when written
  Timestamp created;
  std::optional<Timestamp> edited;
  std::string thread_key;
  std::string thread_title;
  std::string thread_url;
};

// Recent comments for Atom feeds.
class FeedRepo {
 public:
  virtual ~FeedRepo() = default;

  // The newest approved comments of a site, or of one thread of it when
  // `thread_key` is set: newest first, at most `limit`. Pending, spam,
  // rejected and deleted comments never appear.
  [[nodiscard]] virtual Result<std::vector<FeedEntry>> recent(
      const SiteId& site, const std::optional<std::string>& thread_key, int limit) = 0;
};

}  // namespace sala::store
