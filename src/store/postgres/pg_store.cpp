#include <memory>
#include <vector>

#include <spdlog/spdlog.h>

#include "store/postgres/change_channel.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/open_store.hpp"
#include "store/postgres/pg_change_feed.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/replica.hpp"
#include "store/postgres/replica_store.hpp"
#include "store/postgres/repo_store.hpp"
#include "store/postgres/wal_position.hpp"
#include "store/postgres/write_positions.hpp"

namespace sala::pg {
namespace {

// A job chosen as a deadlock victim is run again this many times, under a
// fresh savepoint, before it fails with Errc::unavailable.
constexpr int kMaxAttempts = 3;

// What every Store of one database shares: where to send announcements and
// how to tell our own from others'.
struct Identity {
  std::string channel;
  std::string instance;
};

Result<void> notify(Connection& c, const Identity& identity, const store::ThreadChange& change) {
  return run(c, "SELECT pg_notify($1, $2)",
             Params().add(identity.channel).add(encode_announcement(identity.instance, change)));
}

// A Store bound to one connection while a transaction is open on it.
class TxStore final : private Access, public RepoStore {
 public:
  TxStore(Connection& c, const Identity& identity, std::vector<store::ThreadChange>& announced)
      : RepoStore(static_cast<Access&>(*this)), connection_(c), identity_(identity), announced_(announced) {}

  Result<void> transact(const std::function<Result<void>(Store&)>&) override {
    return Error::internal("transact called inside a transaction");
  }

  // PostgreSQL aborts a whole transaction on any failed statement; the
  // savepoint confines that to this job, as SQLite does without asking.
  Result<void> savepoint(const std::function<Result<void>(Store&)>& work) override {
    for (int attempt = 1;; ++attempt) {
      if (auto done = connection_.exec("SAVEPOINT request"); !done) return done.error();
      auto outcome = work(*this);
      const bool may_retry = !outcome && is_retryable(connection_.last_sqlstate());
      if (!outcome) {
        if (auto undone = connection_.exec("ROLLBACK TO request"); !undone) return undone.error();
      }
      if (auto released = connection_.exec("RELEASE request"); !released) return released.error();
      if (!may_retry || attempt == kMaxAttempts) return outcome;
    }
  }

  // NOTIFY inside the transaction: sent on commit, dropped with a rollback
  // (of the transaction, or of the savepoint it was made under). Also kept
  // for the write positions, which are read once the commit is done (one
  // that a savepoint undid costs a read from the primary, nothing worse).
  Result<void> announce(const store::ThreadChange& change) override {
    auto sent = notify(connection_, identity_, change);
    if (sent) announced_.push_back(change);
    return sent;
  }

  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers) override {
    return Error::internal("watch called inside a transaction");
  }

  Store& reads_of(const store::ReadScope&) override { return *this; }

 private:
  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override {
    return fn(connection_);
  }
  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override {
    return fn(connection_);
  }

  Connection& connection_;
  const Identity& identity_;
  std::vector<store::ThreadChange>& announced_;
};

class PgStore final : private Access, public RepoStore {
 public:
  PgStore(const OpenOptions& options, Identity identity, std::shared_ptr<WritePositions> positions,
          std::unique_ptr<Replica> replica)
      : RepoStore(static_cast<Access&>(*this)),
        pool_(options.url, options.pool_size, std::chrono::milliseconds(options.acquire_timeout_ms)),
        identity_(std::move(identity)),
        positions_(std::move(positions)),
        replica_(std::move(replica)) {
    if (replica_) replica_store_.emplace(replica_->pool(), pool_);
  }

  Result<void> transact(const std::function<Result<void>(Store&)>& work) override {
    std::vector<store::ThreadChange> announced;
    return in_transaction(
        [&](Connection& c) {
          TxStore tx(c, identity_, announced);
          return work(tx);
        },
        [&](Connection& c) { remember_writes(c, announced); });
  }

  Result<void> savepoint(const std::function<Result<void>(Store&)>&) override {
    return Error::internal("savepoint called outside a transaction");
  }

