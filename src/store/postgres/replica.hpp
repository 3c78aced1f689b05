#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/error.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/wal_position.hpp"

namespace sala::pg {

// A read replica: a hot standby streaming from the primary, its connection
// pool, and how far it has replayed the primary's log. The replayed position
// is asked at most once per refresh interval and cached in between; a cached
// position is a lower bound (replay only moves forward), so trusting it is
// always safe, merely sometimes too careful. Thread-safe.
class Replica {
 public:
  // Connects once to check the server is a standby. `replayed` is told each
  // newly read position.
  [[nodiscard]] static Result<std::unique_ptr<Replica>> open(
      const std::string& url, std::size_t pool_size, std::chrono::milliseconds acquire_timeout,
      std::function<void(WalPosition)> replayed);

  // Whether the replica has replayed up to `position`. Asks the replica when
  // the cached answer is no and older than the refresh interval (and nobody
  // else is asking); an unreachable replica is simply not caught up.
  bool has_replayed(WalPosition position);

  Pool& pool() { return pool_; }

 private:
  Replica(const std::string& url, std::size_t pool_size, std::chrono::milliseconds acquire_timeout,
          std::function<void(WalPosition)> replayed, WalPosition now)
      : pool_(url, pool_size, acquire_timeout), on_replayed_(std::move(replayed)), replayed_(now) {}

  Pool pool_;
  const std::function<void(WalPosition)> on_replayed_;
  std::atomic<WalPosition> replayed_;
  std::mutex mutex_;  // guards the two below
  std::chrono::steady_clock::time_point asked_{};
  bool is_asking_ = false;
};

}  // namespace sala::pg
