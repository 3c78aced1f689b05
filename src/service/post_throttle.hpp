#pragma once

#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/rate_limiter.hpp"

namespace sala::service {

// How many comments may be posted, per reader, per thread and in all. Zero
// turns a limit off (benchmarks, imports through the API).
struct PostLimits {
  int reader_burst = 20;       // posted at once by one reader...
  int reader_per_hour = 120;   // ...then one every 30 s
  int thread_per_minute = 120;
  int total_per_minute = 6000;
};

// Rate limits on posting, in front of everything else a post costs. Per
// process (see RateLimiter). Thread-safe.
class PostThrottle {
 public:
  explicit PostThrottle(PostLimits limits);

  // 429 "rate_limited" with Retry-After when any limit is reached.
  [[nodiscard]] Result<void> admit(const std::string& fingerprint, const SiteId& site,
                                   const std::string& thread_key, Timestamp now);
  // Reports: ten at once per reader, then ten an hour (429 "rate_limited").
  // Enough to flag a bad thread; not enough to bury moderators.
  // About how many comments the thread received in the last minute (on this
  // instance); 0 when the thread limit is off. What tells a thread under attack.
  int recent_posts(const SiteId& site, const std::string& thread_key, Timestamp now);
  [[nodiscard]] Result<void> admit_report(const std::string& fingerprint, Timestamp now);

 private:
  PostLimits limits_;
  RateLimiter reader_;
  RateLimiter thread_;
  RateLimiter total_;
  RateLimiter reports_;
};

}  // namespace sala::service
