#include "web/server.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_client.hpp"
#include "test_routes.hpp"

namespace sala::web {
namespace {

using http_test::round_trip;
using http_test::RunningServer;
using http_test::TestClient;

constexpr std::string_view kGetHello = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";

class ServerTest : public ::testing::Test {
 protected:
  Router router_ = http_test::basic_router();
  RunningServer server_{http_test::test_options(), router_};
};

TEST_F(ServerTest, AnswersWithContentLengthAndDefaultHeaders) {
  ASSERT_TRUE(server_.started());
  ASSERT_NE(server_.port(), 0);
  const auto r = round_trip(server_.port(), kGetHello);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"hello":"world"})");
  EXPECT_EQ(r->header("content-length"), "17");
  EXPECT_EQ(r->header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->header("x-content-type-options"), "nosniff");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  TestClient client(server_.port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(client.send(kGetHello));
    const auto r = client.read_response();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_FALSE(r->header("connection"));
  }
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n"));
  const auto last = client.read_response();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->header("connection"), "close");
  EXPECT_TRUE(client.wait_closed());
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveIsAsked) {
  {
    TestClient client(server_.port());
    ASSERT_TRUE(client.send("GET /hello HTTP/1.0\r\n\r\n"));
    const auto r = client.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->version, "HTTP/1.0");
    EXPECT_EQ(r->status, 200);
    EXPECT_TRUE(client.wait_closed());
  }
  TestClient client(server_.port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const auto r = client.read_response();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->header("connection"), "keep-alive");
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  TestClient client(server_.port());
  std::string batch;
  for (int i = 0; i < 20; ++i) batch += "GET /echo/n" + std::to_string(i) + " HTTP/1.1\r\n\r\n";
  batch += "POST /echo HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody";
  batch += "GET /later HTTP/1.1\r\n\r\n";
  batch += "HEAD /hello HTTP/1.1\r\n\r\n";
  batch += std::string(kGetHello);
  ASSERT_TRUE(client.send(batch));
  for (int i = 0; i < 20; ++i) {
    const auto r = client.read_response();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->body, "n" + std::to_string(i) + "|/echo/n" + std::to_string(i) + "|");
  }
  EXPECT_EQ(client.read_response()->body, "body");
  EXPECT_EQ(client.read_response()->body, "later");
  const auto head = client.read_response(/*has_body=*/false);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->header("content-length"), "17");
  // If HEAD had sent a body, this would read it instead of the next reply.
  const auto after = client.read_response();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(after->body, R"({"hello":"world"})");
}

