#include "core/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace sala {

RateLimiter::RateLimiter(int burst, std::chrono::milliseconds period, std::size_t max_keys)
    : burst_(std::max(1, burst)),
      ms_per_token_(static_cast<double>(period.count()) / std::max(1, burst)),
      max_keys_(max_keys) {}

double RateLimiter::refill(Bucket& bucket, std::int64_t now_ms) const {
  const auto elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - bucket.at_ms));
  bucket.tokens = std::min(burst_, bucket.tokens + elapsed / ms_per_token_);
  bucket.at_ms = std::max(bucket.at_ms, now_ms);
  return bucket.tokens;
}

void RateLimiter::forget_full(std::int64_t now_ms) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = refill(it->second, now_ms) >= burst_ ? buckets_.erase(it) : std::next(it);
  }
}

double RateLimiter::spent(const std::string& key, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return 0.0;
  return burst_ - refill(it->second, now.ms);
}

std::int64_t RateLimiter::take(const std::string& key, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) forget_full(now.ms);
    // Still full of keys that are all busy: refuse rather than grow without bound.
    if (buckets_.size() >= max_keys_) return static_cast<std::int64_t>(std::ceil(ms_per_token_ / 1000.0));
    it = buckets_.emplace(key, Bucket{burst_, now.ms}).first;
  }
  Bucket& bucket = it->second;
  if (refill(bucket, now.ms) >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  const double wait_ms = (1.0 - bucket.tokens) * ms_per_token_;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait_ms / 1000.0)));
}

}  // namespace sala