  Result<void> announce(const store::ThreadChange& change) override {
    return with_reader([&](Connection& c) -> Result<void> {
      if (auto sent = notify(c, identity_, change); !sent) return sent;
      remember_writes(c, {change});
      return {};
    });
  }

  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers handlers) override {
    return open_change_feed(pool_.url(), identity_.channel, identity_.instance, std::move(handlers),
                            replica_ ? positions_ : nullptr);
  }

  // The replica serves a scope once it has replayed the last write to it
  // that this process knows of; until then the primary does.
  Store& reads_of(const store::ReadScope& scope) override {
    if (!replica_ || !replica_->has_replayed(positions_->required(scope))) return *this;
    return *replica_store_;
  }

 private:
  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override {
    auto lease = pool_.acquire();
    if (!lease) return lease.error();
    return fn(**lease);
  }

  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override {
    return in_transaction(fn, [](Connection&) {});
  }

  // COMMIT returns once the commit is durable (synchronous_commit = on, the
  // server's default): an acknowledged write survives a crash. `committed`
  // runs after it, on the same connection.
  Result<void> in_transaction(const std::function<Result<void>(Connection&)>& fn,
                              const std::function<void(Connection&)>& committed) {
    auto lease = pool_.acquire();
    if (!lease) return lease.error();
    Connection& c = **lease;
    if (auto begun = c.exec("BEGIN"); !begun) return begun.error();
    auto outcome = fn(c);
    if (!outcome) {
      (void)c.exec("ROLLBACK");
      return outcome;
    }
    if (auto done = c.exec("COMMIT"); !done) {
      (void)c.exec("ROLLBACK");
      return done.error();
    }
    committed(c);
    return {};
  }

  // Notes where the log stands after our writes to `changes`, so reads of
  // them go to the primary until the replica has replayed that far: the
  // poster sees their comment at once.
  void remember_writes(Connection& c, const std::vector<store::ThreadChange>& changes) {
    if (!replica_ || changes.empty()) return;
    auto at = insert_position(c);
    if (!at) {
      spdlog::warn("postgres: the log position after a write is unknown ({}); reads go to the "
                   "primary until the change feed reconnects",
                   at.error().detail);
      positions_->pin_everything();
      return;
    }
    for (const auto& change : changes) positions_->record(change, *at);
  }

  Pool pool_;
  const Identity identity_;
  const std::shared_ptr<WritePositions> positions_;
  const std::unique_ptr<Replica> replica_;
  std::optional<ReplicaStore> replica_store_;
};

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<store::Store>> open_store(const OpenOptions& options) {
  if (!is_postgres_url(options.url)) {
    return Error::invalid("invalid_database", "a PostgreSQL URL starts with postgresql://");
  }
  if (!options.replica_url.empty() && !is_postgres_url(options.replica_url)) {
    return Error::invalid("invalid_database", "a read replica's URL starts with postgresql://");
  }
  auto c = Connection::open(options.url);
  if (!c) return c.error();
  if (auto done = migrate(**c); !done) return done.error();
  auto schema = (*c)->query("SELECT current_schema()");
  if (!schema) return schema.error();
  if (schema->empty() || schema->is_null(0, 0)) {
    return Error::invalid("invalid_database", "the connection has no schema to work in (search_path)");
  }
  Identity identity{channel_for_schema(schema->text(0, 0)), new_instance_id()};
  auto positions = std::make_shared<WritePositions>();
  std::unique_ptr<Replica> replica;
  if (!options.replica_url.empty()) {
    // Nothing is read from the replica before it has the schema as migrated
    // and every write made before this process started.
    auto start = insert_position(**c);
    if (!start) return start.error();
    positions->record_everything(*start);
    auto opened = Replica::open(options.replica_url, options.pool_size,
                                std::chrono::milliseconds(options.acquire_timeout_ms),
                                [positions](WalPosition replayed) { positions->forget_up_to(replayed); });
    if (!opened) return opened.error();
    replica = std::move(*opened);
  }
  return std::unique_ptr<store::Store>(
      new PgStore(options, std::move(identity), std::move(positions), std::move(replica)));
}

}  // namespace sala::pg
