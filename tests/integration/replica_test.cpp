// Two `sala serve` processes on one PostgreSQL database with a streaming
// read replica (--db-replica): thread reads go to the replica once it has
// caught up, and nobody is shown a thread older than a write they could
// know of while it lags.
#include <chrono>
#include <fstream>
#include <iostream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "integration/sala_server.hpp"
#include "support/pg_replica.hpp"
#include "support/pg_schema.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {
namespace {

using namespace std::chrono_literals;

// Replication between instances goes through NOTIFY; a second is generous.
constexpr auto kPropagation = 1s;
constexpr auto kCatchUp = 10s;

class ReplicaTest : public PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::string why_not;
    bool must_fail = false;
    replica_ = PgReplica::find(why_not, must_fail);
    if (!replica_) {
      if (must_fail) GTEST_FAIL() << why_not;
      GTEST_SKIP() << why_not;
    }
    // A test that failed half-way may have left replay paused.
    ASSERT_TRUE(replica_->resume());
    ASSERT_TRUE(replica_->catch_up(schema_->server_url(), kCatchUp));  // the schema is there
    std::ofstream(config_) << "[[sites]]\nid = \"news\"\norigins = [\"https://news.example\"]\n";
    const std::vector<std::string> args{"--config", config_, "--db-replica",
                                        schema_->url_on(replica_->server_url())};
    a_ = start_sala_server_on(dir_.path(), "a", schema_->url(), args);
    ASSERT_NE(a_.port, 0);
    b_ = start_sala_server_on(dir_.path(), "b", schema_->url(), args);
    ASSERT_NE(b_.port, 0);
  }
  void TearDown() override {
    if (replica_) (void)replica_->resume();
    if (HasFailure()) {
      if (a_.process) std::cerr << "instance A:\n" << a_.process->logs() << "\n";
      if (b_.process) std::cerr << "instance B:\n" << b_.process->logs() << "\n";
    }
  }

  static boost::json::value get_json(std::uint16_t port, const std::string& target) {
    HttpConnection c(port);
    const HttpResponse r = c.get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.describe();
    return r.status == 200 ? json_of(r) : boost::json::value();
  }
  static boost::json::value page(std::uint16_t port, const std::string& thread) {
    return get_json(port, "/api/v1/comments?site=news&thread=" + thread);
  }
  static std::int64_t count(std::uint16_t port, const std::string& thread) {
    return int_at(get_json(port, "/api/v1/counts?site=news&thread=" + thread), "counts." + thread);
  }
  static std::string first_html(const boost::json::value& page) {
    const auto& comments = member(page, "comments");
    if (!comments.is_array() || comments.get_array().empty()) return "";
    return string_at(comments.get_array()[0], "html");
  }
  static std::string feed(std::uint16_t port, const std::string& thread) {
    HttpConnection c(port);
    const HttpResponse r = c.get("/api/v1/feed.atom?site=news&thread=" + thread);
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.body;
  }

  std::int64_t post(std::uint16_t port, const std::string& thread, const std::string& body) {
    HttpConnection c(port);
    const HttpResponse r = c.post("/api/v1/comments", R"({"site":"news","thread":")" + thread +
                                                          R"(","title":"A story","author":"Dara","body":")" +
                                                          body + R"("})");
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.status == 201 ? int_at(json_of(r), "comment.id") : -1;
  }

  // Changes a row on the primary behind Sala's back: no instance hears of
  // it, so it shows only in what is read from the primary.
  void change_on_primary_only(const std::string& sql) { ASSERT_TRUE(schema_->exec(sql)); }

  std::optional<PgReplica> replica_;
  TempDir dir_;
  std::string config_ = dir_.file("sala.toml");
  StartedServer a_;
  StartedServer b_;
};

