#include "store/sqlite/migrations.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/migration_plan.hpp"

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
std::string_view file_0009_reader_signin_sql();
}

namespace {

using store::Migration;

std::vector<Migration> all_migrations() {
  return {{1, embedded::file_0001_init_sql()},
          {2, embedded::file_0002_recent_comments_sql()},
          {3, embedded::file_0003_moderation_sql()},
          {4, embedded::file_0004_notifications_sql()},
          {5, embedded::file_0005_import_refs_sql()},
          {6, embedded::file_0006_identity_sql()},
          {7, embedded::file_0007_digests_reader_data_sql()},
          {8, embedded::file_0008_challenge_sql()},
          {9, embedded::file_0009_reader_signin_sql()}};
}

Result<std::set<std::int64_t>> applied_versions(Connection& c) {
  auto created = c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied INTEGER NOT NULL) STRICT");
  if (!created) return created.error();
  auto st = c.prepare("SELECT version FROM schema_migrations");
  if (!st) return st.error();
  std::set<std::int64_t> out;
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.insert((*st)->int64(0));
  }
}

}  // namespace

Result<void> migrate(Connection& c) {
  auto applied_before = applied_versions(c);
  if (!applied_before) return applied_before.error();
  auto missing = store::missing_migrations(all_migrations(), *applied_before);
  if (!missing) return missing.error();
  for (const auto& m : *missing) {
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
