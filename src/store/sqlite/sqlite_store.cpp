#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/open_store.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {

// The repositories of one Store, all reaching connections through one Access.
struct RepoSet {
  explicit RepoSet(Access& a)
      : sites(a), threads(a), comments(a), votes(a), reports(a), secrets(a), accounts(a),
        moderation(a), feeds(a), subscriptions(a), outbox(a), transfers(a), digests(a), reader_data(a),
        reader_signins(a) {}
  SqliteSiteRepo sites;
  SqliteThreadRepo threads;
  SqliteCommentRepo comments;
  SqliteVoteRepo votes;
  SqliteReportRepo reports;
  SqliteSecretRepo secrets;
  SqliteAccountRepo accounts;
  SqliteModerationRepo moderation;
  SqliteFeedRepo feeds;
  SqliteSubscriptionRepo subscriptions;
  SqliteOutboxRepo outbox;
  SqliteTransferRepo transfers;
  SqliteDigestRepo digests;
  SqliteReaderDataRepo reader_data;
  SqliteReaderSigninRepo reader_signins;
};

Result<void> configure(Connection& c, const OpenOptions& options, bool is_writer) {
  const std::string busy = "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms);
  for (std::string_view pragma :
       {std::string_view(busy), std::string_view("PRAGMA foreign_keys = ON"),
        // Deleted comments are overwritten on disk, not left in free pages.
        std::string_view("PRAGMA secure_delete = ON")}) {
    if (auto done = c.exec(pragma); !done) return done.error();
  }
  if (is_writer) {
    if (auto done = c.exec("PRAGMA journal_mode = WAL"); !done) return done.error();
    if (auto done = c.exec(options.synchronous_full ? "PRAGMA synchronous = FULL"
                                                    : "PRAGMA synchronous = NORMAL");
        !done) {
      return done.error();
    }
  } else if (auto done = c.exec("PRAGMA query_only = ON"); !done) {
    return done.error();
  }
  return {};
}

// A Store bound to the writer connection while a transaction is open.
class TxStore final : public store::Store, private Access {
 public:
  explicit TxStore(Connection& c) : connection_(c), repos_(*this) {}

  store::SiteRepo& sites() override { return repos_.sites; }
  store::ThreadRepo& threads() override { return repos_.threads; }
  store::CommentRepo& comments() override { return repos_.comments; }
  store::VoteRepo& votes() override { return repos_.votes; }
  store::ReportRepo& reports() override { return repos_.reports; }
  store::SecretRepo& secrets() override { return repos_.secrets; }
  store::FeedRepo& feeds() override { return repos_.feeds; }
  store::SubscriptionRepo& subscriptions() override { return repos_.subscriptions; }
  store::OutboxRepo& outbox() override { return repos_.outbox; }
  store::AccountRepo& accounts() override { return repos_.accounts; }
  store::ModerationRepo& moderation() override { return repos_.moderation; }
  store::TransferRepo& transfers() override { return repos_.transfers; }
  store::DigestRepo& digests() override { return repos_.digests; }
  store::ReaderDataRepo& reader_data() override { return repos_.reader_data; }
  store::ReaderSigninRepo& reader_signins() override { return repos_.reader_signins; }

  Result<void> transact(const std::function<Result<void>(Store&)>&) override {
    return Error::internal("transact called inside a transaction");
  }

  // One process owns a SQLite database: there is no one else to tell.
  Result<void> announce(const store::ThreadChange&) override { return {}; }
  Store& reads_of(const store::ReadScope&) override { return *this; }
  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers) override {
    return Error::internal("watch called inside a transaction");
  }

  Result<void> savepoint(const std::function<Result<void>(Store&)>& work) override {
    if (auto done = connection_.exec("SAVEPOINT request"); !done) return done.error();
    auto outcome = work(*this);
    if (!outcome) {
      auto undone = connection_.exec("ROLLBACK TO request");
      if (!undone) return undone.error();
    }
    if (auto released = connection_.exec("RELEASE request"); !released) return released.error();
    return outcome;
  }

 private:
  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override {
    auto outcome = fn(connection_);
    connection_.reset_statements();
    return outcome;
  }
  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override {
    return with_reader(fn);
  }

  Connection& connection_;
  RepoSet repos_;
};

