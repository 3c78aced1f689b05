#pragma once

// A minimal blocking HTTP/1.1 client over a plain POSIX socket, for tests
// that talk to a real server process. It sends exactly the bytes it is
// given (so tests can write malformed requests) and reads responses framed
// by Content-Length. Every wait has a deadline: a hung server fails the
// test instead of hanging it. Not thread-safe; one connection per thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sala::test {

using SteadyClock = std::chrono::steady_clock;
// How long one read or write may take before the request counts as failed.
constexpr std::chrono::milliseconds kIoTimeout{10'000};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  // 0 when no complete response arrived; `error` then says why.
  int status = 0;
  std::string error;
  HeaderList headers;  // names lower-cased, in arrival order
  std::string body;
  std::string raw;  // head and body exactly as received

  // The first header of that (lower-case) name.
  std::optional<std::string> header(std::string_view lower_name) const;
  // One line for assertion messages: status, error and the start of the body.
  std::string describe() const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target;
  std::string body;
  // Sent after Host. Content-Length is added for a body (and for POST,
  // PATCH and PUT without one); Content-Type: application/json is added
  // for a body unless a content-type is given here.
  HeaderList headers;
};

class HttpConnection {
 public:
  // Connects to 127.0.0.1:port; is_open() says whether it worked.
  explicit HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout = kIoTimeout);
  ~HttpConnection();
  HttpConnection(HttpConnection&& other) noexcept;
  HttpConnection& operator=(HttpConnection&& other) noexcept;
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool is_open() const { return fd_ >= 0; }
  std::uint16_t port() const { return port_; }

  // Writes all of `bytes`; false when the peer is gone or the write stalls.
  bool send_raw(std::string_view bytes);
  // Reads one final response (1xx interim responses are skipped). A HEAD
  // response and 204/304 have no body; a response without Content-Length
  // runs to the end of the connection.
  HttpResponse read_response(bool is_head = false);
  // Sends `request` and reads its response on this connection.
  HttpResponse request(const HttpRequest& request);

  HttpResponse get(std::string target, HeaderList headers = {});
  HttpResponse post(std::string target, std::string body, HeaderList headers = {});

  // For streamed responses: everything received up to and including the
  // first `needle` (the rest stays buffered); nullopt on close or timeout.
  std::optional<std::string> read_until(std::string_view needle, std::chrono::milliseconds timeout);

  // True when the server closes the connection (EOF or reset) within
  // `timeout`; whatever arrives meanwhile is discarded.
  bool wait_closed(std::chrono::milliseconds timeout);
  // True when the server has already closed; does not wait.
  bool is_closed_by_peer();
  void close();

  // The raw bytes of `request` as send_raw() would get them.
  std::string serialize(const HttpRequest& request) const;

 private:
  enum class Fill { data, closed, timeout };
  Fill fill(SteadyClock::time_point deadline);

  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::chrono::milliseconds timeout_;
  std::string buffer_;  // received, not yet consumed
};

}  // namespace sala::test
