#pragma once

// A PostgreSQL schema of its own for one test, on the server named by
// SALA_TEST_PG_URL, dropped with everything in it when the object goes away.
// Tests that run in parallel on one server never see each other's rows.
//
// The rule for tests that need PostgreSQL:
// - scripts/test.sh (what CI runs) starts a throwaway server and sets both
//   SALA_TEST_PG_URL and SALA_TEST_REQUIRE_PG=1: a missing or unreachable
//   server then FAILS every PostgreSQL test.
// - A developer running ctest by hand without SALA_TEST_PG_URL gets those
//   tests skipped, with a message saying how to run them
//   (eval "$(scripts/pg-test-server.sh start)").
// - SALA_TEST_PG_URL set but unreachable always fails: someone asked for it.

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace sala::test {

class PgSchema {
 public:
  // nullopt when there is no server to use; then `why_not` says why and
  // `must_fail` whether the test must fail rather than skip.
  static std::optional<PgSchema> create(std::string& why_not, bool& must_fail);
  ~PgSchema();
  PgSchema(PgSchema&& other) noexcept;
  PgSchema& operator=(PgSchema&&) = delete;
  PgSchema(const PgSchema&) = delete;

  // The server URL with this schema as the search path, and `extra` (like
  // "application_name=x") added to its query.
  std::string url(const std::string& extra = "") const;
  // The same for another server holding this schema (a replica of this one).
  std::string url_on(const std::string& server, const std::string& extra = "") const;
  const std::string& name() const { return name_; }
  const std::string& server_url() const { return server_url_; }

  // Runs SQL as the test's superuser on the server; false (and a test
  // failure) if it fails. For setting up what a test needs.
  bool exec(const std::string& sql) const;

 private:
  PgSchema(std::string server_url, std::string name)
      : server_url_(std::move(server_url)), name_(std::move(name)) {}
  std::string server_url_;
  std::string name_;
};

// A fixture for tests that need a schema: skips or fails them under the
// rule above when there is no server.
class PgSchemaTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string why_not;
    bool must_fail = false;
    auto created = PgSchema::create(why_not, must_fail);
    if (created) schema_.emplace(std::move(*created));
    if (!schema_) {
      if (must_fail) GTEST_FAIL() << why_not;
      GTEST_SKIP() << why_not;
    }
  }
  std::optional<PgSchema> schema_;
};

}  // namespace sala::test
