#include "store/postgres/write_positions.hpp"

#include <limits>

namespace sala::pg {
namespace {

// Past this many threads written within the replica's lag (a replica far
// behind, or gone), the per-thread detail is folded into one floor: reads
// then wait for the replica as a whole, and memory stays bounded.
constexpr std::size_t kMaxThreads = 100'000;

template <class Map>
void erase_passed(Map& map, WalPosition replayed) {
  for (auto it = map.begin(); it != map.end();) {
    it = it->second <= replayed ? map.erase(it) : std::next(it);
  }
}

}  // namespace

void WritePositions::record(const store::ThreadChange& change, WalPosition at) {
  std::lock_guard lock(mutex_);
  raise(sites_[change.site.value], at);
  raise(threads_[{change.site.value, change.thread_key}], at);
  if (threads_.size() > kMaxThreads) {
    for (const auto& [site, position] : sites_) raise(floor_, position);
    sites_.clear();
    threads_.clear();
  }
}

void WritePositions::record_everything(WalPosition at) {
  std::lock_guard lock(mutex_);
  if (is_pinned_) {
    floor_ = at;
    is_pinned_ = false;
  } else {
    raise(floor_, at);
  }
}

void WritePositions::pin_everything() {
  std::lock_guard lock(mutex_);
  is_pinned_ = true;
  floor_ = std::numeric_limits<WalPosition>::max();
}

WalPosition WritePositions::required(const store::ReadScope& scope) const {
  std::lock_guard lock(mutex_);
  WalPosition out = floor_;
  if (scope.thread_keys.empty()) {
    if (auto it = sites_.find(scope.site.value); it != sites_.end() && it->second > out) out = it->second;
    return out;
  }
  for (const auto& key : scope.thread_keys) {
    if (auto it = threads_.find({scope.site.value, key}); it != threads_.end() && it->second > out) {
      out = it->second;
    }
  }
  return out;
}

void WritePositions::forget_up_to(WalPosition replayed) {
  std::lock_guard lock(mutex_);
  erase_passed(sites_, replayed);
  erase_passed(threads_, replayed);
}

}  // namespace sala::pg
