#include "store/postgres/replica.hpp"

#include <spdlog/spdlog.h>

namespace sala::pg {
namespace {

// How stale the cached replay position may be before a read that needs more
// asks again. Short, because a thread just written is read again at once
// (its cached page was dropped); long enough that a burst of such reads
// costs the replica one question, not one each.
constexpr auto kRefresh = std::chrono::milliseconds(10);
// After a failed question, the replica is left alone this long.
constexpr auto kAfterFailure = std::chrono::seconds(1);

}  // namespace

Result<std::unique_ptr<Replica>> Replica::open(const std::string& url, std::size_t pool_size,
                                               std::chrono::milliseconds acquire_timeout,
                                               std::function<void(WalPosition)> replayed) {
  auto c = Connection::open(url);
  if (!c) {
    Error e = c.error();
    e.detail = "read replica: " + e.detail;
    return e;
  }
  auto position = replay_position(**c);
  if (!position) return position.error();
  return std::unique_ptr<Replica>(new Replica(url, pool_size, acquire_timeout, std::move(replayed), *position));
}

bool Replica::has_replayed(WalPosition position) {
  if (position <= replayed_.load()) return true;
  {
    std::lock_guard lock(mutex_);
    if (is_asking_ || std::chrono::steady_clock::now() - asked_ < kRefresh) return false;
    is_asking_ = true;
  }
  std::optional<WalPosition> now;
  if (auto lease = pool_.acquire(); lease) {
    auto asked = replay_position(**lease);
    if (asked) {
      now = *asked;
    } else {
      spdlog::warn("read replica: {}", asked.error().detail);
    }
  } else {
    spdlog::warn("read replica: {}", lease.error().detail);
  }
  {
    std::lock_guard lock(mutex_);
    is_asking_ = false;
    asked_ = std::chrono::steady_clock::now() + (now ? std::chrono::milliseconds(0) : kAfterFailure);
  }
  if (!now) return false;
  WalPosition seen = replayed_.load();
  while (seen < *now && !replayed_.compare_exchange_weak(seen, *now)) {
  }
  if (on_replayed_) on_replayed_(*now);
  return position <= replayed_.load();
}

}  // namespace sala::pg
