#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include "web/session.hpp"
#include "web/wire.hpp"

// The Session members that touch the socket. Kept apart from the request
// loop in session.cpp because the asynchronous operations instantiated here
// dominate compile time; the loop then rebuilds on its own.

namespace sala::web {
namespace {

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);
constexpr std::size_t kReadChunk = 4096;
constexpr std::string_view kHeadEnd = "\r\n\r\n";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// Input the body parser has not taken yet (a chunk header in pieces).
constexpr std::size_t kMaxUnparsed = 64 * 1024;
// Closing a socket with unread input makes the kernel send a reset, which
// can destroy the error reply before the client reads it. So after refusing
// a request, discard input for a bounded time before closing.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;

}  // namespace

net::awaitable<bool> Session::wait_for_request() {
  if (closed_) co_return false;
  if (buffer_.size() > 0) co_return true;  // pipelined
  if (draining_) co_return false;
  is_idle_ = true;
  stream_.expires_after(context_.options.idle_timeout);
  auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kAsTuple);
  is_idle_ = false;
  if (ec) co_return false;  // EOF, idle timeout or drain(): the connection just ends
  buffer_.commit(n);
  co_return true;
}

// Reads up to the blank line itself, then hands the whole head to Beast in
// one piece: that way the raw bytes can be checked for bare LF and obs-fold,
// which Beast tolerates, and memory stays bounded by header_limit.
net::awaitable<Session::ReadStatus> Session::read_head() {
  const std::size_t limit = context_.options.header_limit;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(limit, std::numeric_limits<std::uint32_t>::max())));
  // The route's body limit is applied once the route is known; until then a
  // large Content-Length must not fail the head.
  parser_->body_limit(boost::none);
  std::size_t scanned = 0;
  for (;;) {
    const std::string_view data(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    const std::size_t end = data.find(kHeadEnd, scanned);
    if (end != std::string_view::npos) {
      const std::size_t head_size = end + kHeadEnd.size();
      if (head_size > limit) co_return ReadStatus::too_large;
      if (!is_clean_head(data.substr(0, head_size))) co_return ReadStatus::malformed;
      beast::error_code ec;
      buffer_.consume(parser_->put(net::buffer(data.data(), head_size), ec));
      if (ec == http::error::header_limit) co_return ReadStatus::too_large;
      if (ec || !parser_->is_header_done()) co_return ReadStatus::malformed;
      co_return ReadStatus::ok;
    }
    if (data.size() >= limit) co_return ReadStatus::too_large;
    scanned = data.size() >= kHeadEnd.size() ? data.size() - (kHeadEnd.size() - 1) : 0;
    const std::size_t room = std::min(kReadChunk, limit + kHeadEnd.size() - data.size());
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(room), kAsTuple);
    if (ec) co_return ReadStatus::closed;  // header timeout, EOF or reset mid-head
    buffer_.commit(n);
  }
}

// Feeds the parser from the connection buffer rather than through
// http::async_read: every read in a session is then the same async_read_some,
// and every write the same gather write, which keeps this file quick to compile.
net::awaitable<Session::ReadStatus> Session::read_body(std::size_t limit) {
  // Refuse before reading a byte of it: the client may still be waiting for
  // 100 Continue, and reading would only cost us the bandwidth.
  if (const auto length = parser_->content_length(); length && *length > limit) {
    co_return ReadStatus::too_large;
  }
  parser_->body_limit(limit);  // what bounds a chunked body
  parser_->eager(true);
  if (expects_continue(parser_->get())) {
    if (!co_await write_all(std::string(kContinue), {})) co_return ReadStatus::closed;
  }
  stream_.expires_after(context_.options.body_timeout);
  for (;;) {
    if (buffer_.size() > 0) {
      beast::error_code ec;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::body_limit) co_return ReadStatus::too_large;
      if (ec && ec != http::error::need_more) co_return ReadStatus::malformed;
      if (parser_->is_done()) co_return ReadStatus::ok;
      // An endless chunk header would otherwise grow the buffer until the timeout.
      if (buffer_.size() > kMaxUnparsed) co_return ReadStatus::malformed;
      if (!ec && used > 0) continue;
    }
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kAsTuple);
    if (ec) co_return ReadStatus::closed;  // body timeout, EOF mid-body or reset
    buffer_.commit(n);
  }
}

net::awaitable<bool> Session::send(Reply reply, unsigned version, bool keep_alive, bool is_head) {
  if (reply.status < 200 || reply.status > 599) {
    spdlog::error("web: a handler answered with status {}", reply.status);
    reply = internal_error_reply();
  }
  std::string head = wire_head(reply, context_.options.default_headers, version, keep_alive);
  // `reply` lives in this frame until the write completes, so a shared body
  // is sent from where it is, without a copy.
  co_return co_await write_all(std::move(head), is_head ? std::string_view{} : reply.payload());
}

net::awaitable<bool> Session::write_all(std::string head, std::string_view body) {
  const std::array<net::const_buffer, 2> buffers{net::buffer(head),
                                                 net::buffer(body.data(), body.size())};
  stream_.expires_after(context_.options.write_timeout);
  auto [ec, n] = co_await net::async_write(stream_, buffers, kAsTuple);
  co_return !ec;
}

net::awaitable<void> Session::linger() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  stream_.expires_after(kLingerTime);
  std::size_t discarded = 0;
  while (discarded < kLingerBytes && !closed_) {
    buffer_.consume(buffer_.size());
    auto [read_ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kAsTuple);
    if (read_ec) break;
    discarded += n;
  }
}

}  // namespace sala::web
