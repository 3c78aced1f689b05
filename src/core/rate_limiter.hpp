#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.hpp"

namespace sala {

// Token buckets by key (a reader's fingerprint, a thread, "all"): each key
// may spend `burst` at once and regains one token every `period / burst`.
// In memory and per process: several instances each enforce their own
// limit, which multiplies the allowance by the instance count but never
// blocks a reader because another instance is busy. Memory stays bounded:
// past `max_keys`, buckets that have refilled completely are forgotten (a
// full bucket and no bucket mean the same). Thread-safe.
class RateLimiter {
 public:
  RateLimiter(int burst, std::chrono::milliseconds period, std::size_t max_keys = 100'000);

  // Spends one token of `key`. 0 when allowed; otherwise the whole seconds
  // (at least 1) until a token is back, and nothing is spent.
  std::int64_t take(const std::string& key, Timestamp now);
  // The tokens of `key` spent and not yet regained at `now`: about how many
  // times it was taken over the last period. Spends nothing.
  double spent(const std::string& key, Timestamp now);

 private:
  struct Bucket {
    double tokens;
    std::int64_t at_ms;
  };
  double refill(Bucket& bucket, std::int64_t now_ms) const;
  void forget_full(std::int64_t now_ms);

  const double burst_;
  const double ms_per_token_;
  const std::size_t max_keys_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sala
