// The online backup: a whole, consistent copy taken while another connection writes.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/backup.hpp"
#include "store/sqlite/open_store.hpp"
#include "support/temp_dir.hpp"

namespace sala {
namespace {

std::int64_t scalar(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  std::int64_t out = -1;
  if (sqlite3_step(st) == SQLITE_ROW) out = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

Result<void> post(store::Store& store, ThreadId thread, int n) {
  return store.transact([&](store::Store& tx) -> Result<void> {
    NewComment c;
    c.thread = thread;
    c.author_name = "Writer";
    c.body_markdown = c.body_html = "comment " + std::to_string(n);
    c.created = Timestamp{n};
    auto id = tx.comments().insert(c);
    if (!id) return id.error();
    return tx.threads().add_to_count(thread, 1, c.created);
  });
}

TEST(SqliteBackupTest, CopiesAConsistentSnapshotWhileAWriterCommits) {
  test::TempDir dir;
  const std::string db = dir.file("live.db");
  auto store = sqlite::open_store({.path = db, .synchronous_full = false});
  ASSERT_TRUE(store) << store.error().detail;
  ASSERT_TRUE((*store)->sites().add({SiteId{"news"}, {}, false, {1}}));
  auto thread = (*store)->threads().find_or_create({SiteId{"news"}, "/a", "A", "", {1}});
  ASSERT_TRUE(thread);
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(post(**store, thread->id, i));

  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 200; !stop; ++i) {
      if (post(**store, thread->id, i)) ++written;
    }
  });
  for (int round = 0; round < 5; ++round) {
    const std::string copy = dir.file("copy-" + std::to_string(round) + ".db");
    auto done = sqlite::backup(db, copy);
    ASSERT_TRUE(done) << done.error().message << " " << done.error().detail;
    // Whole commits only: the counter matches the rows in every copy.
    const std::int64_t rows = scalar(copy, "SELECT count(*) FROM comments");
    EXPECT_GE(rows, 200);
    EXPECT_EQ(scalar(copy, "SELECT comment_count FROM threads"), rows);
    EXPECT_FALSE(std::filesystem::exists(copy + "-wal"));
    EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
  }
  stop = true;
  writer.join();
  EXPECT_GT(written.load(), 0) << "the writer was blocked for the whole backup";

  // The copy opens as a Sala database and holds what the source held.
  auto reopened = sqlite::open_store({.path = dir.file("copy-0.db")});
  ASSERT_TRUE(reopened) << reopened.error().detail;
  auto site = (*reopened)->sites().find(SiteId{"news"});
  ASSERT_TRUE(site && *site);
}

TEST(SqliteBackupTest, ReplacesAnOldCopyAndRefusesTheDatabaseItself) {
  test::TempDir dir;
  const std::string db = dir.file("live.db");
  ASSERT_TRUE(sqlite::open_store({.path = db}));
  const std::string copy = dir.file("copy.db");
  std::ofstream(copy) << "yesterday's copy";
  ASSERT_TRUE(sqlite::backup(db, copy));
  EXPECT_EQ(scalar(copy, "SELECT max(version) FROM schema_migrations"),
            scalar(db, "SELECT max(version) FROM schema_migrations"));
  EXPECT_GE(scalar(copy, "SELECT count(*) FROM import_refs"), 0) << "the copy has the whole schema";

  auto self = sqlite::backup(db, db);
  ASSERT_FALSE(self);
  EXPECT_STREQ(self.error().wire_code(), "backup_failed");
  auto missing = sqlite::backup(dir.file("nothing.db"), dir.file("out.db"));
  ASSERT_FALSE(missing);
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.db")));
  auto unwritable = sqlite::backup(db, dir.file("no-such-dir/out.db"));
  ASSERT_FALSE(unwritable);
}

}  // namespace
}  // namespace sala
