#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

namespace sala::sqlite {

Error sqlite_error(int code, std::string_view context, sqlite3* db) {
  std::string detail = "sqlite: ";
  detail += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  detail += " [";
  detail += context.substr(0, 120);
  detail += "]";
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return Error::unavailable(std::move(detail));
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        Error e = Error::conflict("conflict", "that already exists");
        e.detail = std::move(detail);
        return e;
      }
      return Error::internal(std::move(detail));
    default:
      return Error::internal(std::move(detail));
  }
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(rc, "open " + path, db);
    sqlite3_close(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  statements_.clear();  // statements must be finalized before the handle closes
  sqlite3_close(db_);
}

Result<void> Connection::exec(std::string_view sql) {
  reset_statements();
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return sqlite_error(rc, sql, db_);
  return {};
}

Result<Statement*> Connection::prepare(std::string_view sql) {
  auto it = statements_.find(std::string(sql));
  if (it != statements_.end()) {
    it->second->reset();
    in_use_.push_back(it->second.get());
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(rc, sql, db_);
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  statements_.emplace(std::string(sql), std::move(owned));
  in_use_.push_back(raw);
  return raw;
}

void Connection::reset_statements() {
  for (Statement* st : in_use_) st->reset();
  in_use_.clear();
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

}  // namespace sala::sqlite
