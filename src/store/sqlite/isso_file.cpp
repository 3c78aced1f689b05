#include "store/sqlite/isso_file.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "store/sqlite/connection.hpp"

namespace sala::sqlite {
namespace {

Error not_isso(std::string detail) {
  return Error{Errc::invalid_argument, "the file is not an Isso comment database", std::move(detail),
               "not_isso_database"};
}

std::string text_of(sqlite3_stmt* st, int column) {
  const auto* p = sqlite3_column_text(st, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(st, column)));
}

std::optional<std::int64_t> optional_int(sqlite3_stmt* st, int column) {
  if (sqlite3_column_type(st, column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(st, column);
}

// Steps through `sql`, handing each row to `on_row`.
Result<void> each_row(Connection& c, const char* sql,
                      const std::function<Result<void>(sqlite3_stmt*)>& on_row) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(c.handle(), sql, -1, &st, nullptr);
  if (rc != SQLITE_OK) {
    Error e = not_isso(sqlite3_errmsg(c.handle()));
    sqlite3_finalize(st);
    return e;
  }
  Result<void> outcome;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    outcome = on_row(st);
    if (!outcome) break;
  }
  if (outcome && rc != SQLITE_DONE) outcome = not_isso(sqlite3_errmsg(c.handle()));
  sqlite3_finalize(st);
  return outcome;
}

}  // namespace

Result<void> read_isso_file(const std::string& path,
                            const std::function<Result<void>(const IssoThreadRow&)>& on_thread,
                            const std::function<Result<void>(const IssoCommentRow&)>& on_comment) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error::invalid("file_not_found", "cannot read " + path);
  }
  auto c = Connection::open(path, true);
  if (!c) return not_isso(c.error().detail);
  // The schema of a foreign file may hold views and triggers written by
  // anyone: none of its functions may run, and nothing may be written.
  sqlite3_db_config((*c)->handle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config((*c)->handle(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  if (auto done = (*c)->exec("PRAGMA query_only = ON"); !done) return not_isso(done.error().detail);

  auto threads = each_row(**c, "SELECT id, uri, title FROM main.threads ORDER BY id",
                          [&](sqlite3_stmt* st) -> Result<void> {
                            IssoThreadRow row;
                            row.id = sqlite3_column_int64(st, 0);
                            row.uri = text_of(st, 1);
                            row.title = text_of(st, 2);
                            return on_thread(row);
                          });
  if (!threads) return threads.error();
  return each_row(
      **c,
      "SELECT tid, id, parent, created, modified, mode, text, author, email, likes, dislikes "
      "FROM main.comments ORDER BY id",
      [&](sqlite3_stmt* st) -> Result<void> {
        IssoCommentRow row;
        row.thread = sqlite3_column_int64(st, 0);
        row.id = sqlite3_column_int64(st, 1);
        row.parent = optional_int(st, 2);
        row.created = sqlite3_column_double(st, 3);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) row.modified = sqlite3_column_double(st, 4);
        row.mode = sqlite3_column_int64(st, 5);
        row.text = text_of(st, 6);
        row.author = text_of(st, 7);
        row.email = text_of(st, 8);
        row.likes = sqlite3_column_int64(st, 9);
        row.dislikes = sqlite3_column_int64(st, 10);
        return on_comment(row);
      });
}

}  // namespace sala::sqlite
