#include "service/post_throttle.hpp"

#include <chrono>

namespace sala::service {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Error too_many(std::int64_t seconds) {
  return Error::rate_limited("rate_limited", "too many comments at once; please wait a moment", seconds);
}

std::string thread_bucket(const SiteId& site, const std::string& thread_key) {
  return site.value + '\n' + thread_key;
}

}  // namespace

PostThrottle::PostThrottle(PostLimits limits)
    : limits_(limits),
      // In milliseconds: in whole hours, 20 tokens over 120 an hour would round to a period of 0.
      reader_(limits.reader_burst,
              std::chrono::milliseconds(hours(1)) * limits.reader_burst / std::max(1, limits.reader_per_hour)),
      thread_(limits.thread_per_minute, minutes(1)),
      total_(limits.total_per_minute, minutes(1)),
      reports_(10, hours(1)) {}

int PostThrottle::recent_posts(const SiteId& site, const std::string& thread_key, Timestamp now) {
  if (limits_.thread_per_minute <= 0) return 0;
  return static_cast<int>(thread_.spent(thread_bucket(site, thread_key), now) + 0.5);
}

Result<void> PostThrottle::admit_report(const std::string& fingerprint, Timestamp now) {
  if (auto wait = reports_.take(fingerprint, now)) {
    return Error::rate_limited("rate_limited", "too many reports at once; please wait a while", wait);
  }
  return {};
}

Result<void> PostThrottle::admit(const std::string& fingerprint, const SiteId& site,
                                 const std::string& thread_key, Timestamp now) {
  // The cheapest refusal first: one busy reader must not spend the thread's allowance.
  if (limits_.reader_per_hour > 0 && !fingerprint.empty()) {
    if (auto wait = reader_.take(fingerprint, now)) return too_many(wait);
  }
  if (limits_.thread_per_minute > 0) {
    if (auto wait = thread_.take(thread_bucket(site, thread_key), now)) return too_many(wait);
  }
  if (limits_.total_per_minute > 0) {
    if (auto wait = total_.take("", now)) return too_many(wait);
  }
  return {};
}

}  // namespace sala::service
