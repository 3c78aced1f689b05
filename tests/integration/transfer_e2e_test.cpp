// Import, export and backup as an operator runs them: the real binary, its
// summary on stdout, one-line failures, and a backup taken from a live server.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/sala_server.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {
namespace {

std::string data(const std::string& name) { return std::string(SALA_IMPORT_DATA) + "/" + name; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Everything after the header line, whose "exported" time differs per run.
std::string body_of(const std::string& jsonl) { return jsonl.substr(jsonl.find('\n') + 1); }

class TransferE2eTest : public ::testing::Test {
 protected:
  CommandResult sala(const std::vector<std::string>& args) {
    return run_command(kSalaBinary, args, dir_.path() / ("run-" + std::to_string(++runs_)));
  }
  std::string db(const std::string& name = "cli.db") const { return "sqlite:" + dir_.file(name); }
  void expect_ok(const CommandResult& r, const std::string& what) {
    EXPECT_TRUE(r.exit.is_clean()) << what << ": " << r.exit.describe() << "\n" << r.err;
    EXPECT_TRUE(r.err.empty()) << what << " wrote to stderr (a progress line off a terminal?): " << r.err;
  }
  void expect_one_line_failure(const CommandResult& r, const std::string& what) {
    EXPECT_FALSE(r.exit.is_clean()) << what;
    EXPECT_FALSE(r.exit.is_signal) << what << " crashed: " << r.exit.describe();
    EXPECT_TRUE(r.err.starts_with("sala: ")) << what << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << what << ": " << r.err;
  }

  TempDir dir_;
  int runs_ = 0;
};

TEST_F(TransferE2eTest, ImportTwiceExportAndRestoreFromTheExport) {
  expect_ok(sala({"site", "add", "news", "--origin", "https://example.tld", "--db", db()}), "site add");
  const CommandResult first = sala({"import", "wxr", data("isso-wordpress.xml"), "--site", "news", "--db", db()});
  expect_ok(first, "import wxr");
  EXPECT_NE(first.out.find("imported 8 comments; threads: 2 new, 0 existing"), std::string::npos) << first.out;
  const CommandResult again = sala({"import", "wxr", data("isso-wordpress.xml"), "--site", "news", "--db", db()});
  expect_ok(again, "import wxr again");
  EXPECT_NE(again.out.find("imported 0 comments"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("already imported, left as they were: 8"), std::string::npos) << again.out;
  const CommandResult disqus = sala({"import", "disqus", data("isso-disqus.xml"), "--site", "news", "--db", db()});
  expect_ok(disqus, "import disqus");
  EXPECT_NE(disqus.out.find("thread not in the file: 1"), std::string::npos) << disqus.out;

  const std::string out = dir_.file("news.jsonl");
  const CommandResult exported = sala({"export", "--site", "news", "--out", out, "--db", db()});
  expect_ok(exported, "export");
  EXPECT_NE(exported.out.find("exported 4 threads, 13 comments and 0 subscriptions"), std::string::npos) << exported.out;
  const std::string file = read_file(out);
  EXPECT_TRUE(file.starts_with("{\"format\":\"sala-export\",\"version\":3,")) << file.substr(0, 100);
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));

  const CommandResult restored = sala({"import", "json", out, "--db", db("restored.db")});
  expect_ok(restored, "import json");
  EXPECT_NE(restored.out.find("created the site from the export"), std::string::npos) << restored.out;
  const CommandResult again_out = sala({"export", "--site", "news", "--db", db("restored.db")});
  expect_ok(again_out, "export to stdout");
  EXPECT_EQ(body_of(again_out.out), body_of(file));
}

TEST_F(TransferE2eTest, FailuresAreOneLineAndImportNothing) {
  expect_ok(sala({"site", "add", "news", "--origin", "https://example.tld", "--db", db()}), "site add");
  const CommandResult malformed = sala({"import", "wxr", data("malformed.xml"), "--site", "news", "--db", db()});
  expect_one_line_failure(malformed, "a malformed WXR file");
  EXPECT_NE(malformed.err.find("not well-formed"), std::string::npos) << malformed.err;
  expect_one_line_failure(sala({"import", "wxr", data("small-export.xml"), "--site", "nope", "--db", db()}),
                          "an unknown site");
  expect_one_line_failure(sala({"import", "wxr", dir_.file("missing.xml"), "--site", "news", "--db", db()}),
                          "a missing file");
  expect_one_line_failure(sala({"import", "disqus", data("remark42-disqus-deleted-post.xml"), "--site", "news",
                                "--db", db()}),
                          "a malformed Disqus file");
  expect_one_line_failure(sala({"import", "json", data("isso-generic.json"), "--db", db()}), "not a Sala export");
  expect_one_line_failure(sala({"import", "wxr", data("small-export.xml"), "--db", db()}), "no --site");
  expect_one_line_failure(sala({"export", "--site", "nope", "--db", db()}), "exporting an unknown site");
  expect_one_line_failure(sala({"backup", dir_.file("cli.db"), "--db", db()}), "a backup onto the database");

  const CommandResult exported = sala({"export", "--site", "news", "--db", db()});
  expect_ok(exported, "export");
  EXPECT_NE(exported.out.find("{\"type\":\"end\",\"threads\":0,\"comments\":0,\"subscriptions\":0}"), std::string::npos) << exported.out;
}

TEST_F(TransferE2eTest, BackupOfARunningServerHoldsWhatItAcknowledged) {
  expect_ok(sala({"site", "add", "paper", "--origin", "https://paper.example", "--db", db()}), "site add");
  StartedServer server = start_sala_server(dir_.path(), "serve", dir_.file("cli.db"));
  ASSERT_NE(server.port, 0);
  HttpConnection c(server.port);
  for (int i = 0; i < 10; ++i) {
    const HttpResponse posted =
        c.post("/api/v1/comments",
               R"({"site":"paper","thread":"front","author":"Ada","body":"comment )" + std::to_string(i) + R"("})",
               {{"Origin", "https://paper.example"}});
    ASSERT_EQ(posted.status, 201) << posted.describe();
  }
  const std::string copy = dir_.file("copy.db");
  const CommandResult backup = sala({"backup", copy, "--db", db()});
  expect_ok(backup, "backup while serving");
  // The server keeps working after the backup.
  EXPECT_EQ(c.post("/api/v1/comments", R"({"site":"paper","thread":"front","author":"Ada","body":"after"})",
                   {{"Origin", "https://paper.example"}})
                .status,
            201);
  const auto done = server.process->terminate(std::chrono::seconds(15));
  ASSERT_TRUE(done);

  // Restore is: use the copy as the database.
  const CommandResult exported = sala({"export", "--site", "paper", "--db", "sqlite:" + copy});
  expect_ok(exported, "export from the backup");
  EXPECT_NE(exported.out.find("{\"type\":\"end\",\"threads\":1,\"comments\":10,\"subscriptions\":0}"), std::string::npos) << exported.out;
}

}  // namespace
}  // namespace sala::test
