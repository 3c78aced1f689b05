#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "store/sqlite/statement.hpp"

struct sqlite3;

namespace sala::sqlite {

// One sqlite3 handle with its prepared-statement cache. Used by one thread at
// a time (the store hands connections out), so the cache needs no lock.
class Connection {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(const std::string& path,
                                                                bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (pragmas, BEGIN/COMMIT, migrations).
  [[nodiscard]] Result<void> exec(std::string_view sql);
  // A cached statement for `sql`, reset and ready to bind. `sql` must be a
  // literal: the cache is keyed by its text.
  [[nodiscard]] Result<Statement*> prepare(std::string_view sql);
  // Resets every statement handed out since the last call. A statement left
  // mid-result would hold its read snapshot open and hide later commits.
  void reset_statements();
  bool in_transaction() const;
  std::int64_t last_insert_id() const;
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  std::vector<Statement*> in_use_;
};

// Maps a SQLite result code to an Error: busy/locked and I/O failures are
// unavailable (retrying may help), constraint violations conflicts.
Error sqlite_error(int code, std::string_view context, sqlite3* db);

}  // namespace sala::sqlite
