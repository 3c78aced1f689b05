// Streamed replies (Server-Sent Events) over real sockets: framing, pushes,
// heartbeats, and every way a stream ends.

#include <atomic>
#include <memory>
#include <mutex>

#include <gtest/gtest.h>

#include "test_client.hpp"
#include "test_routes.hpp"
#include "web/stream_body.hpp"

namespace sala::web {
namespace {

using http_test::Clock;
using http_test::RunningServer;
using http_test::TestClient;
using http_test::wait_until;
using std::chrono::milliseconds;

// GET /stream opens a stream the test then feeds; the test sees when it ends.
class StreamReplyTest : public ::testing::Test {
 protected:
  Router router() {
    Router r = http_test::basic_router();
    r.add({Method::get, "/stream", [this](Request, Respond respond) {
             auto body = std::make_shared<StreamBody>(stream_options_);
             body->on_end([this] { ++ended_; });
             body->push("hello\n");
             {
               std::lock_guard lock(mutex_);
               body_ = body;
             }
             Reply reply;
             reply.headers = {{"Content-Type", "text/event-stream"}};
             reply.stream = std::move(body);
             respond(std::move(reply));
           }});
    return r;
  }
  std::shared_ptr<StreamBody> body() {
    std::lock_guard lock(mutex_);
    return body_;
  }
  bool stream_opened() {
    return wait_until([this] { return body() != nullptr; });
  }

  StreamBody::Options stream_options_{
      .heartbeat = std::chrono::hours(1), .heartbeat_bytes = ": ping\n\n", .max_pending = 64 * 1024};
  std::atomic<int> ended_{0};
  std::mutex mutex_;
  std::shared_ptr<StreamBody> body_;
};

constexpr std::string_view kOpen = "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n";

TEST_F(StreamReplyTest, HeadHasNoLengthAndPushesArriveInOrderUntilTheEnd) {
  const Router r = router();
  RunningServer server(http_test::test_options(), r);
  TestClient client(server.port());
  ASSERT_TRUE(client.send(kOpen));
  auto head = client.read_until("\r\n\r\n");
  ASSERT_TRUE(head);
  EXPECT_NE(head->find("HTTP/1.1 200 OK\r\n"), std::string::npos);
  EXPECT_NE(head->find("Content-Type: text/event-stream\r\n"), std::string::npos);
  EXPECT_NE(head->find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(head->find("Content-Length"), std::string::npos);
  EXPECT_EQ(head->find("Transfer-Encoding"), std::string::npos);
  EXPECT_NE(head->find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_EQ(client.read_until("hello\n"), "hello\n");

  ASSERT_TRUE(stream_opened());
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(body()->push("event " + std::to_string(i) + "\n"));
  for (int i = 0; i < 50; ++i) {
    const std::string line = "event " + std::to_string(i) + "\n";
    ASSERT_EQ(client.read_until("\n"), line);
  }
  body()->push("bye\n");
  body()->end();
  EXPECT_EQ(client.read_until("bye\n"), "bye\n");
  EXPECT_TRUE(client.wait_closed());
  EXPECT_EQ(ended_.load(), 1);
}

TEST_F(StreamReplyTest, EarlierRequestsOnTheConnectionAreServedFirst) {
  const Router r = router();
  RunningServer server(http_test::test_options(), r);
  TestClient client(server.port());
  ASSERT_TRUE(client.send(std::string("GET /hello HTTP/1.1\r\n\r\n") + std::string(kOpen)));
  auto first = client.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, R"({"hello":"world"})");
  EXPECT_TRUE(client.read_until("hello\n"));
}

TEST_F(StreamReplyTest, HeartbeatsFlowWhileNothingElseDoes) {
  stream_options_.heartbeat = milliseconds(100);
  const Router r = router();
  RunningServer server(http_test::test_options(), r);
  TestClient client(server.port());
  ASSERT_TRUE(client.send(kOpen));
  ASSERT_TRUE(client.read_until("hello\n"));
  EXPECT_EQ(client.read_until(": ping\n\n"), ": ping\n\n");
  EXPECT_EQ(client.read_until(": ping\n\n"), ": ping\n\n");
  ASSERT_TRUE(stream_opened());
  ASSERT_TRUE(body()->push("data\n"));
  EXPECT_EQ(client.read_until("data\n"), "data\n");
}

TEST_F(StreamReplyTest, AClientThatLeavesEndsTheStreamWithoutAnyWrite) {
  const Router r = router();
  RunningServer server(http_test::test_options(), r);
  {
    TestClient client(server.port());
    ASSERT_TRUE(client.send(kOpen));
    ASSERT_TRUE(client.read_until("hello\n"));
    ASSERT_TRUE(stream_opened());
    EXPECT_EQ(ended_.load(), 0);
  }
  // The heartbeat is an hour away: only the pending read can have noticed.
  EXPECT_TRUE(wait_until([this] { return ended_.load() == 1; }));
  EXPECT_FALSE(body()->push("nobody there"));
}

TEST_F(StreamReplyTest, StopEndsOpenStreamsAtOnceRatherThanAfterTheGrace) {
  auto options = http_test::test_options();
  options.shutdown_grace = std::chrono::seconds(60);
  const Router r = router();
  RunningServer server(options, r);
  TestClient client(server.port());
  ASSERT_TRUE(client.send(kOpen));
  ASSERT_TRUE(client.read_until("hello\n"));
  ASSERT_TRUE(stream_opened());
  EXPECT_TRUE(server.stop_and_wait(http_test::kDeadline));
  EXPECT_TRUE(client.wait_closed());
  EXPECT_EQ(ended_.load(), 1);
}

TEST_F(StreamReplyTest, HeadGetsTheHeadAndTheStreamEnds) {
  const Router r = router();
  RunningServer server(http_test::test_options(), r);
  TestClient client(server.port());
  ASSERT_TRUE(client.send("HEAD /stream HTTP/1.1\r\n\r\n"));
  auto head = client.read_until("\r\n\r\n");
  ASSERT_TRUE(head);
  EXPECT_NE(head->find("200 OK"), std::string::npos);
  EXPECT_TRUE(client.wait_closed());
  EXPECT_TRUE(wait_until([this] { return ended_.load() == 1; }));
}

TEST_F(StreamReplyTest, AClientThatStopsReadingIsCutOffNotBufferedForever) {
  const Router r = router();
  RunningServer server(http_test::test_options(), r);
  TestClient client(server.port());
  ASSERT_TRUE(client.send(kOpen));
  ASSERT_TRUE(stream_opened());
  // The client reads nothing: the kernel's buffers fill, then the stream's.
  const std::string chunk(4096, 'x');
  bool cut_off = false;
  for (int i = 0; i < 64 * 1024 && !cut_off; ++i) {
    if (!body()->push(chunk)) cut_off = true;
    if (i % 64 == 0) std::this_thread::sleep_for(milliseconds(1));  // lets the writer fill the socket
  }
  EXPECT_TRUE(cut_off);
  EXPECT_TRUE(wait_until([this] { return ended_.load() == 1; }));
}

}  // namespace
}  // namespace sala::web
