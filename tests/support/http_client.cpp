#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace sala::test {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int remaining_ms(SteadyClock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

HttpResponse failed(std::string why) {
  HttpResponse r;
  r.error = std::move(why);
  return r;
}

bool has_header(const HeaderList& headers, std::string_view lower_name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return lower(h.first) == lower_name; });
}

// Parses "HTTP/1.1 200 OK" and the header lines; false when malformed.
bool parse_head(std::string_view head, HttpResponse& out) {
  const auto line_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, line_end);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) return false;
  const std::string_view code = status_line.substr(9, 3);
  if (std::from_chars(code.data(), code.data() + code.size(), out.status).ec != std::errc{}) {
    return false;
  }
  std::size_t pos = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    out.headers.emplace_back(lower(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
  }
  return true;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return std::nullopt;
}

std::string HttpResponse::describe() const {
  std::string out = "status " + std::to_string(status);
  if (!error.empty()) out += " (" + error + ")";
  if (!body.empty()) out += ", body: " + body.substr(0, 400);
  return out;
}

HttpConnection::HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout) {
  // CLOEXEC: a server process started later must not inherit, and so keep
  // open, a connection the test believes it controls.
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  // Requests are written whole; waiting for more to coalesce only adds latency.
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

HttpConnection::~HttpConnection() { close(); }

HttpConnection::HttpConnection(HttpConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      port_(other.port_),
      timeout_(other.timeout_),
      buffer_(std::move(other.buffer_)) {}

HttpConnection& HttpConnection::operator=(HttpConnection&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    port_ = other.port_;
    timeout_ = other.timeout_;
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

void HttpConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

bool HttpConnection::send_raw(std::string_view bytes) {
  if (fd_ < 0) return false;
  const auto deadline = SteadyClock::now() + timeout_;
  while (!bytes.empty()) {
    // MSG_NOSIGNAL: a server that closed on us is a result, not a SIGPIPE.
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd_, POLLOUT, 0};
      const int ready = ::poll(&p, 1, remaining_ms(deadline));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return false;
      continue;
    }
    return false;
  }
  return true;
}

HttpConnection::Fill HttpConnection::fill(SteadyClock::time_point deadline) {
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return Fill::timeout;
    if (ready < 0) return Fill::closed;
    char chunk[16 * 1024];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Fill::closed;  // EOF or reset
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return Fill::data;
  }
}

std::optional<std::string> HttpConnection::read_until(std::string_view needle,
                                                     std::chrono::milliseconds timeout) {
  if (fd_ < 0) return std::nullopt;
  const auto deadline = SteadyClock::now() + timeout;
  std::size_t at = 0;
  while ((at = buffer_.find(needle)) == std::string::npos) {
    if (fill(deadline) != Fill::data) return std::nullopt;
  }
  std::string out = buffer_.substr(0, at + needle.size());
  buffer_.erase(0, at + needle.size());
  return out;
}

HttpResponse HttpConnection::read_response(bool is_head) {
  if (fd_ < 0) return failed("not connected");
  const auto deadline = SteadyClock::now() + timeout_;
  for (;;) {
    std::size_t head_end = buffer_.find("\r\n\r\n");
    while (head_end == std::string::npos) {
      const Fill f = fill(deadline);
      if (f == Fill::timeout) return failed("no response head before the deadline");
      if (f == Fill::closed) {
        return failed(buffer_.empty() ? "connection closed before a response"
                                      : "connection closed inside a response head");
      }
      head_end = buffer_.find("\r\n\r\n");
    }
    HttpResponse r;
    if (!parse_head(std::string_view(buffer_).substr(0, head_end), r)) {
      return failed("malformed response head: " + buffer_.substr(0, 200));
    }
    const std::size_t body_start = head_end + 4;
    if (r.status >= 100 && r.status < 200) {  // 100 Continue: the real answer follows
      buffer_.erase(0, body_start);
      continue;
    }
    const bool has_no_body = is_head || r.status == 204 || r.status == 304;
    std::optional<std::size_t> length;
    if (auto cl = r.header("content-length")) {
      std::size_t n = 0;
      if (std::from_chars(cl->data(), cl->data() + cl->size(), n).ec != std::errc{}) {
        return failed("unparsable Content-Length: " + *cl);
      }
      length = n;
    }
    if (has_no_body) length = 0;
    if (length) {
      while (buffer_.size() < body_start + *length) {
        const Fill f = fill(deadline);
        if (f == Fill::timeout) return failed("body incomplete at the deadline");
        if (f == Fill::closed) return failed("connection closed inside a response body");
      }
    } else {
      // Framed by the end of the connection.
      for (Fill f = fill(deadline); f != Fill::closed; f = fill(deadline)) {
        if (f == Fill::timeout) return failed("body unterminated at the deadline");
      }
      length = buffer_.size() - body_start;
    }
    r.body = buffer_.substr(body_start, *length);
    r.raw = buffer_.substr(0, body_start + *length);
    buffer_.erase(0, body_start + *length);
    return r;
  }
}

std::string HttpConnection::serialize(const HttpRequest& request) const {
  std::string out = request.method + " " + request.target + " HTTP/1.1\r\n";
  out += "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
  for (const auto& [name, value] : request.headers) out += name + ": " + value + "\r\n";
  const bool is_write = request.method == "POST" || request.method == "PATCH" || request.method == "PUT";
  if (!request.body.empty() || is_write) {
    if (!request.body.empty() && !has_header(request.headers, "content-type")) {
      out += "Content-Type: application/json\r\n";
    }
    if (!has_header(request.headers, "content-length")) {
      out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
    }
  }
  out += "\r\n";
  out += request.body;
  return out;
}

HttpResponse HttpConnection::request(const HttpRequest& request) {
  if (!send_raw(serialize(request))) return failed("could not send the request");
  return read_response(request.method == "HEAD");
}

HttpResponse HttpConnection::get(std::string target, HeaderList headers) {
  return request({"GET", std::move(target), "", std::move(headers)});
}

HttpResponse HttpConnection::post(std::string target, std::string body, HeaderList headers) {
  return request({"POST", std::move(target), std::move(body), std::move(headers)});
}

bool HttpConnection::wait_closed(std::chrono::milliseconds timeout) {
  if (fd_ < 0) return true;
  const auto deadline = SteadyClock::now() + timeout;
  for (;;) {
    const Fill f = fill(deadline);
    if (f == Fill::closed) return true;
    if (f == Fill::timeout) return false;
    buffer_.clear();
  }
}

bool HttpConnection::is_closed_by_peer() {
  if (fd_ < 0) return true;
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, 0);
    if (ready == 0) return false;
    if (ready < 0) return errno != EINTR;
    if (fill(SteadyClock::now()) == Fill::closed) return true;
  }
}

}  // namespace sala::test
