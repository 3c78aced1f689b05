#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "web/request.hpp"

namespace sala::web {

class Router;

struct ServerOptions {
  std::string host = "127.0.0.1";                    // an IP address; names are not resolved
  std::uint16_t port = 8080;                         // 0 = any free port, see Server::port()
  unsigned io_threads = 0;                           // 0 = one per core
  std::size_t header_limit = 16 * 1024;              // larger head -> 431, close
  std::chrono::milliseconds header_timeout{10'000};  // whole head, from its first byte
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive wait for the next first byte
  std::chrono::milliseconds body_timeout{30'000};    // whole body, after the head
  std::chrono::milliseconds write_timeout{30'000};  // each reply, against clients that stop reading
  std::chrono::milliseconds shutdown_grace{10'000};  // after stop(), then everything closes
  std::vector<std::string> trusted_proxies;          // IPs or CIDRs ("10.0.0.0/8", "::1")
  // Added to every reply, error replies included, unless the handler set a
  // header of the same name (e.g. X-Content-Type-Options: nosniff).
  std::vector<Header> default_headers;
};

// An HTTP/1.1 server: keep-alive, pipelining, per-route body limits,
// timeouts against slow clients and graceful shutdown. One io_context runs
// on io_threads threads; each connection is a coroutine on its own strand.
//
// Every reply carries Content-Length (except 1xx, 204 and 304, which have no
// body by definition) and the default headers. Errors the server produces
// itself are JSON: 400 bad_request (unparsable or ambiguous head, bad path),
// 413 body_too_large, 431 header_too_large, 500 internal (a handler threw),
// plus the router's 404/405.
class Server {
 public:
  // Requires: `router` outlives the server and is not modified any more.
  Server(ServerOptions options, const Router& router);
  // Requires: run() has returned (or was never called).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Checks the options, binds and listens. Errors (bad host or trusted
  // proxy, address in use) come back as values. Call once.
  [[nodiscard]] Result<void> start();
  // The bound port (the chosen one when options.port was 0); 0 before start().
  std::uint16_t port() const;
  // Runs the I/O threads, the calling one included; blocks until a stop()
  // has completed. Call once, after start().
  void run();
  // Thread-safe, idempotent: stop accepting, close idle connections, let
  // requests in flight be answered (with Connection: close), and close
  // whatever is left after shutdown_grace. run() then returns.
  void stop();
  // SIGTERM and SIGINT call stop(). Call after start(), before run().
  void install_signal_handlers();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sala::web
