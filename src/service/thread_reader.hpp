#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "domain/comment_tree.hpp"
#include "domain/sort.hpp"
#include "domain/thread.hpp"
#include "service/comment_policy.hpp"
#include "store/store.hpp"

namespace sala::service {

struct PageRequest {
  SiteId site;
  std::string thread_key;
  Sort sort = Sort::newest;
  std::optional<PageCursor> after;
  std::optional<int> limit;
  bool anchored_only = false;  // the "Inline feedback" view
};

// The approved comments on one passage of the article: those whose anchors
// are identical (the same selection made by several readers counts once).
struct Passage {
  Anchor anchor;
  std::vector<CommentId> comments;
};

// One page of a thread as readers see it.
struct ThreadView {
  Thread thread;  // a thread with no comments yet has id 0 and only its key
  std::vector<DisplayedRoot> comments;
  std::optional<PageCursor> next;
};

// The read side of threads. Thread-safe; blocking.
class ThreadReader {
 public:
  explicit ThreadReader(CommentPolicy policy) : policy_(policy) {}

  [[nodiscard]] Result<ThreadView> page(store::Store& store, const PageRequest& request) const;

  // The thread's commented passages in article order, from at most
  // kMaxAnchoredComments comments; an unknown thread has none.
  [[nodiscard]] Result<std::vector<Passage>> passages(store::Store& store, const SiteId& site,
                                                      const std::string& thread_key) const;
  static constexpr int kMaxAnchoredComments = 5000;

  // The threads of a site with the most comments in the last `days` days
  // (1 to 365), at most `limit` (1 to 50).
  [[nodiscard]] Result<std::vector<ThreadActivity>> most_discussed(store::Store& store,
                                                                   const SiteId& site, int days,
                                                                   int limit, Timestamp now) const;

  // Approved-comment counts for many threads of one site; unknown threads count 0.
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::int64_t>>> counts(
      store::Store& store, const SiteId& site, const std::vector<std::string>& keys) const;

 private:
  CommentPolicy policy_;
};

}  // namespace sala::service
