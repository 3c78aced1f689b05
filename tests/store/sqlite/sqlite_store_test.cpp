// What only the SQLite backend promises: its pragmas, migrations and files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/open_store.hpp"
#include "support/temp_dir.hpp"

namespace sala {
namespace {

std::string pragma(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(SqliteStoreTest, OpensInWalModeWithTheSchemaRecorded) {
  test::TempDir dir;
  auto store = sqlite::open_store({.path = dir.file("s.db")});
  ASSERT_TRUE(store) << store.error().detail;
  EXPECT_EQ(pragma(dir.file("s.db"), "PRAGMA journal_mode"), "wal");
  const std::string version = pragma(dir.file("s.db"), "SELECT max(version) FROM schema_migrations");
  EXPECT_GE(std::stoi(version), 3);
  EXPECT_EQ(pragma(dir.file("s.db"), "SELECT count(*) FROM schema_migrations"), version) << "one row per migration";
  EXPECT_EQ(pragma(dir.file("s.db"), "PRAGMA integrity_check"), "ok");
}

TEST(SqliteStoreTest, ReopeningAppliesNothingTwice) {
  test::TempDir dir;
  ASSERT_TRUE(sqlite::open_store({.path = dir.file("s.db")}));
  const std::string applied = pragma(dir.file("s.db"), "SELECT count(*) FROM schema_migrations");
  auto again = sqlite::open_store({.path = dir.file("s.db")});
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(pragma(dir.file("s.db"), "SELECT count(*) FROM schema_migrations"), applied);
}

TEST(SqliteStoreTest, ADatabaseFromANewerVersionIsRefused) {
  test::TempDir dir;
  ASSERT_TRUE(sqlite::open_store({.path = dir.file("s.db")}));
  pragma(dir.file("s.db"), "INSERT INTO schema_migrations VALUES (999, 0)");
  auto refused = sqlite::open_store({.path = dir.file("s.db")});
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "database_too_new");
}

TEST(SqliteStoreTest, AFileThatIsNotADatabaseIsAnErrorNotACrash) {
  test::TempDir dir;
  {
    std::FILE* f = std::fopen(dir.file("junk.db").c_str(), "w");
    std::fputs("this is not a database, just text long enough to fill a header page", f);
    std::fclose(f);
  }
  auto refused = sqlite::open_store({.path = dir.file("junk.db")});
  EXPECT_FALSE(refused);
}

}  // namespace
}  // namespace sala
