// Two `sala serve` processes on one PostgreSQL database, as a newsroom runs
// them behind a load balancer: what one is told, the other shows.
#include <chrono>
#include <fstream>
#include <iostream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "integration/sala_server.hpp"
#include "support/pg_schema.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {
namespace {

using namespace std::chrono_literals;

// Replication between instances goes through NOTIFY; a second is generous.
constexpr auto kPropagation = 1s;

class MultiInstanceTest : public PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::ofstream(config_) << "[[sites]]\nid = \"news\"\norigins = [\"https://news.example\"]\n";
    a_ = start_sala_server_on(dir_.path(), "a", schema_->url(), {"--config", config_});
    ASSERT_NE(a_.port, 0);
    b_ = start_sala_server_on(dir_.path(), "b", schema_->url(), {"--config", config_});
    ASSERT_NE(b_.port, 0);
  }
  void TearDown() override {
    if (HasFailure()) {
      if (a_.process) std::cerr << "instance A:\n" << a_.process->logs() << "\n";
      if (b_.process) std::cerr << "instance B:\n" << b_.process->logs() << "\n";
    }
  }

  static boost::json::value page(std::uint16_t port, const std::string& thread) {
    HttpConnection c(port);
    const HttpResponse r = c.get("/api/v1/comments?site=news&thread=" + thread);
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.status == 200 ? json_of(r) : boost::json::value();
  }

  // A field of the page's first comment; -99 when there is none.
  static std::int64_t first_comment(const boost::json::value& page, const char* field) {
    const auto& comments = member(page, "comments");
    if (!comments.is_array() || comments.get_array().empty()) return -99;
    return int_at(comments.get_array()[0], field);
  }

  // Polls `port`'s page of `thread` until `holds` or the deadline; returns
  // how long it took, or nullopt.
  template <class Check>
  static std::optional<std::chrono::milliseconds> seen_within(std::uint16_t port,
                                                              const std::string& thread,
                                                              Check holds,
                                                              std::chrono::milliseconds limit) {
    const auto start = std::chrono::steady_clock::now();
    std::optional<std::chrono::milliseconds> took;
    wait_until(
        [&] {
          if (!holds(page(port, thread))) return false;
          took = std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::steady_clock::now() - start);
          return true;
        },
        limit);
    return took;
  }

  TempDir dir_;
  std::string config_ = dir_.file("sala.toml");
  StartedServer a_;
  StartedServer b_;
};

TEST_F(MultiInstanceTest, ACommentPostedOnOneInstanceIsOnTheOthersCachedThread) {
  // B reads the thread first, so it holds a cached (soon stale) page.
  EXPECT_EQ(int_at(page(b_.port, "/story"), "thread.count"), 0);
  EXPECT_EQ(int_at(page(b_.port, "/story"), "thread.count"), 0);

  HttpConnection on_a(a_.port);
  const HttpResponse posted = on_a.post(
      "/api/v1/comments",
      R"({"site":"news","thread":"/story","author":"Dara","body":"posted through A"})");
  ASSERT_EQ(posted.status, 201) << posted.describe();
  const std::int64_t id = int_at(json_of(posted), "comment.id");

  auto took = seen_within(
      b_.port, "/story",
      [&](const boost::json::value& p) {
        return int_at(p, "thread.count") == 1 && first_comment(p, "id") == id;
      },
      kPropagation);
  EXPECT_TRUE(took) << "B still serves the thread as it was before the post";
}

TEST_F(MultiInstanceTest, AVoteOnOneInstanceIsOnTheOthersCachedThread) {
  HttpConnection on_a(a_.port);
  const HttpResponse posted = on_a.post(
      "/api/v1/comments", R"({"site":"news","thread":"/votes","author":"Dara","body":"vote on me"})");
  ASSERT_EQ(posted.status, 201) << posted.describe();
  const std::int64_t id = int_at(json_of(posted), "comment.id");
  EXPECT_EQ(first_comment(page(a_.port, "/votes"), "score"), 0);  // A caches the page

  HttpConnection on_b(b_.port);
  const HttpResponse voted =
      on_b.post("/api/v1/comments/" + std::to_string(id) + "/vote", R"({"value":1})");
  ASSERT_EQ(voted.status, 200) << voted.describe();

  auto took = seen_within(
      a_.port, "/votes", [](const boost::json::value& p) { return first_comment(p, "score") == 1; },
      kPropagation);
  EXPECT_TRUE(took) << "A still serves the score from before B's vote";
}

TEST_F(MultiInstanceTest, AReaderOnOneInstanceGetsTheLiveEventOfAPostOnTheOther) {
  HttpConnection stream(b_.port);
  ASSERT_TRUE(stream.send_raw("GET /api/v1/events?site=news&thread=/live HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = stream.read_until("\r\n\r\n", 5s);
  ASSERT_TRUE(head && head->starts_with("HTTP/1.1 200")) << head.value_or("no answer");
  auto retry = stream.read_until("\n\n", 5s);  // the stream is open once its advice came
  ASSERT_TRUE(retry);

  HttpConnection on_a(a_.port);
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse posted = on_a.post(
      "/api/v1/comments", R"({"site":"news","thread":"/live","author":"Dara","body":"live from A"})");
  ASSERT_EQ(posted.status, 201) << posted.describe();
  const std::int64_t id = int_at(json_of(posted), "comment.id");

  std::optional<std::string> frame;
  do {
    frame = stream.read_until("\n\n", kPropagation);
  } while (frame && frame->starts_with(":"));  // heartbeats
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(frame) << "no event on B within " << kPropagation.count() << " s";
  EXPECT_TRUE(frame->starts_with("id: " + std::to_string(id) + "\nevent: comment\ndata: ")) << *frame;
  EXPECT_NE(frame->find("live from A"), std::string::npos) << *frame;
  EXPECT_LT(took, kPropagation);
}

}  // namespace
}  // namespace sala::test
