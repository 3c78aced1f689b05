#include "web/server.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "web/net.hpp"
#include "web/session.hpp"

namespace sala::web {
namespace {

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);
// Accept errors such as EMFILE repeat at once; pausing keeps the loop from
// spinning while descriptors are short.
constexpr std::chrono::milliseconds kAcceptBackoff{100};
// After the grace period every socket is closed; sessions then finish within
// a moment. This bounds run() even if one does not.
constexpr std::chrono::milliseconds kLastResort{1000};

void log_exception(const std::exception_ptr& error, const char* where) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("web: {} ended by an exception: {}", where, e.what());
  } catch (...) {
    spdlog::error("web: {} ended by a non-standard exception", where);
  }
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router)
      : strand_(net::make_strand(io_context_)),
        acceptor_(strand_),
        backoff_timer_(strand_),
        timer_(strand_) {
    context_.options = std::move(options);
    context_.router = &router;
    context_.gate = std::make_shared<ServerGate>();
  }

  ~Impl() {
    // Late answers from worker threads must not touch the io_context below.
    context_.gate->close();
  }

  Result<void> start() {
    if (started_) return Error::invalid("already_started", "the server was already started");
    auto trusted = TrustedProxies::parse(context_.options.trusted_proxies);
    if (!trusted) return trusted.error();
    context_.trusted = std::move(*trusted);

    beast::error_code ec;
    const auto address = net::ip::make_address(context_.options.host, ec);
    if (ec) {
      return Error::invalid("invalid_host",
                            "host \"" + context_.options.host + "\" is not an IP address");
    }
    const tcp::endpoint endpoint(address, context_.options.port);
    const auto failed = [&](const char* step) -> Result<void> {
      return Error{Errc::unavailable,
                   "cannot listen on " + context_.options.host + ":" +
                       std::to_string(context_.options.port) + ": " + ec.message(),
                   step,
                   {}};
    };
    if (acceptor_.open(endpoint.protocol(), ec); ec) return failed("open");
    if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) return failed("reuse");
    if (acceptor_.bind(endpoint, ec); ec) return failed("bind");
    if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) return failed("listen");
    port_ = acceptor_.local_endpoint(ec).port();
    started_ = true;
    net::co_spawn(strand_, accept_loop(),
                  [](const std::exception_ptr& e) { log_exception(e, "the accept loop"); });
    return {};
  }

  std::uint16_t port() const { return port_.load(); }

  void run() {
    const unsigned wanted = context_.options.io_threads != 0 ? context_.options.io_threads
                                                             : std::thread::hardware_concurrency();
    const unsigned count = std::max(1U, wanted);
    std::vector<std::thread> threads;
    threads.reserve(count - 1);
    for (unsigned i = 1; i < count; ++i) threads.emplace_back([this] { run_thread(); });
    run_thread();
    for (std::thread& t : threads) t.join();
  }

  void stop() {
    net::post(strand_, [this] { begin_shutdown(); });
  }

  void install_signal_handlers() {
    signals_.emplace(strand_, SIGINT, SIGTERM);
    signals_->async_wait([this](const beast::error_code& ec, int) {
      if (!ec) begin_shutdown();
    });
  }

 private:
  void run_thread() {
    // A handler that throws out of run() must not take the thread down with
    // it; the loop picks up the remaining work.
    for (;;) {
      try {
        io_context_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("web: an I/O thread caught: {}", e.what());
      }
    }
  }

  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(io_context_), kAsTuple);
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) co_return;
      if (ec) {
        spdlog::warn("web: accept failed: {}", ec.message());
        backoff_timer_.expires_after(kAcceptBackoff);
        co_await backoff_timer_.async_wait(kAsTuple);
        continue;
      }
      start_session(tcp::socket(std::move(socket)));
    }
  }

  void start_session(tcp::socket socket) {
    // Without it the last segment of a reply can wait for the client's
    // delayed ACK (40 ms on Linux). Replies go out in one write, so no
    // small packets follow from this.
    beast::error_code nodelay_error;
    socket.set_option(tcp::no_delay(true), nodelay_error);
    auto session = std::make_shared<Session>(std::move(socket), context_);
    std::uint64_t id = 0;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      id = next_id_++;
      sessions_.emplace(id, session);
    }
    // The function object handed to co_spawn lives in the coroutine frame, so
    // it is what keeps the session alive; the completion handler is the last
    // exception boundary, closing only this connection.
    net::co_spawn(
        session->executor(), [session]() -> net::awaitable<void> { co_await session->run(); },
        [this, id](const std::exception_ptr& e) {
          log_exception(e, "a connection");
          session_ended(id);
        });
  }

  void session_ended(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    sessions_.erase(id);
    // The grace timer is what would keep run() from returning once the last
    // connection is gone.
    if (stopping_ && sessions_.empty()) net::post(strand_, [this] { timer_.cancel(); });
  }

  std::vector<std::shared_ptr<Session>> live_sessions() {
    std::vector<std::shared_ptr<Session>> live;
    std::lock_guard lock(mutex_);
    for (const auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    return live;
  }

  // Runs on strand_.
  void begin_shutdown() {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    beast::error_code ec;
    acceptor_.close(ec);
    if (signals_) signals_->cancel(ec);
    backoff_timer_.cancel();
    const auto live = live_sessions();
    if (live.empty()) return;
    for (const auto& session : live)
      net::post(session->executor(), [session] { session->drain(); });
    timer_.expires_after(context_.options.shutdown_grace);
    timer_.async_wait([this](const beast::error_code& wait_ec) {
      if (!wait_ec) force_close_all();
    });
  }

  // Runs on strand_, shutdown_grace after stop().
  void force_close_all() {
    const auto live = live_sessions();
    if (live.empty()) return;
    spdlog::warn("web: closing {} connection(s) still open after the shutdown grace period",
                 live.size());
    for (const auto& session : live) {
      net::post(session->executor(), [session] { session->force_close(); });
    }
    timer_.expires_after(kLastResort);
    timer_.async_wait([this](const beast::error_code& wait_ec) {
      if (!wait_ec) io_context_.stop();
    });
  }

  // Declared before io_context_ so they outlive sessions destroyed with it.
  SessionContext context_;
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions_;  // guarded by mutex_
  std::uint64_t next_id_ = 0;                                           // guarded by mutex_
  bool stopping_ = false;                                               // guarded by mutex_
  bool started_ = false;
  std::atomic<std::uint16_t> port_{0};

  net::io_context io_context_;
  net::strand<net::io_context::executor_type> strand_;  // acceptor, timer, signals, shutdown
  tcp::acceptor acceptor_;
  net::steady_timer backoff_timer_;
  net::steady_timer timer_;  // the shutdown deadlines
  std::optional<net::signal_set> signals_;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

Result<void> Server::start() { return impl_->start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }
void Server::install_signal_handlers() { impl_->install_signal_handlers(); }

}  // namespace sala::web
