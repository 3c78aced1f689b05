#include "test_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace sala::web::http_test {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view lower_name) const {
  for (const Header& h : headers) {
    if (h.name == lower_name) return h.value;
  }
  return std::nullopt;
}

TestClient::TestClient(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

TestClient::~TestClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool TestClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

TestClient::Fill TestClient::fill(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return Fill::timeout;
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
  if (ready == 0) return Fill::timeout;
  if (ready < 0) return Fill::closed;
  char chunk[4096];
  const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return Fill::closed;
  pending_.append(chunk, static_cast<std::size_t>(n));
  return Fill::data;
}

std::optional<HttpResponse> TestClient::read_response(bool has_body, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  std::size_t head_end = 0;
  while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (fill(deadline) != Fill::data) return std::nullopt;
  }
  HttpResponse response;
  std::string_view head(pending_.data(), head_end);
  std::size_t line_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, line_end);
  response.version = std::string(status_line.substr(0, status_line.find(' ')));
  response.status =
      std::atoi(std::string(status_line.substr(status_line.find(' ') + 1, 3)).c_str());
  while (line_end != std::string_view::npos) {
    head.remove_prefix(line_end + 2);
    line_end = head.find("\r\n");
    const std::string_view line = head.substr(0, line_end);
    const std::size_t colon = line.find(':');
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.push_back({lower(line.substr(0, colon)), std::string(value)});
  }
  std::size_t length = 0;
  if (const auto cl = response.header("content-length"); cl && has_body) {
    length = static_cast<std::size_t>(std::stoull(std::string(*cl)));
  }
  const std::size_t body_start = head_end + 4;
  while (pending_.size() < body_start + length) {
    if (fill(deadline) != Fill::data) return std::nullopt;
  }
  response.body = pending_.substr(body_start, length);
  pending_.erase(0, body_start + length);
  return response;
}

std::optional<std::string> TestClient::read_until(std::string_view needle,
                                                  Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  std::size_t at = 0;
  while ((at = pending_.find(needle)) == std::string::npos) {
    if (fill(deadline) != Fill::data) return std::nullopt;
  }
  std::string out = pending_.substr(0, at + needle.size());
  pending_.erase(0, at + needle.size());
  return out;
}

bool TestClient::wait_closed(Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    switch (fill(deadline)) {
      case Fill::closed:
        return true;
      case Fill::timeout:
        return false;
      case Fill::data:
        pending_.clear();
        break;
    }
  }
}

bool TestClient::stays_open_for(Clock::duration quiet) {
  return fill(Clock::now() + quiet) == Fill::timeout;
}

std::optional<HttpResponse> round_trip(std::uint16_t port, std::string_view raw, bool has_body) {
  TestClient client(port);
  if (!client.connected() || !client.send(raw)) return std::nullopt;
  return client.read_response(has_body);
}

bool wait_until(const std::function<bool()>& done, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(
        std::chrono::milliseconds(1));  // a poll interval, not a wait for an event
  }
  return true;
}

RunningServer::RunningServer(ServerOptions options, const Router& router)
    : server_(std::move(options), router), finished_future_(finished_.get_future().share()) {
  started_ = static_cast<bool>(server_.start());
  if (!started_) return;
  thread_ = std::thread([this] {
    server_.run();
    finished_.set_value();
  });
}

RunningServer::~RunningServer() {
  if (thread_.joinable()) {
    server_.stop();
    thread_.join();
  }
}

bool RunningServer::stop_and_wait(Clock::duration timeout) {
  server_.stop();
  return wait_finished(timeout);
}

bool RunningServer::wait_finished(Clock::duration timeout) {
  if (!thread_.joinable()) return false;
  if (finished_future_.wait_for(timeout) != std::future_status::ready) return false;
  thread_.join();
  return true;
}

ServerOptions test_options() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.io_threads = 2;
  options.header_timeout = std::chrono::seconds(3);
  options.idle_timeout = std::chrono::seconds(5);
  options.body_timeout = std::chrono::seconds(3);
  options.write_timeout = std::chrono::seconds(3);
  options.shutdown_grace = std::chrono::seconds(3);
  options.default_headers = {{"X-Content-Type-Options", "nosniff"}};
  return options;
}

}  // namespace sala::web::http_test
