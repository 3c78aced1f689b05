#include "web/session.hpp"

#include <algorithm>
#include <exception>
#include <string_view>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "web/target.hpp"
#include "web/wire.hpp"

namespace sala::web {
namespace {

// Expected network outcomes (EOF, timeouts, cancellation) come back as
// values; only real bugs travel as exceptions.
constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);

Reply bad_request(std::string_view message) { return Reply::error(400, "bad_request", message); }

// Log text can carry client input: no control characters, bounded length.
std::string printable(std::string_view text) {
  std::string out(text.substr(0, 200));
  std::replace_if(
      out.begin(), out.end(),
      [](char c) { return static_cast<unsigned char>(c) < 0x20U || c == 0x7F; }, '?');
  return out;
}

}  // namespace

Session::Session(tcp::socket socket, const SessionContext& context)
    : context_(context), stream_(std::move(socket)), reply_timer_(stream_.get_executor()) {
  beast::error_code ec;
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) peer_ = endpoint.address().to_string();
}

net::awaitable<void> Session::run() {
  Next next = Next::close;
  while (co_await wait_for_request()) {
    // The head's deadline counts from its first byte, so a client that
    // sends one byte at a time is cut off however it paces them.
    stream_.expires_after(context_.options.header_timeout);
    next = co_await serve_one();
    if (next != Next::keep_going) break;
  }
  if (next == Next::close_after_linger && !closed_) co_await linger();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
  closed_ = true;
}

void Session::drain() {
  draining_ = true;
  if (is_idle_) stream_.cancel();
  if (is_streaming_) reply_timer_.cancel();
}

void Session::force_close() {
  draining_ = true;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
  reply_timer_.cancel();
}

net::awaitable<Session::Next> Session::serve_one() {
  const ReadStatus head = co_await read_head();
  if (head == ReadStatus::closed) co_return Next::close;
  if (head == ReadStatus::too_large) {
    co_return co_await reject(
        Reply::error(431, "header_too_large", "the request head is too large"), 11, false);
  }
  if (head == ReadStatus::malformed) {
    co_return co_await reject(bad_request("the request is malformed"), 11, false);
  }

  const WireRequest& message = parser_->get();
  const unsigned version = message.version();
  const bool is_head = message.method() == http::verb::head;
  if (version / 10 != 1)
    co_return co_await reject(bad_request("only HTTP/1.x is served"), 11, false);
  if (!has_unambiguous_framing(message)) {
    co_return co_await reject(bad_request("the request body framing is ambiguous"), version,
                              is_head);
  }
  auto target = parse_target(message.target());
  if (!target)
    co_return co_await reject(bad_request("the request path is invalid"), version, is_head);

  RouteMatch match = context_.router->match(to_method(message.method()), target->path);
  bool keep_alive = message.keep_alive();
  if (match.route == nullptr) {
    // Reading an unwanted body just to stay keep-alive is not worth it.
    if (!parser_->is_done())
      co_return co_await reject(Router::unmatched_reply(match), version, is_head);
    keep_alive = keep_alive && !draining_;
    const bool sent = co_await send(Router::unmatched_reply(match), version, keep_alive, is_head);
    co_return sent&& keep_alive ? Next::keep_going : Next::close;
  }

  if (!parser_->is_done()) {
    const ReadStatus body = co_await read_body(match.route->body_limit);
    if (body == ReadStatus::closed) co_return Next::close;
    if (body == ReadStatus::too_large) {
      co_return co_await reject(
          Reply::error(413, "body_too_large", "the request body is too large"), version, is_head);
    }
    if (body == ReadStatus::malformed) {
      co_return co_await reject(bad_request("the request body is malformed"), version, is_head);
    }
  }

  const auto forwarded = forwarded_for(message);
  std::string client = resolve_client_address(
      peer_, forwarded ? std::optional<std::string_view>(*forwarded) : std::nullopt,
      context_.trusted);
  Request request = to_request(parser_->release(), std::move(*target), std::move(client));
  request.path_params = std::move(match.params);
  std::optional<Reply> reply = co_await call_handler(match.route, std::move(request));
  if (!reply) co_return Next::close;  // force-closed while the handler ran
  if (reply->stream) {
    co_await send_stream(std::move(*reply), version, is_head);
    co_return Next::close;
  }

  keep_alive = keep_alive && !draining_;  // stop() may have come while the handler ran
  const bool sent = co_await send(std::move(*reply), version, keep_alive, is_head);
  co_return sent&& keep_alive ? Next::keep_going : Next::close;
}

net::awaitable<std::optional<Reply>> Session::call_handler(const Route* route, Request request) {
  std::weak_ptr<Session> weak = weak_from_this();
  auto slot = std::make_shared<ReplySlot>(context_.gate, [weak] {
    // Runs on whichever thread answered; the session resumes on its strand.
    if (auto self = weak.lock()) {
      net::post(self->executor(), [self] { self->reply_timer_.cancel(); });
    }
  });
  // Held until the handler returns, so a handler that throws is logged as
  // throwing rather than as having dropped its Respond.
  Respond respond = make_respond(slot);
  // The exception boundary for handlers: a throw becomes a 500 for this
  // request only, and the connection keeps serving.
  try {
    route->handler(std::move(request), respond);
  } catch (const std::exception& e) {
    spdlog::error("web: handler for {} threw: {}", route->pattern, printable(e.what()));
    slot->offer(internal_error_reply());
  } catch (...) {
    spdlog::error("web: handler for {} threw a non-standard exception", route->pattern);
    slot->offer(internal_error_reply());
  }
  respond = nullptr;
  // Wake-ups can be stale (an earlier request's) or come from force_close(),
  // so the slot, not the timer, says whether the answer is there.
  for (;;) {
    if (std::optional<Reply> reply = slot->take()) co_return reply;
    if (closed_) co_return std::nullopt;
    reply_timer_.expires_at(net::steady_timer::time_point::max());
    co_await reply_timer_.async_wait(kAsTuple);
  }
}

net::awaitable<Session::Next> Session::reject(Reply reply, unsigned version, bool is_head) {
  const bool sent = co_await send(std::move(reply), version, false, is_head);
  co_return sent ? Next::close_after_linger : Next::close;
}

}  // namespace sala::web
