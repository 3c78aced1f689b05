#include "store/postgres/migrations.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <set>

#include "store/migration_plan.hpp"
#include "store/postgres/access.hpp"

namespace sala::pg {

namespace embedded {
std::string_view file_0001_init_sql();
std::string_view file_0002_moderation_sql();
std::string_view file_0003_notifications_sql();
std::string_view file_0004_import_refs_sql();
std::string_view file_0005_identity_sql();
std::string_view file_0006_digests_reader_data_sql();
std::string_view file_0007_challenge_sql();
std::string_view file_0008_reader_signin_sql();
}

namespace {

using store::Migration;

std::vector<Migration> all_migrations() {
  return {{1, embedded::file_0001_init_sql()},
          {2, embedded::file_0002_moderation_sql()},
          {3, embedded::file_0003_notifications_sql()},
          {4, embedded::file_0004_import_refs_sql()},
          {5, embedded::file_0005_identity_sql()},
          {6, embedded::file_0006_digests_reader_data_sql()},
          {7, embedded::file_0007_challenge_sql()},
          {8, embedded::file_0008_reader_signin_sql()}};
}

Result<void> apply_pending(Connection& c) {
  // Any fixed number will do ("sala" in ASCII); every instance must use the same.
  if (auto locked = c.exec("SELECT pg_advisory_xact_lock(1935764577)"); !locked) {
    return locked.error();
  }
  if (auto created = c.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                            "version bigint PRIMARY KEY, applied bigint NOT NULL)");
      !created) {
    return created.error();
  }
  auto rows = c.query("SELECT version FROM schema_migrations");
  if (!rows) return rows.error();
  std::set<std::int64_t> done;
  for (int i = 0; i < rows->size(); ++i) done.insert(rows->int64(i, 0));
  auto missing = store::missing_migrations(all_migrations(), done);
  if (!missing) return missing.error();
  for (const auto& m : *missing) {
    auto applied = c.exec(m.sql);
    if (!applied) {
      Error e = applied.error();
      e.detail = "migration " + std::to_string(m.version) + ": " + e.detail;
      return e;
    }
    auto recorded = run(c,
                        "INSERT INTO schema_migrations (version, applied) "
                        "VALUES ($1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)",
                        Params().add(m.version));
    if (!recorded) return recorded.error();
  }
  return {};
}

}  // namespace

Result<void> migrate(Connection& c) {
  if (auto begun = c.exec("BEGIN"); !begun) return begun.error();
  auto applied = apply_pending(c);
  if (!applied) {
    (void)c.exec("ROLLBACK");
    return applied.error();
  }
  return c.exec("COMMIT");
}

}  // namespace sala::pg
