#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "store/change_feed.hpp"
#include "store/postgres/wal_position.hpp"
#include "store/read_scope.hpp"

namespace sala::pg {

// How far into the primary's write-ahead log the last write to each thread
// reaches, as far as this process knows: its own commits and what other
// instances announced. A replica that has replayed up to a thread's
// position shows that thread as the primary does. Positions only grow;
// entries a replica has passed are forgotten, so the map holds only the
// threads written within the replica's lag. Thread-safe.
class WritePositions {
 public:
  void record(const store::ThreadChange& change, WalPosition at);
  // Anything may have changed up to `at`: at start, or after announcements
  // were missed.
  void record_everything(WalPosition at);
  // A write whose position could not be read: every read goes to the
  // primary until the next record_everything.
  void pin_everything();

  // The position a replica must have replayed to serve reads of `scope`.
  WalPosition required(const store::ReadScope& scope) const;
  // Forgets what a replica that has replayed up to `replayed` no longer needs.
  void forget_up_to(WalPosition replayed);

 private:
  void raise(WalPosition& slot, WalPosition at) { slot = slot > at ? slot : at; }

  mutable std::mutex mutex_;
  WalPosition floor_ = 0;  // every thread
  bool is_pinned_ = false;
  std::map<std::string, WalPosition> sites_;  // any thread of the site
  std::map<std::pair<std::string, std::string>, WalPosition> threads_;  // (site, key)
};

}  // namespace sala::pg
