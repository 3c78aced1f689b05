#pragma once

// Blocking helpers for the socket tests: a raw HTTP/1.1 client that sends
// exactly the bytes a test writes, and a Server running on its own thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "web/request.hpp"
#include "web/router.hpp"
#include "web/server.hpp"

namespace sala::web::http_test {

using Clock = std::chrono::steady_clock;
// How long any single wait may take before the test fails instead of hanging.
constexpr std::chrono::seconds kDeadline{5};

struct HttpResponse {
  std::string version;  // "HTTP/1.1"
  int status = 0;
  std::vector<Header> headers;  // names lower-cased
  std::string body;

  std::optional<std::string_view> header(std::string_view lower_name) const;
};

class TestClient {
 public:
  explicit TestClient(std::uint16_t port);  // connects to 127.0.0.1
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(std::string_view bytes);
  // One response, framed by Content-Length (none when has_body is false, as
  // for HEAD). nullopt when the connection closes or the deadline passes.
  std::optional<HttpResponse> read_response(bool has_body = true,
                                            Clock::duration timeout = kDeadline);
  // Everything received up to and including the first `needle`, for
  // streamed replies; nullopt on close or timeout. The rest stays buffered.
  std::optional<std::string> read_until(std::string_view needle, Clock::duration timeout = kDeadline);
  // True when the server closes (EOF or reset) within the timeout; bytes
  // read meanwhile are discarded.
  bool wait_closed(Clock::duration timeout = kDeadline);
  // True when nothing arrives and the connection stays open for `quiet`.
  bool stays_open_for(Clock::duration quiet);

 private:
  enum class Fill { data, closed, timeout };
  Fill fill(Clock::time_point deadline);

  int fd_ = -1;
  std::string pending_;
};

// Sends one raw request on a new connection and reads the reply.
std::optional<HttpResponse> round_trip(std::uint16_t port, std::string_view raw,
                                       bool has_body = true);

// Polls `done` until it holds or the timeout passes; returns whether it held.
bool wait_until(const std::function<bool()>& done, Clock::duration timeout = kDeadline);

// A started Server whose run() executes on its own thread.
class RunningServer {
 public:
  RunningServer(ServerOptions options, const Router& router);
  ~RunningServer();  // stops and joins if the test did not

  bool started() const { return started_; }
  std::uint16_t port() const { return server_.port(); }
  Server& server() { return server_; }
  // stop(), then wait for run() to return.
  bool stop_and_wait(Clock::duration timeout = kDeadline);
  // Whether run() has returned within the timeout (without calling stop()).
  bool wait_finished(Clock::duration timeout);

 private:
  Server server_;
  bool started_ = false;
  std::promise<void> finished_;
  std::shared_future<void> finished_future_;
  std::thread thread_;
};

// Options for tests: an ephemeral port and timeouts short enough that a
// failing test ends quickly.
ServerOptions test_options();

}  // namespace sala::web::http_test
