// Crash safety: SIGKILL the server at a random moment while clients post
// as fast as they can, then check on the SQLite file itself that every
// comment acknowledged with 201 is there, with its text, and that the
// database is intact. Twenty rounds on one file, then a last restart that
// reads everything back over HTTP.

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "integration/sala_server.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {
namespace {

namespace bj = boost::json;
using std::chrono::milliseconds;

constexpr int kRounds = 20;
constexpr int kClients = 4;
constexpr int kMinKillMs = 100;
constexpr int kMaxKillMs = 600;

struct Acked {
  std::int64_t id = 0;
  std::string body;
};

// Direct access to the server's database while the server is down.
class Database {
 public:
  explicit Database(const std::string& path) {
    // Read-write: opening replays or discards the WAL the crash left, as the
    // next server start would.
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Every row of `sql`, each as its columns' text.
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = sqlite3_column_text(stmt, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      out.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return out;
  }

  // The stored Markdown of every comment, by id.
  std::map<std::int64_t, std::string> bodies() {
    std::map<std::int64_t, std::string> out;
    for (auto& row : rows("SELECT id, body_markdown FROM comments")) {
      out.emplace(std::stoll(row[0]), std::move(row[1]));
    }
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string thread_key(int round) { return "crash-round-" + std::to_string(round); }

// Posts until the connection dies; returns what the server acknowledged.
// `error` is set for anything other than 201, 503 or the kill.
std::vector<Acked> post_until_killed(std::uint16_t port, int round, int client,
                                     const std::atomic<bool>& is_killed, std::string& error) {
  std::vector<Acked> acked;
  HttpConnection c(port, std::chrono::seconds(10));
  for (int seq = 0;; ++seq) {
    const std::string body =
        "round " + std::to_string(round) + " client " + std::to_string(client) + " comment " + std::to_string(seq);
    const std::string json = bj::serialize(
        bj::object{{"site", "news"}, {"thread", thread_key(round)}, {"author", "Crash Tester"}, {"body", body}});
    const HttpResponse r = c.post("/api/v1/comments", json);
    if (r.status == 201) {
      const auto id = int_at(bj::parse(r.body), "comment.id");
      if (id <= 0) error = "a 201 without an id: " + r.body;
      acked.push_back({id, body});
      continue;
    }
    if (r.status == 503) continue;  // overloaded is an allowed answer; nothing was promised
    if (r.status == 0 && is_killed.load()) return acked;
    error = "client " + std::to_string(client) + ": " + r.describe();
    return acked;
  }
}

// Pages through a thread with `next`; returns the ids seen.
std::vector<std::int64_t> read_thread_over_http(std::uint16_t port, const std::string& thread) {
  std::vector<std::int64_t> ids;
  HttpConnection c(port);
  std::string after;
  for (int page = 0; page < 10'000; ++page) {
    std::string target = "/api/v1/comments?site=news&thread=" + thread + "&sort=oldest&limit=100";
    if (!after.empty()) target += "&after=" + after;
    const HttpResponse r = c.get(target);
    if (r.status != 200) {
      ADD_FAILURE() << target << ": " << r.describe();
      break;
    }
    const bj::value v = bj::parse(r.body);
    for (const auto& comment : member(v, "comments").get_array()) ids.push_back(int_at(comment, "id"));
    after = string_at(v, "next");
    if (after.empty()) break;
  }
  return ids;
}

TEST(CrashTest, AcknowledgedCommentsSurviveSigkill) {
  TempDir dir;
  const std::string db_path = dir.file("crash.db");
  const std::string config = dir.file("sala.toml");
  // Posting limits off: this test posts as fast as it can from one address.
  std::ofstream(config) << "reader_posts_per_hour = 0\nthread_posts_per_minute = 0\nposts_per_minute = 0\n"
                           "[[sites]]\nid = \"news\"\norigins = [\"https://news.example\"]\n";
  const unsigned seed = std::random_device{}();
  RecordProperty("seed", static_cast<int>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after(kMinKillMs, kMaxKillMs);

  std::vector<std::vector<Acked>> acked_by_round(kRounds);
  std::size_t total_acked = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    StartedServer server = start_sala_server(dir.path(), "serve-" + std::to_string(round), db_path,
                                             {"--config", config});
    ASSERT_NE(server.port, 0);

    std::atomic<bool> is_killed{false};
    std::vector<std::vector<Acked>> acked(kClients);
    std::vector<std::string> errors(kClients);
    std::vector<std::thread> clients;
    for (int n = 0; n < kClients; ++n) {
      clients.emplace_back([&, n] { acked[n] = post_until_killed(server.port, round, n, is_killed, errors[n]); });
    }
    // The random moment of the crash is the experiment, not a synchronisation.
    std::this_thread::sleep_for(milliseconds(kill_after(rng)));
    is_killed = true;
    const ProcessExit killed = server.process->kill();
    for (auto& t : clients) t.join();
    EXPECT_TRUE(killed.is_signal && killed.value == SIGKILL)
        << "the server ended before the kill: " << killed.describe() << "\n" << server.process->logs();
    for (const auto& e : errors) EXPECT_TRUE(e.empty()) << e;
    for (auto& list : acked) {
      acked_by_round[round].insert(acked_by_round[round].end(), list.begin(), list.end());
    }
    total_acked += acked_by_round[round].size();

    Database db(db_path);
    const auto integrity = db.rows("PRAGMA integrity_check");
    ASSERT_EQ(integrity.size(), 1U);
    ASSERT_EQ(integrity[0][0], "ok");
    const auto stored = db.bodies();
    std::size_t lost = 0;
    std::string first_lost;
    for (int r = 0; r <= round; ++r) {
      for (const Acked& a : acked_by_round[r]) {
        const auto it = stored.find(a.id);
        if (it != stored.end() && it->second == a.body) continue;
        if (lost++ == 0) {
          first_lost = "comment " + std::to_string(a.id) + " (\"" + a.body + "\") is " +
                       (it == stored.end() ? "missing" : "changed to \"" + it->second + "\"");
        }
      }
    }
    EXPECT_EQ(lost, 0U) << first_lost;
    EXPECT_GE(stored.size(), total_acked);
    // The denormalized count must have committed with the rows it counts.
    for (const auto& row : db.rows("SELECT t.key, t.comment_count, (SELECT count(*) FROM comments c "
                                   "WHERE c.thread = t.id AND c.state = 'approved') FROM threads t")) {
      EXPECT_EQ(row[1], row[2]) << "thread " << row[0] << " counts " << row[1] << " but holds " << row[2];
    }
    if (HasFatalFailure() || lost > 0) return;
  }
  EXPECT_GT(total_acked, static_cast<std::size_t>(kRounds)) << "too few comments to prove anything";

  // The server comes back on the crashed file and serves all of it.
  StartedServer server = start_sala_server(dir.path(), "serve-final", db_path, {"--config", config});
  ASSERT_NE(server.port, 0);
  for (int round = 0; round < kRounds; ++round) {
    const auto listed = read_thread_over_http(server.port, thread_key(round));
    const std::set<std::int64_t> ids(listed.begin(), listed.end());
    EXPECT_EQ(ids.size(), listed.size()) << "round " << round << ": paging repeats comments";
    std::size_t missing = 0;
    for (const Acked& a : acked_by_round[round]) missing += ids.count(a.id) == 0 ? 1 : 0;
    EXPECT_EQ(missing, 0U) << "round " << round << ": acknowledged comments missing over HTTP";
  }
  const auto done = server.process->terminate(std::chrono::seconds(15));
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->is_clean()) << done->describe() << "\n" << server.process->logs();
  std::cout << "[ crash    ] " << total_acked << " acknowledged comments over " << kRounds
            << " kills, none lost\n";
}

}  // namespace
}  // namespace sala::test