TEST_F(ReplicaTest, ThreadReadsComeFromTheReplicaOnceItHasCaughtUp) {
  const std::int64_t id = post(a_.port, "/marked", "as posted");
  ASSERT_GT(id, 0);
  ASSERT_TRUE(replica_->catch_up(schema_->server_url(), kCatchUp));
  ASSERT_TRUE(replica_->pause());
  // What only the primary has from now on: a page, a count, a feed entry and
  // a title read from the primary would show it.
  change_on_primary_only("UPDATE comments SET body_html = '<p>primary only</p>' WHERE id = " +
                         std::to_string(id));
  change_on_primary_only("UPDATE threads SET comment_count = 99, title = 'Primary only' WHERE key = '/marked'");

  for (const auto port : {a_.port, b_.port}) {
    const auto p = page(port, "/marked");
    EXPECT_NE(first_html(p).find("as posted"), std::string::npos) << "port " << port << ": " << p;
    EXPECT_EQ(int_at(p, "thread.count"), 1) << p;
    EXPECT_EQ(count(port, "/marked"), 1);
    const std::string atom = feed(port, "/marked");
    EXPECT_NE(atom.find("as posted"), std::string::npos) << atom;
    EXPECT_EQ(atom.find("primary only"), std::string::npos) << atom;
    const auto popular = get_json(port, "/api/v1/popular?site=news");
    EXPECT_NE(boost::json::serialize(popular).find("A story"), std::string::npos) << popular;
  }
}

TEST_F(ReplicaTest, AWriteIsReadBackAtOnceOnBothInstancesWhileTheReplicaLags) {
  // Both instances hold the empty thread, read from the replica.
  EXPECT_EQ(int_at(page(a_.port, "/lag"), "thread.count"), 0);
  EXPECT_EQ(int_at(page(b_.port, "/lag"), "thread.count"), 0);
  EXPECT_EQ(count(b_.port, "/lag"), 0);
  ASSERT_TRUE(replica_->pause());

  const std::int64_t id = post(a_.port, "/lag", "while the replica lags");
  ASSERT_GT(id, 0);
  // The poster, on the instance that took the write, at once.
  const auto on_a = page(a_.port, "/lag");
  EXPECT_EQ(int_at(on_a, "thread.count"), 1) << on_a;
  EXPECT_NE(first_html(on_a).find("while the replica lags"), std::string::npos) << on_a;
  EXPECT_EQ(count(a_.port, "/lag"), 1);

  // The other instance, as soon as the announcement is there, and from then on.
  bool seen = wait_until(
      [&] {
        const auto p = page(b_.port, "/lag");
        return int_at(p, "thread.count") == 1 && first_html(p).find("while the replica lags") != std::string::npos;
      },
      kPropagation);
  EXPECT_TRUE(seen) << "B still serves the thread as the paused replica has it";
  EXPECT_EQ(int_at(page(b_.port, "/lag"), "thread.count"), 1);
  EXPECT_EQ(count(b_.port, "/lag"), 1);
  EXPECT_NE(feed(b_.port, "/lag").find("while the replica lags"), std::string::npos);

  // The replica really was behind all along.
  EXPECT_EQ(PgReplica::value(schema_->url_on(replica_->server_url()),
                             "SELECT count(*) FROM comments WHERE id = " + std::to_string(id)),
            "0");

  // Once it catches up, it serves the thread again (same content either way).
  ASSERT_TRUE(replica_->resume());
  ASSERT_TRUE(replica_->catch_up(schema_->server_url(), kCatchUp));
  EXPECT_EQ(int_at(page(b_.port, "/lag"), "thread.count"), 1);
}

TEST_F(ReplicaTest, AReplicaThatIsNotAStandbyIsRefusedAtStart) {
  const CommandResult wrong = run_command(
      kSalaBinary,
      {"serve", "--db", schema_->url(), "--config", config_, "--listen", "127.0.0.1:0", "--db-replica",
       schema_->url()},
      dir_.path() / "wrong", 15s);
  EXPECT_FALSE(wrong.exit.is_clean());
  EXPECT_NE(wrong.err.find("not a standby"), std::string::npos) << wrong.err;
}

}  // namespace
}  // namespace sala::test
