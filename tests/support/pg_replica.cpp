#include "support/pg_replica.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

namespace sala::test {
namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

// Polls `holds` every 10 ms until it is true or `timeout` passes.
template <class Check>
bool poll(Check holds, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (holds()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::optional<PgReplica> PgReplica::find(std::string& why_not, bool& must_fail) {
  must_fail = env_set("SALA_TEST_REQUIRE_PG") || env_set("CI");
  if (!env_set("SALA_TEST_PG_REPLICA_URL")) {
    why_not = must_fail ? "SALA_TEST_PG_REPLICA_URL is not set, but PostgreSQL tests are required here "
                          "(SALA_TEST_REQUIRE_PG or CI is set); scripts/pg-test-server.sh start starts "
                          "a replica with the server"
                        : "read-replica tests skipped: SALA_TEST_PG_REPLICA_URL is not set. Run "
                          "eval \"$(scripts/pg-test-server.sh start)\" first, or scripts/test.sh";
    return std::nullopt;
  }
  PgReplica replica(std::getenv("SALA_TEST_PG_REPLICA_URL"));
  PGconn* conn = PQconnectdb(replica.url_.c_str());
  const bool is_up = PQstatus(conn) == CONNECTION_OK;
  if (!is_up) why_not = std::string("SALA_TEST_PG_REPLICA_URL is set but does not answer: ") + PQerrorMessage(conn);
  PQfinish(conn);
  if (!is_up) {
    must_fail = true;
    return std::nullopt;
  }
  return replica;
}

std::optional<std::string> PgReplica::value(const std::string& server, const std::string& sql) {
  PGconn* conn = PQconnectdb(server.c_str());
  std::optional<std::string> out;
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << sql << ": " << PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
    } else if (PQntuples(r) > 0) {
      out = PQgetvalue(r, 0, 0);
    } else {
      ADD_FAILURE() << sql << ": no row";
    }
    PQclear(r);
  }
  PQfinish(conn);
  return out;
}

bool PgReplica::pause() const {
  if (!value(url_, "SELECT pg_wal_replay_pause()")) return false;
  // The startup process checks for a request before applying each record:
  // once requested, nothing more is applied, even if it has not had a
  // record to stop at yet.
  const bool paused = poll(
      [&] { return value(url_, "SELECT pg_get_wal_replay_pause_state() <> 'not paused'") == "t"; },
      std::chrono::seconds(10));
  EXPECT_TRUE(paused) << "the replica did not pause its replay";
  return paused;
}

bool PgReplica::resume() const { return value(url_, "SELECT pg_wal_replay_resume()").has_value(); }

bool PgReplica::catch_up(const std::string& primary, std::chrono::milliseconds timeout) const {
  auto target = value(primary, "SELECT pg_current_wal_insert_lsn()");
  if (!target) return false;
  const bool caught_up = poll(
      [&] {
        return value(url_, "SELECT pg_last_wal_replay_lsn() >= '" + *target + "'::pg_lsn") == "t";
      },
      timeout);
  EXPECT_TRUE(caught_up) << "the replica did not replay up to " << *target;
  return caught_up;
}

}  // namespace sala::test
