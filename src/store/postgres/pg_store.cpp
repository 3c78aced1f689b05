#include <memory>

#include "store/postgres/change_channel.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/open_store.hpp"
#include "store/postgres/pg_change_feed.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {

// A job chosen as a deadlock victim is run again this many times, under a
// fresh savepoint, before it fails with Errc::unavailable.
constexpr int kMaxAttempts = 3;

// The repositories of one Store, all reaching connections through one Access.
struct RepoSet {
  explicit RepoSet(Access& a)
      : sites(a), threads(a), comments(a), votes(a), reports(a), secrets(a), accounts(a),
        moderation(a), feeds(a), subscriptions(a), outbox(a), transfers(a), digests(a), reader_data(a) {}
  PgSiteRepo sites;
  PgThreadRepo threads;
  PgCommentRepo comments;
  PgVoteRepo votes;
  PgReportRepo reports;
  PgSecretRepo secrets;
  PgAccountRepo accounts;
  PgModerationRepo moderation;
  PgFeedRepo feeds;
  PgSubscriptionRepo subscriptions;
  PgOutboxRepo outbox;
  PgTransferRepo transfers;
  PgDigestRepo digests;
  PgReaderDataRepo reader_data;
};

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
class TxStore final : public store::Store, private Access {
 public:
  TxStore(Connection& c, const Identity& identity)
      : connection_(c), identity_(identity), repos_(*this) {}

  store::SiteRepo& sites() override { return repos_.sites; }
  store::ThreadRepo& threads() override { return repos_.threads; }
  store::CommentRepo& comments() override { return repos_.comments; }
  store::VoteRepo& votes() override { return repos_.votes; }
  store::ReportRepo& reports() override { return repos_.reports; }
  store::SecretRepo& secrets() override { return repos_.secrets; }
  store::AccountRepo& accounts() override { return repos_.accounts; }
  store::ModerationRepo& moderation() override { return repos_.moderation; }
  store::FeedRepo& feeds() override { return repos_.feeds; }
  store::SubscriptionRepo& subscriptions() override { return repos_.subscriptions; }
  store::OutboxRepo& outbox() override { return repos_.outbox; }
  store::TransferRepo& transfers() override { return repos_.transfers; }
  store::DigestRepo& digests() override { return repos_.digests; }
  store::ReaderDataRepo& reader_data() override { return repos_.reader_data; }

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
  // (of the transaction, or of the savepoint it was made under).
  Result<void> announce(const store::ThreadChange& change) override {
    return notify(connection_, identity_, change);
  }

  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers) override {
    return Error::internal("watch called inside a transaction");
  }

 private:
  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override {
    return fn(connection_);
  }
  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override {
    return fn(connection_);
  }

  Connection& connection_;
  const Identity& identity_;
  RepoSet repos_;
};

class PgStore final : public store::Store, private Access {
 public:
  PgStore(const OpenOptions& options, Identity identity)
      : pool_(options.url, options.pool_size, std::chrono::milliseconds(options.acquire_timeout_ms)),
        identity_(std::move(identity)),
        repos_(*this) {}

  store::SiteRepo& sites() override { return repos_.sites; }
  store::ThreadRepo& threads() override { return repos_.threads; }
  store::CommentRepo& comments() override { return repos_.comments; }
  store::VoteRepo& votes() override { return repos_.votes; }
  store::ReportRepo& reports() override { return repos_.reports; }
  store::SecretRepo& secrets() override { return repos_.secrets; }
  store::AccountRepo& accounts() override { return repos_.accounts; }
  store::ModerationRepo& moderation() override { return repos_.moderation; }
  store::FeedRepo& feeds() override { return repos_.feeds; }
  store::SubscriptionRepo& subscriptions() override { return repos_.subscriptions; }
  store::OutboxRepo& outbox() override { return repos_.outbox; }
  store::TransferRepo& transfers() override { return repos_.transfers; }
  store::DigestRepo& digests() override { return repos_.digests; }
  store::ReaderDataRepo& reader_data() override { return repos_.reader_data; }

  Result<void> transact(const std::function<Result<void>(Store&)>& work) override {
    return with_writer([&](Connection& c) {
      TxStore tx(c, identity_);
      return work(tx);
    });
  }

  Result<void> savepoint(const std::function<Result<void>(Store&)>&) override {
    return Error::internal("savepoint called outside a transaction");
  }

  Result<void> announce(const store::ThreadChange& change) override {
    return with_reader([&](Connection& c) { return notify(c, identity_, change); });
  }

  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers handlers) override {
    return open_change_feed(pool_.url(), identity_.channel, identity_.instance, std::move(handlers));
  }

 private:
  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override {
    auto lease = pool_.acquire();
    if (!lease) return lease.error();
    return fn(**lease);
  }

  // COMMIT returns once the commit is durable (synchronous_commit = on, the
  // server's default): an acknowledged write survives a crash.
  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override {
    auto lease = pool_.acquire();
    if (!lease) return lease.error();
    Connection& c = **lease;
    if (auto begun = c.exec("BEGIN"); !begun) return begun.error();
    auto outcome = fn(c);
    if (!outcome) {
      (void)c.exec("ROLLBACK");
      return outcome;
    }
    if (auto committed = c.exec("COMMIT"); !committed) {
      (void)c.exec("ROLLBACK");
      return committed.error();
    }
    return {};
  }

  Pool pool_;
  const Identity identity_;
  RepoSet repos_;
};

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<store::Store>> open_store(const OpenOptions& options) {
  if (!is_postgres_url(options.url)) {
    return Error::invalid("invalid_database", "a PostgreSQL URL starts with postgresql://");
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
  return std::unique_ptr<store::Store>(new PgStore(options, std::move(identity)));
}

}  // namespace sala::pg
