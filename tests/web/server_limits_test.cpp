// Limits and framing: body and head sizes, request smuggling shapes, and the
// timeouts that protect against slow clients.

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "test_client.hpp"
#include "test_routes.hpp"
#include "web/server.hpp"

namespace sala::web {
namespace {

using http_test::Clock;
using http_test::round_trip;
using http_test::RunningServer;
using http_test::TestClient;
using std::chrono::milliseconds;

class ServerLimitsTest : public ::testing::Test {
 protected:
  Router router_ = http_test::basic_router();
};

// The reply must be a JSON error with the code, and the server must close.
void expect_error_and_close(TestClient& client, int status, std::string_view code,
                            std::string_view what) {
  const auto r = client.read_response();
  ASSERT_TRUE(r) << what;
  EXPECT_EQ(r->status, status) << what;
  EXPECT_EQ(r->header("content-type"), "application/json; charset=utf-8") << what;
  EXPECT_NE(r->body.find("\"" + std::string(code) + "\""), std::string::npos) << what << r->body;
  EXPECT_TRUE(r->header("content-length")) << what;
  if (r->version == "HTTP/1.1") {
    EXPECT_EQ(r->header("connection"), "close") << what;
  }
  EXPECT_TRUE(client.wait_closed()) << what;
}

TEST_F(ServerLimitsTest, ContentLengthAboveLimitIsRefusedUnread) {
  RunningServer server(http_test::test_options(), router_);
  TestClient client(server.port());
  // No body is ever sent: the answer must not wait for it.
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nContent-Length: 17\r\n\r\n"));
  expect_error_and_close(client, 413, "body_too_large", "content-length");
}

TEST_F(ServerLimitsTest, RefusedBodyAlreadySentStillGetsTheReply) {
  RunningServer server(http_test::test_options(), router_);
  TestClient client(server.port());
  const std::string body(200 * 1024, 'x');
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\n\r\n" + body));
  expect_error_and_close(client, 413, "body_too_large", "sent body");
}

TEST_F(ServerLimitsTest, ChunkedBodyAboveLimitIsRefused) {
  RunningServer server(http_test::test_options(), router_);
  TestClient client(server.port());
  ASSERT_TRUE(
      client.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "10\r\n0123456789abcdef\r\n5\r\nmore!\r\n0\r\n\r\n"));
  expect_error_and_close(client, 413, "body_too_large", "chunked");
}

TEST_F(ServerLimitsTest, LargeBodyWithinRouteLimit) {
  RunningServer server(http_test::test_options(), router_);
  const std::string body(600 * 1024, 'y');
  const auto r = round_trip(server.port(), "POST /big HTTP/1.1\r\nContent-Length: " +
                                               std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, std::to_string(body.size()));
}

TEST_F(ServerLimitsTest, AmbiguousFramingIsRejected) {
  RunningServer server(http_test::test_options(), router_);
  const char* heads[] = {
      "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: +5\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: \r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST /echo HTTP/1.1\r\nTransfer-Encoding : chunked\r\n\r\n",
      "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
      "GET /hello HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n",
      "GET /hello HTTP/1.1\nHost: x\r\n\r\n",
      "GET /hello HTTP/1.1\r\nHost: x\rY: z\r\n\r\n",
      "GET /hello HTTP/9.9\r\n\r\n",
      "GARBAGE\r\n\r\n",
  };
  for (const char* head : heads) {
    TestClient client(server.port());
    ASSERT_TRUE(client.send(head));
    expect_error_and_close(client, 400, "bad_request", head);
  }
}

TEST_F(ServerLimitsTest, OversizedHeadGets431) {
  auto options = http_test::test_options();
  options.header_limit = 1024;
  RunningServer server(options, router_);
  {
    TestClient client(server.port());
    ASSERT_TRUE(
        client.send("GET /hello HTTP/1.1\r\nCookie: " + std::string(2000, 'c') + "\r\n\r\n"));
    expect_error_and_close(client, 431, "header_too_large", "long header");
  }
  {
    TestClient client(server.port());
    ASSERT_TRUE(client.send("GET /" + std::string(2000, 'a') + " HTTP/1.1\r\n\r\n"));
    expect_error_and_close(client, 431, "header_too_large", "long target");
  }
  {
    // Never terminated: refused as soon as the limit is passed, not at the timeout.
    TestClient client(server.port());
    const auto begin = Clock::now();
    ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nX: " + std::string(1500, 'x')));
    expect_error_and_close(client, 431, "header_too_large", "unterminated");
    EXPECT_LT(Clock::now() - begin, milliseconds(1500));
  }
  const auto ok =
      round_trip(server.port(), "GET /hello HTTP/1.1\r\nX: " + std::string(500, 'x') + "\r\n\r\n");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerLimitsTest, SlowHeadIsCutOffWithoutSlowingOthers) {
  auto options = http_test::test_options();
  options.io_threads = 1;  // one thread: a blocked session would stall everyone
  options.header_timeout = milliseconds(300);
  RunningServer server(options, router_);

  std::atomic<bool> slow_closed{false};
  Clock::duration slow_lifetime{};
  std::thread slowloris([&] {
    TestClient slow(server.port());
    const auto first_byte = Clock::now();
    if (!slow.send("GET /hello HTTP/1.1\r\n")) return;
    // One header byte every 50 ms, until the server hangs up (or 3 s pass).
    while (Clock::now() - first_byte < std::chrono::seconds(3)) {
      if (!slow.send("x") || !slow.stays_open_for(milliseconds(50))) {
        slow_lifetime = Clock::now() - first_byte;
        slow_closed = true;
        return;
      }
    }
  });

  int served = 0;
  auto worst = Clock::duration::zero();
  while (!slow_closed && served < 1000) {
    const auto begin = Clock::now();
    const auto r = round_trip(server.port(), "GET /hello HTTP/1.1\r\n\r\n");
    if (!r || r->status != 200) {
      ADD_FAILURE() << "a normal request failed while the slow client was connected";
      break;
    }
    worst = std::max(worst, Clock::now() - begin);
    ++served;
  }
  slowloris.join();
  ASSERT_TRUE(slow_closed);
  EXPECT_GE(slow_lifetime, milliseconds(250));
  EXPECT_LT(slow_lifetime, milliseconds(1500));
  EXPECT_GT(served, 2);
  EXPECT_LT(worst, milliseconds(200));
}

TEST_F(ServerLimitsTest, IdleKeepAliveConnectionCloses) {
  auto options = http_test::test_options();
  options.idle_timeout = milliseconds(300);
  RunningServer server(options, router_);
  TestClient client(server.port());
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(client.read_response());
  const auto begin = Clock::now();
  EXPECT_TRUE(client.wait_closed());
  EXPECT_GE(Clock::now() - begin, milliseconds(250));
}

TEST_F(ServerLimitsTest, SlowBodyCloses) {
  auto options = http_test::test_options();
  options.body_timeout = milliseconds(300);
  RunningServer server(options, router_);
  TestClient client(server.port());
  const auto begin = Clock::now();
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nab"));
  EXPECT_TRUE(client.wait_closed());
  EXPECT_GE(Clock::now() - begin, milliseconds(250));
}

}  // namespace
}  // namespace sala::web
