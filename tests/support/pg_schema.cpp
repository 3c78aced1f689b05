#include "support/pg_schema.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

namespace sala::test {
namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

// Runs `sql` on a fresh connection to `url`; the error message on failure.
std::optional<std::string> run_sql(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::optional<std::string> error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

std::string with_query(const std::string& url, const std::string& item) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + item;
}

}  // namespace

std::optional<PgSchema> PgSchema::create(std::string& why_not, bool& must_fail) {
  must_fail = env_set("SALA_TEST_REQUIRE_PG") || env_set("CI");
  if (!env_set("SALA_TEST_PG_URL")) {
    why_not = must_fail ? "SALA_TEST_PG_URL is not set, but PostgreSQL tests are required here "
                          "(SALA_TEST_REQUIRE_PG or CI is set); scripts/test.sh starts a server"
                        : "PostgreSQL tests skipped: SALA_TEST_PG_URL is not set. Run "
                          "eval \"$(scripts/pg-test-server.sh start)\" first, or scripts/test.sh";
    return std::nullopt;
  }
  const std::string server = std::getenv("SALA_TEST_PG_URL");
  static std::atomic<int> counter{0};
  std::random_device random;
  const std::string name = "sala_t" + std::to_string(::getpid()) + "_" +
                           std::to_string(counter++) + "_" + std::to_string(random() % 1000000);
  if (auto error = run_sql(server, "CREATE SCHEMA " + name)) {
    must_fail = true;
    why_not = "SALA_TEST_PG_URL is set but the server does not answer: " + *error;
    return std::nullopt;
  }
  return PgSchema(server, name);
}

PgSchema::PgSchema(PgSchema&& other) noexcept
    : server_url_(std::move(other.server_url_)), name_(std::move(other.name_)) {
  other.name_.clear();
}

PgSchema::~PgSchema() {
  if (!name_.empty()) (void)run_sql(server_url_, "DROP SCHEMA " + name_ + " CASCADE");
}

std::string PgSchema::url(const std::string& extra) const { return url_on(server_url_, extra); }

std::string PgSchema::url_on(const std::string& server, const std::string& extra) const {
  // libpq decodes %3D back to '=': options=-c search_path=NAME
  std::string out = with_query(server, "options=-csearch_path%3D" + name_);
  if (!extra.empty()) out = with_query(out, extra);
  return out;
}

bool PgSchema::exec(const std::string& sql) const {
  auto error = run_sql(url(), sql);
  if (error) ADD_FAILURE() << sql << ": " << *error;
  return !error;
}

}  // namespace sala::test
