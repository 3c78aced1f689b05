#include "store/store_backends.hpp"

#include <optional>

#include "store/postgres/open_store.hpp"
#include "store/sqlite/open_store.hpp"
#include "support/pg_schema.hpp"

namespace sala::test {
namespace {

// A PostgreSQL store that owns its test schema and drops it after closing.
class SchemaStore final : public store::Store {
 public:
  SchemaStore(PgSchema schema, std::unique_ptr<store::Store> inner)
      : schema_(std::move(schema)), inner_(std::move(inner)) {}

  store::SiteRepo& sites() override { return inner_->sites(); }
  store::ThreadRepo& threads() override { return inner_->threads(); }
  store::CommentRepo& comments() override { return inner_->comments(); }
  store::VoteRepo& votes() override { return inner_->votes(); }
  store::ReportRepo& reports() override { return inner_->reports(); }
  store::SecretRepo& secrets() override { return inner_->secrets(); }
  store::AccountRepo& accounts() override { return inner_->accounts(); }
  store::ModerationRepo& moderation() override { return inner_->moderation(); }
  store::FeedRepo& feeds() override { return inner_->feeds(); }
  store::SubscriptionRepo& subscriptions() override { return inner_->subscriptions(); }
  store::OutboxRepo& outbox() override { return inner_->outbox(); }
  store::TransferRepo& transfers() override { return inner_->transfers(); }
  store::DigestRepo& digests() override { return inner_->digests(); }
  store::ReaderDataRepo& reader_data() override { return inner_->reader_data(); }
  store::ReaderSigninRepo& reader_signins() override { return inner_->reader_signins(); }
  Result<void> transact(const std::function<Result<void>(Store&)>& work) override {
    return inner_->transact(work);
  }
  Result<void> savepoint(const std::function<Result<void>(Store&)>& work) override {
    return inner_->savepoint(work);
  }
  Result<void> announce(const store::ThreadChange& change) override {
    return inner_->announce(change);
  }
  Result<std::unique_ptr<store::ChangeFeed>> watch(store::ChangeHandlers handlers) override {
    return inner_->watch(std::move(handlers));
  }
  Store& reads_of(const store::ReadScope& scope) override { return inner_->reads_of(scope); }

 private:
  PgSchema schema_;                      // dropped last,
  std::unique_ptr<store::Store> inner_;  // after the store's connections close
};

}  // namespace

std::unique_ptr<store::Store> open_temp_sqlite_store(const TempDir& dir, std::string& why_not,
                                                     bool& must_fail) {
  auto store = sqlite::open_store({.path = dir.file("contract.db")});
  if (!store) {
    why_not = "sqlite: " + store.error().detail;
    must_fail = true;
    return nullptr;
  }
  return std::move(*store);
}

std::unique_ptr<store::Store> open_sqlite_for_test(const TempDir& dir) {
  std::string why_not;
  bool must_fail = false;
  return open_temp_sqlite_store(dir, why_not, must_fail);
}

std::unique_ptr<store::Store> open_temp_postgres_store(const TempDir&, std::string& why_not,
                                                       bool& must_fail) {
  auto schema = PgSchema::create(why_not, must_fail);
  if (!schema) return nullptr;
  auto store = pg::open_store({.url = schema->url()});
  if (!store) {
    why_not = "postgres: " + store.error().detail;
    must_fail = true;
    return nullptr;
  }
  return std::make_unique<SchemaStore>(std::move(*schema), std::move(*store));
}

}  // namespace sala::test
