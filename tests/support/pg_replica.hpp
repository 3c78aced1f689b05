#pragma once

// The streaming replica that scripts/pg-test-server.sh starts next to the
// test server (SALA_TEST_PG_REPLICA_URL), under the same rule as
// support/pg_schema.hpp: skipped when PostgreSQL tests were not asked for,
// failed when they were (SALA_TEST_REQUIRE_PG, CI) and the replica is
// missing or does not answer.
//
// Tests that pause its replay must not run beside each other: give them the
// ctest RESOURCE_LOCK pg_replica.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace sala::test {

class PgReplica {
 public:
  // nullopt when there is none to use; then `why_not` says why and
  // `must_fail` whether the test must fail rather than skip.
  static std::optional<PgReplica> find(std::string& why_not, bool& must_fail);

  const std::string& server_url() const { return url_; }

  // Stops and restarts applying the primary's log; false (and a test failure)
  // if the replica refuses. pause() returns once replay has stopped.
  bool pause() const;
  bool resume() const;
  // Waits until the replica has applied everything `primary` had written
  // when called.
  bool catch_up(const std::string& primary, std::chrono::milliseconds timeout) const;
  // The first column of the first row of `sql` run on `server`; nullopt
  // (and a test failure) on an error.
  static std::optional<std::string> value(const std::string& server, const std::string& sql);

 private:
  explicit PgReplica(std::string url) : url_(std::move(url)) {}
  std::string url_;
};

}  // namespace sala::test
