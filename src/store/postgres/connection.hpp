#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "store/postgres/params.hpp"
#include "store/postgres/rows.hpp"

struct pg_conn;
struct pg_result;

namespace sala::pg {

// One libpq connection with its prepared statements. Used by one thread at
// a time (the pool lends it out), so the statement cache needs no lock.
class Connection {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (BEGIN/COMMIT, savepoints, migrations; may
  // hold several statements).
  [[nodiscard]] Result<void> exec(std::string_view sql);
  // Runs a statement with bound parameters, prepared on first use and kept
  // by its text. `sql` must be a literal, never built from input.
  [[nodiscard]] Result<Rows> query(std::string_view sql, const Params& params = {});

  // The connection is gone (the server went away or restarted); drop it.
  bool is_broken() const;
  bool in_transaction() const;
  // The SQLSTATE of the last statement that failed on the server, "" after
  // a success.
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  pg_conn* handle() { return conn_; }

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Result<std::string> prepared_name(std::string_view sql, int parameter_count);
  Error failure(pg_result* result, std::string_view context);

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::string last_sqlstate_;
};

// Deadlocks and serialization failures: the transaction was chosen to give
// way and may simply run again.
bool is_retryable(std::string_view sqlstate);

}  // namespace sala::pg
