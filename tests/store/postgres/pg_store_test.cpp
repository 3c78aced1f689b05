// What only the PostgreSQL backend promises: its migrations, its behaviour
// when the server drops connections, and announcements between instances.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "store/postgres/open_store.hpp"
#include "support/pg_schema.hpp"

namespace sala {
namespace {

using namespace std::chrono_literals;

// Collects what a feed delivers, for waiting on.
struct Heard {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<store::ThreadChange> changes;
  int missed = 0;

  store::ChangeHandlers handlers() {
    return {[this](const store::ThreadChange& c) {
              std::lock_guard lock(mutex);
              changes.push_back(c);
              arrived.notify_all();
            },
            [this] {
              std::lock_guard lock(mutex);
              ++missed;
              arrived.notify_all();
            }};
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, timeout, [&] { return changes.size() >= n; });
  }
  bool wait_missed(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, timeout, [&] { return missed > 0; });
  }
};

class PgStoreTest : public test::PgSchemaTest {
 protected:
  std::unique_ptr<store::Store> open(const std::string& extra = "", std::size_t pool = 4) {
    auto s = pg::open_store({.url = schema_->url(extra), .pool_size = pool});
    EXPECT_TRUE(s) << s.error();
    return s ? std::move(*s) : nullptr;
  }
  std::string scalar(const std::string& sql) {
    PGconn* c = PQconnectdb(schema_->url().c_str());
    PGresult* r = PQexec(c, sql.c_str());
    std::string out = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    PQfinish(c);
    return out;
  }
  // Ends every server connection opened with application_name=`name`.
  void drop_connections(const std::string& name) {
    ASSERT_TRUE(schema_->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE application_name = '" + name + "'"));
  }
};

TEST_F(PgStoreTest, MigratesOnceAndRecordsTheVersion) {
  const std::string tables =
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema_->name() + "'";
  auto first = open();
  ASSERT_TRUE(first);
  const std::string after_first = scalar(tables);
  const std::string version = scalar("SELECT max(version) FROM schema_migrations");
  EXPECT_EQ(scalar("SELECT count(*) FROM schema_migrations"), version) << "one row per migration";
  EXPECT_GE(std::stoi(version), 2);
  auto second = open();
  ASSERT_TRUE(second);
  EXPECT_EQ(scalar("SELECT count(*) FROM schema_migrations"), version) << "nothing applied twice";
  EXPECT_EQ(scalar(tables), after_first);
}

TEST_F(PgStoreTest, ADatabaseFromANewerVersionIsRefused) {
  ASSERT_TRUE(open());
  ASSERT_TRUE(schema_->exec("INSERT INTO schema_migrations VALUES (999, 0)"));
  auto refused = pg::open_store({.url = schema_->url()});
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "database_too_new");
}

TEST_F(PgStoreTest, AnUnreachableServerIsUnavailable) {
  auto refused = pg::open_store({.url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::unavailable);
  EXPECT_FALSE(pg::open_store({.url = "sqlite:x.db"}));
}

TEST_F(PgStoreTest, ALostConnectionIsUnavailableThenReplaced) {
  const std::string name = "sala_lost_" + schema_->name();
  auto store = open("application_name=" + name, 1);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->sites().add({SiteId{"news"}, {}, false, {1}}));
  drop_connections(name);
  auto lost = store->sites().list();
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, Errc::unavailable);
  auto back = store->sites().list();
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->size(), 1u);
}

TEST_F(PgStoreTest, OtherInstancesHearCommittedChangesOnly) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  Heard heard_by_a, heard_by_b;
  auto feed_a = a->watch(heard_by_a.handlers());
  auto feed_b = b->watch(heard_by_b.handlers());
  ASSERT_TRUE(feed_a && *feed_a);
  ASSERT_TRUE(feed_b && *feed_b);

  const store::ThreadChange undone{SiteId{"news"}, "/undone", CommentId{1}};
  const store::ThreadChange rolled_back{SiteId{"news"}, "/rolled-back", std::nullopt};
  const store::ThreadChange kept{SiteId{"news"}, "/kept", CommentId{7}};
  ASSERT_FALSE(a->transact([&](store::Store& tx) -> Result<void> {
    if (auto done = tx.announce(rolled_back); !done) return done;
    return Error::invalid("abort", "on purpose");
  }));
  ASSERT_TRUE(a->transact([&](store::Store& tx) -> Result<void> {
    auto inner = tx.savepoint([&](store::Store& s) -> Result<void> {
      if (auto done = s.announce(undone); !done) return done;
      return Error::invalid("abort", "on purpose");
    });
    EXPECT_FALSE(inner);
    return tx.savepoint([&](store::Store& s) { return s.announce(kept); });
  }));

  ASSERT_TRUE(heard_by_b.wait_for(1, 5s));
  std::this_thread::sleep_for(200ms);  // room for anything that should not come
  {
    std::lock_guard lock(heard_by_b.mutex);
    EXPECT_EQ(heard_by_b.changes, std::vector<store::ThreadChange>{kept});
  }
  std::lock_guard lock(heard_by_a.mutex);
  EXPECT_TRUE(heard_by_a.changes.empty()) << "an instance acts on its own writes, not its echo";
}

TEST_F(PgStoreTest, AFeedThatLostItsConnectionSaysSoAndListensAgain) {
  const std::string name = "sala_feed_" + schema_->name();
  auto a = open();
  auto b = open("application_name=" + name);
  ASSERT_TRUE(a && b);
  Heard heard;
  auto feed = b->watch(heard.handlers());
  ASSERT_TRUE(feed && *feed);
  drop_connections(name);
  ASSERT_TRUE(heard.wait_missed(10s)) << "no 'missed' after the connection was dropped";
  const store::ThreadChange change{SiteId{"news"}, "/after", std::nullopt};
  // The feed may still be reconnecting: announce until it hears.
  for (int i = 0; i < 50 && !heard.wait_for(1, 100ms); ++i) ASSERT_TRUE(a->announce(change));
  std::lock_guard lock(heard.mutex);
  ASSERT_FALSE(heard.changes.empty());
  EXPECT_EQ(heard.changes.front(), change);
}

}  // namespace
}  // namespace sala