TEST_F(ServerTest, DecodesPathAndQuery) {
  const auto r = round_trip(server_.port(), "GET /echo/caf%C3%A9?a=1&b=x+y&a=%2F HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "caf\xC3\xA9|/echo/caf\xC3\xA9|a=1;b=x y;a=/;");
}

TEST_F(ServerTest, RejectsBadPathsBeforeRouting) {
  for (const char* target : {"/echo/a%2Fb", "/echo/%00", "/echo/%C0%AE", "/echo/%G1", "/echo/%",
                             "/echo/%FF", "*", "http://example.com/hello"}) {
    const auto r = round_trip(server_.port(), "GET " + std::string(target) + " HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    EXPECT_EQ(r->header("content-type"), "application/json; charset=utf-8") << target;
    EXPECT_NE(r->body.find("\"bad_request\""), std::string::npos) << target;
    EXPECT_EQ(r->header("x-content-type-options"), "nosniff") << target;
  }
}

TEST_F(ServerTest, UnknownPathAndWrongMethodAreJsonErrors) {
  const auto missing =
      round_trip(server_.port(), "GET /<script>alert(1)</script> HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(missing->body.find("script"), std::string::npos);  // nothing reflected
  EXPECT_TRUE(missing->header("content-length"));

  const auto wrong = round_trip(server_.port(), "DELETE /hello HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->header("allow"), "GET, HEAD");
  EXPECT_NE(wrong->body.find("method_not_allowed"), std::string::npos);
  EXPECT_EQ(wrong->header("x-content-type-options"), "nosniff");
}

TEST_F(ServerTest, HandlerExceptionGives500AndServerKeepsServing) {
  TestClient client(server_.port());
  ASSERT_TRUE(client.send("GET /throw HTTP/1.1\r\n\r\n"));
  const auto failed = client.read_response();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500);
  EXPECT_EQ(failed->body,
            R"({"error":{"code":"internal","message":"something went wrong on our side"}})");
  ASSERT_TRUE(client.send(kGetHello));  // same connection still works
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, SharedBodyAndAnswerFromAnotherThread) {
  const auto shared = round_trip(server_.port(), "GET /shared HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(shared);
  EXPECT_EQ(shared->body, R"(["cached"])");
  EXPECT_EQ(shared->header("content-length"), "10");
  const auto later = round_trip(server_.port(), "GET /later HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->body, "later");
}

TEST_F(ServerTest, ServerOwnsFramingAndDropsUnsafeHeaders) {
  const auto r = round_trip(server_.port(), "GET /headers HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("x-good"), "yes");
  EXPECT_FALSE(r->header("x-bad"));
  EXPECT_FALSE(r->header("injected"));
  EXPECT_FALSE(r->header("bad name"));
  EXPECT_EQ(r->header("content-length"), "1");
  EXPECT_FALSE(r->header("connection"));
  EXPECT_EQ(r->header("x-content-type-options"), "custom");  // the handler's own wins
  EXPECT_EQ(r->body, "h");
}

TEST_F(ServerTest, StatusesWithoutBodyAndInvalidStatuses) {
  TestClient client(server_.port());
  ASSERT_TRUE(client.send("GET /status/204 HTTP/1.1\r\n\r\nGET /status/42 HTTP/1.1\r\n\r\n"));
  const auto no_content = client.read_response();
  ASSERT_TRUE(no_content);
  EXPECT_EQ(no_content->status, 204);
  EXPECT_FALSE(no_content->header("content-length"));
  const auto invalid = client.read_response();
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 500);
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  TestClient client(server_.port());
  ASSERT_TRUE(
      client.send("POST /echo HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"));
  const auto interim = client.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send("ok"));
  const auto r = client.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok");
}

TEST_F(ServerTest, ChunkedBodyWithinLimit) {
  const auto r = round_trip(server_.port(),
                            "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "abcde");
}

TEST_F(ServerTest, ChunkedBodyArrivingInPieces) {
  TestClient client(server_.port());
  const char* pieces[] = {"POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                          "3\r",
                          "\nab",
                          "c\r\n",
                          "2;ext=1\r\nde\r\n0\r\n",
                          "\r\n"};
  for (const char* piece : pieces) {
    ASSERT_TRUE(client.send(piece));
    if (std::string_view(piece) != "\r\n") {
      EXPECT_TRUE(client.stays_open_for(std::chrono::milliseconds(20))) << "answered early";
    }
  }
  const auto r = client.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "abcde");
}

TEST_F(ServerTest, BodyOnGetIsConsumedByItsFraming) {
  TestClient client(server_.port());
  ASSERT_TRUE(
      client.send("GET /hello HTTP/1.1\r\nContent-Length: 23\r\n\r\n"
                  "GET /throw HTTP/1.1\r\n\r\n"  // body bytes, not a request
                  "GET /echo/x HTTP/1.1\r\n\r\n"));
  const auto first = client.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  const auto second = client.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "x|/echo/x|");
}

TEST_F(ServerTest, ManyClientsAtOnce) {
  constexpr int kClients = 8;
  constexpr int kRequests = 40;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      TestClient client(server_.port());
      for (int i = 0; i < kRequests; ++i) {
        const std::string name = std::to_string(c) + "-" + std::to_string(i);
        const std::string path = i % 2 == 0 ? "/echo/" + name : "/later";
        if (!client.send("GET " + path + " HTTP/1.1\r\n\r\n")) return;
        const auto r = client.read_response();
        if (!r) return;
        if (r->body == (i % 2 == 0 ? name + "|/echo/" + name + "|" : "later")) ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
}

TEST(ServerClientAddressTest, ForwardedForOnlyFromTrustedProxy) {
  const Router router = http_test::basic_router();
  const std::string request = "GET /client HTTP/1.1\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n";
  {
    RunningServer server(http_test::test_options(), router);
    const auto r = round_trip(server.port(), request);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "127.0.0.1");
  }
  auto options = http_test::test_options();
  options.trusted_proxies = {"127.0.0.1"};
  RunningServer server(options, router);
  const auto r = round_trip(server.port(), request);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "198.51.100.7");
  // Split across two fields, the later field is the nearer hop.
  const auto split = round_trip(server.port(),
                                "GET /client HTTP/1.1\r\nX-Forwarded-For: "
                                "198.51.100.7\r\nX-Forwarded-For: 203.0.113.1\r\n\r\n");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->body, "203.0.113.1");
}

TEST(ServerStartTest, ReportsErrorsAsValues) {
  const Router router = http_test::basic_router();
  RunningServer first(http_test::test_options(), router);
  ASSERT_TRUE(first.started());

  auto same_port = http_test::test_options();
  same_port.port = first.port();
  Server second(same_port, router);
  const auto in_use = second.start();
  ASSERT_FALSE(in_use);
  EXPECT_EQ(in_use.error().code, Errc::unavailable);

  auto bad_host = http_test::test_options();
  bad_host.host = "not an address";
  Server third(bad_host, router);
  EXPECT_FALSE(third.start());

  auto bad_proxy = http_test::test_options();
  bad_proxy.trusted_proxies = {"10.0.0.0/99"};
  Server fourth(bad_proxy, router);
  const auto proxy_error = fourth.start();
  ASSERT_FALSE(proxy_error);
  EXPECT_EQ(proxy_error.error().code, Errc::invalid_argument);
}

}  // namespace
}  // namespace sala::web
