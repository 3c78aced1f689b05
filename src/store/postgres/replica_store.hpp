#pragma once

#include "store/postgres/pool.hpp"
#include "store/postgres/repo_store.hpp"

namespace sala::pg {

// The Store that PgStore::reads_of answers when the replica has caught up:
// its repositories read from the replica's pool, and from the primary's when
// no replica connection can be had. Writing through it is a programming
// error, refused with Errc::internal.
class ReplicaStore final : private Access, public RepoStore {
 public:
  ReplicaStore(Pool& replica, Pool& primary)
      : RepoStore(static_cast<Access&>(*this)), replica_(replica), primary_(primary) {}

  Result<void> transact(const std::function<Result<void>(Store&)>&) override;
  Result<void> savepoint(const std::function<Result<void>(Store&)>&) override;
  Result<void> announce(const store::ThreadChange&) override;
  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers) override;
  Store& reads_of(const store::ReadScope&) override { return *this; }

 private:
  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override;
  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override;

  Pool& replica_;
  Pool& primary_;
};

}  // namespace sala::pg
