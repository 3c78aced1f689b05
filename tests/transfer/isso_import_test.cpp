// Isso: its SQLite database and its generic JSON.
#include <sqlite3.h>

#include "transfer/import_fixture.hpp"

namespace sala::transfer {
namespace {

class IssoImportTest : public ImportTest {
 protected:
  std::string isso_db(const char* rows) {
    const std::string path = dir_.file("comments.db");
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const std::string sql =
        std::string("CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));"
                    "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,"
                    " created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR,"
                    " author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0,"
                    " dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER NOT NULL DEFAULT 0);") +
        rows;
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
    return path;
  }
};

TEST_F(IssoImportTest, DatabaseKeepsThreadingVotesStatesAndMarkdown) {
  const std::string path = isso_db(
      "INSERT INTO threads VALUES (1, '/posts/hello/', 'Hello'), (2, '/empty/', NULL);"
      "INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email,"
      " website, likes, dislikes, voters) VALUES"
      " (1, 1, NULL, 1500000000.5, NULL, 1, '192.0.2.0', '**Hi** there', 'Ann', 'ann@example.org', NULL, 3, 1, x''),"
      " (1, 2, 1, 1500000100.0, 1500000200.0, 1, '192.0.2.0', 'reply', NULL, NULL, NULL, 0, 0, x''),"
      " (1, 3, NULL, 1500000300.0, NULL, 4, '192.0.2.0', '', NULL, NULL, NULL, 0, 0, x''),"
      " (1, 4, 3, 1500000400.0, NULL, 2, '192.0.2.0', 'pending under deleted', 'Bo', 'not an address', NULL, 0, 0, x''),"
      " (1, 5, NULL, 1500000500.0, NULL, 1, '192.0.2.0', '<script>x</script>', 'Cy', NULL, NULL, 0, 0, x'')");
  auto summary = import(SourceKind::isso, path);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 5);
  EXPECT_EQ(summary->notes["empty author name replaced"], 1);
  EXPECT_EQ(summary->notes["invalid e-mail address dropped"], 1);
  auto ts = threads();
  ASSERT_EQ(ts.size(), 1u);  // a thread without comments is not created
  EXPECT_EQ(ts[0].key, "/posts/hello/");
  EXPECT_EQ(ts[0].comment_count, 3);
  auto rows = comments();
  const Row* hi = find(rows, "Hi");
  ASSERT_TRUE(hi);
  EXPECT_EQ(hi->c().body_html, "<p><strong>Hi</strong> there</p>\n");
  EXPECT_EQ(hi->c().upvotes, 3);
  EXPECT_EQ(hi->c().downvotes, 1);
  EXPECT_EQ(hi->c().created.ms, 1'500'000'000'500);
  const Row* reply = find(rows, "reply");
  EXPECT_EQ(reply->c().parent, hi->c().id);
  EXPECT_EQ(reply->c().author_name, "Anonymous");
  ASSERT_TRUE(reply->c().edited);
  EXPECT_EQ(reply->c().edited->ms, 1'500'000'200'000);
  const Row* pending = find(rows, "pending under deleted");
  EXPECT_EQ(pending->c().state, CommentState::pending);
  ASSERT_TRUE(pending->c().parent);
  bool placeholder = false;
  for (const auto& r : rows) placeholder = placeholder || (r.c().id == *pending->c().parent && r.c().state == CommentState::deleted);
  EXPECT_TRUE(placeholder);
  EXPECT_EQ(find(rows, "script")->c().body_html, "<p>&lt;script&gt;x&lt;/script&gt;</p>\n");

  auto again = import(SourceKind::isso, path);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->comments, 0);
  EXPECT_EQ(again->already_imported, 5);
}

TEST_F(IssoImportTest, GenericJsonFixture) {
  auto summary = import(SourceKind::isso, data("isso-generic.json"));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 2);
  auto ts = threads();
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_EQ(ts[0].key, "/posts/0001/");
  auto rows = comments();
  EXPECT_EQ(find(rows, "Great men")->c().created, *parse_rfc3339("2005-02-24T04:03:37Z"));
}

TEST_F(IssoImportTest, BrokenInputsImportNothing) {
  for (const std::string& content : {std::string("{\"not\": \"a list\"}"), std::string("[{\"id\": \"/a\", \"comments\": 5}]"),
                                     std::string("[1, 2"), std::string("SQLite format 3") + std::string(1, '\0') + "garbage"}) {
    auto summary = import(SourceKind::isso, file("bad.json", content));
    EXPECT_FALSE(summary) << content;
    EXPECT_TRUE(comments().empty());
  }
}

}  // namespace
}  // namespace sala::transfer
