// Reading an Isso database: rows come out as stored, other files are refused.
#include <fstream>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/isso_file.hpp"
#include "support/temp_dir.hpp"

namespace sala {
namespace {

void run_sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

// The tables as Isso creates them (isso/db/threads.py, isso/db/comments.py).
constexpr const char* kIssoSchema =
    "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));"
    "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,"
    " created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR,"
    " author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0,"
    " dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER NOT NULL DEFAULT 0);";

TEST(IssoFileTest, ReadsThreadsThenCommentsInIdOrder) {
  test::TempDir dir;
  const std::string path = dir.file("isso.db");
  run_sql(path, kIssoSchema);
  run_sql(path,
          "INSERT INTO threads VALUES (2, '/b/', NULL), (1, '/a/', 'A');"
          "INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author,"
          " email, website, likes, dislikes, voters) VALUES"
          " (1, 5, 3, 1400000001.5, NULL, 2, '127.0.0.0', 'reply', NULL, NULL, NULL, 0, 1, x''),"
          " (1, 3, NULL, 1400000000.25, 1400000100.0, 1, '127.0.0.0', '*hi*', 'Ann', 'a@b.example',"
          " NULL, 4, 0, x'')");
  std::vector<sqlite::IssoThreadRow> threads;
  std::vector<sqlite::IssoCommentRow> comments;
  auto done = sqlite::read_isso_file(
      path,
      [&](const sqlite::IssoThreadRow& t) -> Result<void> {
        EXPECT_TRUE(comments.empty()) << "a thread after a comment";
        threads.push_back(t);
        return {};
      },
      [&](const sqlite::IssoCommentRow& c) -> Result<void> {
        comments.push_back(c);
        return {};
      });
  ASSERT_TRUE(done) << done.error().detail;
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0].uri, "/a/");
  EXPECT_EQ(threads[0].title, "A");
  EXPECT_EQ(threads[1].title, "");
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].id, 3);
  EXPECT_FALSE(comments[0].parent);
  EXPECT_DOUBLE_EQ(comments[0].created, 1400000000.25);
  ASSERT_TRUE(comments[0].modified);
  EXPECT_EQ(comments[0].text, "*hi*");
  EXPECT_EQ(comments[0].author, "Ann");
  EXPECT_EQ(comments[0].likes, 4);
  EXPECT_EQ(comments[1].parent, 3);
  EXPECT_EQ(comments[1].mode, 2);
  EXPECT_EQ(comments[1].author, "");
  EXPECT_EQ(comments[1].dislikes, 1);
}

TEST(IssoFileTest, ACallbackErrorStopsTheWalk) {
  test::TempDir dir;
  const std::string path = dir.file("isso.db");
  run_sql(path, kIssoSchema);
  run_sql(path, "INSERT INTO threads VALUES (1, '/a/', 'A'), (2, '/b/', 'B')");
  int seen = 0;
  auto done = sqlite::read_isso_file(
      path, [&](const sqlite::IssoThreadRow&) -> Result<void> {
        ++seen;
        return Error::invalid("stop", "stop here");
      },
      [](const sqlite::IssoCommentRow&) -> Result<void> { return {}; });
  ASSERT_FALSE(done);
  EXPECT_STREQ(done.error().wire_code(), "stop");
  EXPECT_EQ(seen, 1);
}

TEST(IssoFileTest, FilesThatAreNotIssoDatabasesAreRefused) {
  test::TempDir dir;
  auto nothing = [](const auto&) -> Result<void> { return {}; };
  std::ofstream(dir.file("text.db")) << "this is not a database at all, just some text\n";
  run_sql(dir.file("other.db"), "CREATE TABLE notes (id INTEGER PRIMARY KEY)");
  for (const std::string name : {"text.db", "other.db"}) {
    auto done = sqlite::read_isso_file(dir.file(name), nothing, nothing);
    ASSERT_FALSE(done) << name;
    EXPECT_STREQ(done.error().wire_code(), "not_isso_database") << name;
  }
  auto missing = sqlite::read_isso_file(dir.file("missing.db"), nothing, nothing);
  ASSERT_FALSE(missing);
  EXPECT_STREQ(missing.error().wire_code(), "file_not_found");
}

TEST(IssoFileTest, TheFileIsNeverWritten) {
  test::TempDir dir;
  const std::string path = dir.file("isso.db");
  run_sql(path, kIssoSchema);
  // A trigger cannot fire on reads, but a view could try to call functions;
  // either way the walk must leave the file byte for byte as it was.
  run_sql(path, "INSERT INTO threads VALUES (1, '/a/', 'A')");
  std::ifstream before_file(path, std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(before_file)), {});
  auto nothing = [](const auto&) -> Result<void> { return {}; };
  ASSERT_TRUE(sqlite::read_isso_file(path, nothing, nothing));
  std::ifstream after_file(path, std::ios::binary);
  const std::string after((std::istreambuf_iterator<char>(after_file)), {});
  EXPECT_EQ(before, after);
}

}  // namespace
}  // namespace sala
