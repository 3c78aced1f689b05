#include "store/postgres/replica_store.hpp"

#include <spdlog/spdlog.h>

namespace sala::pg {
namespace {

Error read_only(std::string_view what) {
  return Error::internal(std::string(what) + " called on the read replica's Store");
}

}  // namespace

Result<void> ReplicaStore::transact(const std::function<Result<void>(Store&)>&) {
  return read_only("transact");
}

Result<void> ReplicaStore::savepoint(const std::function<Result<void>(Store&)>&) {
  return read_only("savepoint");
}

Result<void> ReplicaStore::announce(const store::ThreadChange&) { return read_only("announce"); }

Result<std::unique_ptr<store::ChangeFeed>> ReplicaStore::watch(store::ChangeHandlers) {
  return read_only("watch");
}

Result<void> ReplicaStore::with_reader(const std::function<Result<void>(Connection&)>& fn) {
  auto lease = replica_.acquire();
  if (lease) return fn(**lease);
  // The primary has everything the replica has: slower, never staler.
  spdlog::warn("read replica: {}; reading from the primary", lease.error().detail);
  auto primary = primary_.acquire();
  if (!primary) return primary.error();
  return fn(**primary);
}

Result<void> ReplicaStore::with_writer(const std::function<Result<void>(Connection&)>&) {
  return read_only("a write");
}

}  // namespace sala::pg
