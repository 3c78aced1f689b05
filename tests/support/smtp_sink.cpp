#include "support/smtp_sink.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include <gtest/gtest.h>

namespace sala::test {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

SmtpSink::SmtpSink(const std::filesystem::path& dir, std::uint16_t port) : mail_dir_(dir / "mail") {
  std::filesystem::create_directories(mail_dir_);
  const auto ready = dir / ("smtp-" + std::to_string(port) + ".ready");
  std::filesystem::remove(ready);
  process_ = std::make_unique<SalaProcess>(
      "/usr/bin/python3",
      std::vector<std::string>{SALA_SMTP_SINK, "--dir", mail_dir_.string(), "--ready-file", ready.string(),
                               "--port", std::to_string(port), "--max-seconds", "300"},
      dir / ("smtp-sink-" + std::to_string(port)));
  if (auto p = process_->wait_ready(ready, std::chrono::seconds(15))) port_ = *p;
}

SmtpSink::~SmtpSink() { stop(); }

void SmtpSink::stop() {
  if (process_ && process_->is_running()) {
    if (!process_->terminate(std::chrono::seconds(5))) process_->kill();
  }
}

std::vector<boost::json::object> SmtpSink::messages() const {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(mail_dir_, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<boost::json::object> out;
  for (const auto& f : files) {
    boost::system::error_code jec;
    auto v = boost::json::parse(read_file(f), jec);
    if (!jec && v.is_object()) out.push_back(v.as_object());
  }
  return out;
}

std::vector<boost::json::object> SmtpSink::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::vector<boost::json::object> got;
  wait_until([&] {
    got = messages();
    return got.size() >= n;
  }, timeout);
  return got;
}

std::string mail_header(const boost::json::object& message, std::string_view name) {
  for (const auto& h : message.at("headers").as_array()) {
    const auto& pair = h.as_array();
    if (iequal(pair[0].as_string(), name)) return std::string(pair[1].as_string());
  }
  return "";
}

int mail_header_count(const boost::json::object& message, std::string_view name) {
  int n = 0;
  for (const auto& h : message.at("headers").as_array()) n += iequal(h.as_array()[0].as_string(), name);
  return n;
}

std::string mail_body(const boost::json::object& message) {
  return std::string(message.at("body").as_string());
}

std::string mail_token(const boost::json::object& message, std::string_view path) {
  const std::string body = mail_body(message);
  const std::string needle = std::string(path) + "?token=";
  const auto at = body.find(needle);
  if (at == std::string::npos) return "";
  auto start = at + needle.size();
  auto end = start;
  while (end < body.size() && (std::isalnum(static_cast<unsigned char>(body[end])) || body[end] == '-' || body[end] == '_')) ++end;
  return body.substr(start, end - start);
}

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace sala::test
