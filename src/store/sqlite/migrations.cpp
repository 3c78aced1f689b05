#include "store/sqlite/migrations.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sala::sqlite {

namespace embedded {
std::string_view file_0001_init_sql();
std::string_view file_0002_recent_comments_sql();
std::string_view file_0003_moderation_sql();
std::string_view file_0004_notifications_sql();
std::string_view file_0005_import_refs_sql();
std::string_view file_0006_identity_sql();
std::string_view file_0007_digests_reader_data_sql();
std::string_view file_0008_challenge_sql();
}

namespace {

struct Migration {
  std::int64_t version;
  std::string_view sql;
};

std::vector<Migration> all_migrations() {
  return {{1, embedded::file_0001_init_sql()},
          {2, embedded::file_0002_recent_comments_sql()},
          {3, embedded::file_0003_moderation_sql()},
          {4, embedded::file_0004_notifications_sql()},
          {5, embedded::file_0005_import_refs_sql()},
          {6, embedded::file_0006_identity_sql()},
          {7, embedded::file_0007_digests_reader_data_sql()},
          {8, embedded::file_0008_challenge_sql()}};
}

Result<std::int64_t> current_version(Connection& c) {
  auto created = c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied INTEGER NOT NULL) STRICT");
  if (!created) return created.error();
  auto st = c.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return st.error();
  auto row = (*st)->step();
  if (!row) return row.error();
  return (*st)->int64(0);
}

}  // namespace

Result<void> migrate(Connection& c) {
  auto version = current_version(c);
  if (!version) return version.error();
  const auto migrations = all_migrations();
  if (*version > migrations.back().version) {
    return Error{Errc::unavailable,
                 "the database was written by a newer version of Sala",
                 "schema version " + std::to_string(*version) + " is newer than this binary's " +
                     std::to_string(migrations.back().version),
                 "database_too_new"};
  }
  for (const auto& m : migrations) {
    if (m.version <= *version) continue;
    if (auto begun = c.exec("BEGIN IMMEDIATE"); !begun) return begun.error();
    auto applied = c.exec(m.sql);
    if (applied) {
      auto st = c.prepare(
          "INSERT INTO schema_migrations (version, applied) "
          "VALUES (?, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
      if (!st) {
        applied = st.error();
      } else {
        (*st)->bind(1, m.version);
        applied = (*st)->run();
      }
    }
    if (!applied) {
      (void)c.exec("ROLLBACK");
      Error e = applied.error();
      e.detail = "migration " + std::to_string(m.version) + ": " + e.detail;
      return e;
    }
    if (auto committed = c.exec("COMMIT"); !committed) return committed.error();
  }
  return {};
}

}  // namespace sala::sqlite
