#include "store/sqlite/backup.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "store/sqlite/connection.hpp"

namespace sala::sqlite {
namespace {

Error backup_error(std::string message, std::string detail = {}) {
  return Error{Errc::unavailable, std::move(message), std::move(detail), "backup_failed"};
}

Result<void> copy_pages(Connection& from, Connection& to) {
  sqlite3_backup* job = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (job == nullptr) return sqlite_error(sqlite3_errcode(to.handle()), "backup init", to.handle());
  // -1: every page in one step, so the copy comes from a single read
  // transaction of the source; in WAL mode that never blocks the writer.
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(job, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(job);
  if (rc != SQLITE_DONE) return sqlite_error(rc, "backup step", to.handle());
  return {};
}

}  // namespace

Result<void> backup(const std::string& source, const std::string& destination) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    return backup_error("there is no database at " + source);
  }
  if (fs::exists(destination, ec) && fs::equivalent(source, destination, ec)) {
    return backup_error("the backup file must not be the database itself");
  }
  const std::string partial = destination + ".partial";
  fs::remove(partial, ec);

  auto from = Connection::open(source, true);
  if (!from) return from.error();
  if (auto done = (*from)->exec("PRAGMA busy_timeout = 5000"); !done) return done.error();
  {
    auto to = Connection::open(partial, false);
    if (!to) return to.error();
    auto copied = copy_pages(**from, **to);
    // A standalone file: no -wal beside it, whatever mode the source was in.
    if (copied) copied = (*to)->exec("PRAGMA journal_mode = DELETE");
    if (copied) {
      auto st = (*to)->prepare("PRAGMA quick_check");
      if (!st) {
        copied = st.error();
      } else if (auto row = (*st)->step(); !row) {
        copied = row.error();
      } else if (!*row || (*st)->text(0) != "ok") {
        copied = backup_error("the copy failed its integrity check", *row ? (*st)->text(0) : "");
      }
    }
    if (!copied) {
      to->reset();
      fs::remove(partial, ec);
      return copied.error();
    }
  }
  fs::rename(partial, destination, ec);
  if (ec) {
    fs::remove(partial, ec);
    return backup_error("cannot write " + destination, ec.message());
  }
  return {};
}

}  // namespace sala::sqlite
