// Graceful shutdown: stop() stops accepting, closes idle connections, lets
// requests in flight be answered, and gives up after shutdown_grace.

#include <csignal>
#include <future>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "test_client.hpp"
#include "test_routes.hpp"
#include "web/server.hpp"

namespace sala::web {
namespace {

using http_test::Clock;
using http_test::kDeadline;
using http_test::RunningServer;
using http_test::TestClient;
using std::chrono::milliseconds;

// GET /hold: the handler parks its Respond here and reports that it did.
struct Parked {
  std::mutex mutex;
  std::optional<Respond> parked;
  std::promise<void> entered;

  Router router() {
    Router r = http_test::basic_router();
    r.add({Method::get, "/hold", [this](Request, Respond respond) {
             {
               std::lock_guard lock(mutex);
               parked = std::move(respond);
             }
             entered.set_value();
           }});
    return r;
  }
  Respond take() {
    std::lock_guard lock(mutex);
    return std::move(*parked);
  }
};

bool accepts_connections(std::uint16_t port) {
  TestClient probe(port);
  return probe.connected() && probe.send("GET /hello HTTP/1.1\r\n\r\n") &&
         probe.read_response(true, milliseconds(500)).has_value();
}

TEST(ServerShutdownTest, RequestInFlightIsAnsweredAfterStop) {
  Parked parked;
  const Router router = parked.router();
  RunningServer server(http_test::test_options(), router);

  TestClient idle(server.port());
  ASSERT_TRUE(idle.send("GET /hello HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(idle.read_response());

  TestClient busy(server.port());
  ASSERT_TRUE(busy.send("GET /hold HTTP/1.1\r\n\r\n"));
  ASSERT_EQ(parked.entered.get_future().wait_for(kDeadline), std::future_status::ready);

  server.server().stop();
  EXPECT_TRUE(idle.wait_closed());  // idle keep-alive connection closed at once
  EXPECT_TRUE(http_test::wait_until([&] { return !accepts_connections(server.port()); }));
  EXPECT_FALSE(server.wait_finished(milliseconds(0)));  // still waiting for the handler

  // The answer comes 300 ms later from a worker thread, as a slow write would.
  std::thread worker([respond = parked.take()] {
    std::this_thread::sleep_for(milliseconds(300));  // the slow work being simulated
    respond(Reply::json(200, R"({"done":true})"));
  });
  const auto r = busy.read_response();
  worker.join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"done":true})");
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(busy.wait_closed());
  EXPECT_TRUE(server.wait_finished(kDeadline));
}

TEST(ServerShutdownTest, GraceLimitClosesWhatIsLeft) {
  Parked parked;
  const Router router = parked.router();
  auto options = http_test::test_options();
  options.shutdown_grace = milliseconds(300);
  std::optional<Respond> late;
  {
    RunningServer server(options, router);
    TestClient busy(server.port());
    ASSERT_TRUE(busy.send("GET /hold HTTP/1.1\r\n\r\n"));
    ASSERT_EQ(parked.entered.get_future().wait_for(kDeadline), std::future_status::ready);
    const auto begin = Clock::now();
    server.server().stop();
    EXPECT_TRUE(server.wait_finished(kDeadline));
    const auto took = Clock::now() - begin;
    EXPECT_GE(took, milliseconds(250));
    EXPECT_LT(took, milliseconds(2000));
    EXPECT_TRUE(busy.wait_closed());
    late = parked.take();
  }
  // The server is gone; a worker answering now must be harmless.
  (*late)(Reply::empty(200));
}

TEST(ServerShutdownTest, StopWithoutConnectionsReturnsPromptlyAndTwiceIsFine) {
  const Router router = http_test::basic_router();
  RunningServer server(http_test::test_options(), router);
  ASSERT_TRUE(accepts_connections(server.port()));
  server.server().stop();
  server.server().stop();
  EXPECT_TRUE(server.wait_finished(kDeadline));
}

TEST(ServerShutdownTest, SigtermStopsTheServer) {
  const Router router = http_test::basic_router();
  Server server(http_test::test_options(), router);
  ASSERT_TRUE(server.start());
  server.install_signal_handlers();
  std::promise<void> finished;
  auto done = finished.get_future();
  std::thread runner([&] {
    server.run();
    finished.set_value();
  });
  ASSERT_TRUE(accepts_connections(server.port()));
  std::raise(SIGTERM);
  const bool returned = done.wait_for(kDeadline) == std::future_status::ready;
  if (!returned) server.stop();
  runner.join();
  EXPECT_TRUE(returned);
}

}  // namespace
}  // namespace sala::web
