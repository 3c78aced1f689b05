#pragma once

// One accepted connection. Private to src/web.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "web/client_ip.hpp"
#include "web/net.hpp"
#include "web/reply.hpp"
#include "web/reply_slot.hpp"
#include "web/router.hpp"
#include "web/server.hpp"

namespace sala::web {

// What every session of one server shares. Owned by the server, read-only
// while sessions run.
struct SessionContext {
  ServerOptions options;
  const Router* router = nullptr;
  TrustedProxies trusted;
  std::shared_ptr<ServerGate> gate;
};

// Reads requests, routes them, waits for the handler's answer and writes it,
// until the client leaves, a timeout or error closes the connection, or the
// server shuts down. Every member runs on the socket's strand; the server
// reaches drain() and force_close() by posting there. session.cpp holds the
// request loop, session_io.cpp the socket reads and writes, session_stream.cpp
// streamed replies.
class Session : public std::enable_shared_from_this<Session> {
 public:
  // Requires: the socket's executor is a strand of its own; `context`
  // outlives the session.
  Session(tcp::socket socket, const SessionContext& context);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The connection's whole life. Requires: owned by a shared_ptr.
  net::awaitable<void> run();
  // Graceful shutdown: no new request is read; one in flight is answered
  // with Connection: close. An idle connection closes at once.
  void drain();
  // After the grace period: close now, abandoning a pending handler.
  void force_close();

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  enum class Next { keep_going, close, close_after_linger };
  enum class ReadStatus { ok, closed, too_large, malformed };
  using Parser = http::request_parser<http::string_body>;

  net::awaitable<bool> wait_for_request();
  net::awaitable<Next> serve_one();
  net::awaitable<ReadStatus> read_head();
  net::awaitable<ReadStatus> read_body(std::size_t limit);
  net::awaitable<std::optional<Reply>> call_handler(const Route* route, Request request);
  net::awaitable<bool> send(Reply reply, unsigned version, bool keep_alive, bool is_head);
  // Writes a streamed reply until it ends; the connection closes afterwards.
  net::awaitable<void> send_stream(Reply reply, unsigned version, bool is_head);
  // Ends `body` when the client closes its side or the socket fails.
  net::awaitable<void> watch_for_hangup(std::shared_ptr<StreamBody> body);
  // Requires: `body` outlives the write.
  net::awaitable<bool> write_all(std::string head, std::string_view body);
  net::awaitable<Next> reject(Reply reply, unsigned version, bool is_head);
  net::awaitable<void> linger();

  const SessionContext& context_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  net::steady_timer reply_timer_;  // wakes run() when a handler answers
  std::string peer_;
  bool is_idle_ = false;
  bool is_streaming_ = false;
  bool draining_ = false;
  bool closed_ = false;
};

}  // namespace sala::web