class SqliteStore final : public store::Store, private Access {
 public:
  SqliteStore(OpenOptions options, std::unique_ptr<Connection> writer)
      : options_(std::move(options)), writer_(std::move(writer)), repos_(*this) {}

  store::SiteRepo& sites() override { return repos_.sites; }
  store::ThreadRepo& threads() override { return repos_.threads; }
  store::CommentRepo& comments() override { return repos_.comments; }
  store::VoteRepo& votes() override { return repos_.votes; }
  store::ReportRepo& reports() override { return repos_.reports; }
  store::SecretRepo& secrets() override { return repos_.secrets; }
  store::FeedRepo& feeds() override { return repos_.feeds; }
  store::SubscriptionRepo& subscriptions() override { return repos_.subscriptions; }
  store::OutboxRepo& outbox() override { return repos_.outbox; }
  store::AccountRepo& accounts() override { return repos_.accounts; }
  store::ModerationRepo& moderation() override { return repos_.moderation; }
  store::TransferRepo& transfers() override { return repos_.transfers; }
  store::DigestRepo& digests() override { return repos_.digests; }
  store::ReaderDataRepo& reader_data() override { return repos_.reader_data; }
  store::ReaderSigninRepo& reader_signins() override { return repos_.reader_signins; }

  Result<void> transact(const std::function<Result<void>(Store&)>& work) override {
    std::lock_guard lock(writer_mutex_);
    return in_transaction(*writer_, [&](Connection& c) {
      TxStore tx(c);
      return work(tx);
    });
  }

  Result<void> savepoint(const std::function<Result<void>(Store&)>&) override {
    return Error::internal("savepoint called outside a transaction");
  }

  Result<void> announce(const store::ThreadChange&) override { return {}; }
  Store& reads_of(const store::ReadScope&) override { return *this; }
  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers) override {
    return std::unique_ptr<store::ChangeFeed>();
  }

 private:
  // BEGIN IMMEDIATE takes the write lock up front, so a transaction never
  // fails half-way on a lock upgrade. COMMIT returns after the fsync.
  static Result<void> in_transaction(Connection& c,
                                     const std::function<Result<void>(Connection&)>& fn) {
    if (auto begun = c.exec("BEGIN IMMEDIATE"); !begun) return begun.error();
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

  Result<void> with_writer(const std::function<Result<void>(Connection&)>& fn) override {
    std::lock_guard lock(writer_mutex_);
    return in_transaction(*writer_, fn);
  }

  Result<void> with_reader(const std::function<Result<void>(Connection&)>& fn) override {
    auto reader = borrow_reader();
    if (!reader) return reader.error();
    auto outcome = fn(**reader);
    (*reader)->reset_statements();
    if ((*reader)->in_transaction()) (void)(*reader)->exec("ROLLBACK");
    return_reader(std::move(*reader));
    return outcome;
  }

  Result<std::unique_ptr<Connection>> borrow_reader() {
    {
      std::lock_guard lock(readers_mutex_);
      if (!readers_.empty()) {
        auto c = std::move(readers_.back());
        readers_.pop_back();
        return c;
      }
    }
    auto c = Connection::open(options_.path, false);
    if (!c) return c.error();
    if (auto done = configure(**c, options_, false); !done) return done.error();
    return std::move(*c);
  }

  void return_reader(std::unique_ptr<Connection> c) {
    std::lock_guard lock(readers_mutex_);
    readers_.push_back(std::move(c));
  }

  OpenOptions options_;
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;
  RepoSet repos_;
};

}  // namespace

Result<std::unique_ptr<store::Store>> open_store(const OpenOptions& options) {
  auto writer = Connection::open(options.path, false);
  if (!writer) return writer.error();
  if (auto done = configure(**writer, options, true); !done) return done.error();
  if (auto done = migrate(**writer); !done) return done.error();
  return std::unique_ptr<store::Store>(new SqliteStore(options, std::move(*writer)));
}

}  // namespace sala::sqlite
