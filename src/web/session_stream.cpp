#include <array>
#include <chrono>
#include <memory>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "web/session.hpp"
#include "web/wire.hpp"

// Streamed replies (Server-Sent Events). Each open stream costs one
// connection, one coroutine parked on a timer and one pending read: nothing
// runs for an idle reader but the heartbeat.

namespace sala::web {
namespace {

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);

}  // namespace

net::awaitable<void> Session::send_stream(Reply reply, unsigned version, bool is_head) {
  const std::shared_ptr<StreamBody> body = reply.stream;
  std::string head = wire_head(reply, context_.options.default_headers, version, false);
  const bool sent = !draining_ && co_await write_all(std::move(head), {});
  if (!sent || is_head) {
    body->end();
    co_return;
  }

  std::weak_ptr<Session> weak = weak_from_this();
  body->set_waker([weak, gate = context_.gate] {
    gate->run_if_open([&] {
      if (auto self = weak.lock()) {
        net::post(self->executor(), [self] { self->reply_timer_.cancel(); });
      }
    });
  });
  net::co_spawn(executor(), watch_for_hangup(body), net::detached);
  // Nothing more is read as a request, and an idle reader should cost as
  // little as possible: the parser and the read buffer go now.
  parser_.reset();
  buffer_ = beast::flat_buffer();

  const auto& options = body->options();
  const bool has_heartbeat = !options.heartbeat_bytes.empty();
  auto last_write = std::chrono::steady_clock::now();
  is_streaming_ = true;
  while (!closed_ && !draining_) {
    std::string chunk = body->take();
    if (!chunk.empty()) {
      if (!co_await write_all(std::move(chunk), {})) break;
      last_write = std::chrono::steady_clock::now();
      continue;
    }
    if (body->ended()) break;
    // Woken early by a push, the end of the stream, drain() or force_close().
    reply_timer_.expires_at(has_heartbeat ? last_write + options.heartbeat
                                          : net::steady_timer::time_point::max());
    auto [ec] = co_await reply_timer_.async_wait(kAsTuple);
    if (!ec && has_heartbeat && !closed_) {
      if (!co_await write_all(options.heartbeat_bytes, {})) break;
      last_write = std::chrono::steady_clock::now();
    }
  }
  is_streaming_ = false;
  body->set_waker(nullptr);
  body->end();
}

net::awaitable<void> Session::watch_for_hangup(std::shared_ptr<StreamBody> body) {
  // Holds the session until the socket closes, which run() does right after
  // the stream loop ends, so this never outlives the connection for long.
  auto self = shared_from_this();
  // Anything the client sends now is ignored: the stream is the last reply
  // on this connection. Read on the raw socket so the stream's write
  // deadline does not apply to this read.
  std::array<char, 64> sink{};
  for (;;) {
    auto [ec, n] = co_await stream_.socket().async_read_some(net::buffer(sink), kAsTuple);
    if (ec) break;
  }
  body->end();
}

}  // namespace sala::web
