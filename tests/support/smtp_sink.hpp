#pragma once

// A real SMTP server for end-to-end tests: tests/support/smtp_sink.py
// (Debian's python3-aiosmtpd) on 127.0.0.1, writing each message it accepts
// to a directory, raw and as parsed by Python's email package. Started in
// the constructor, stopped (SIGTERM, then SIGKILL) in the destructor.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "support/sala_process.hpp"

namespace sala::test {

class SmtpSink {
 public:
  // `port` 0 picks a free one. Messages go to `dir`/mail.
  SmtpSink(const std::filesystem::path& dir, std::uint16_t port = 0);
  ~SmtpSink();

  bool started() const { return port_ != 0; }
  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  void stop();

  // Every message received so far, in arrival order: {mail_from, rcpt_tos,
  // headers: [[name, value]...], raw_headers, body, defects}.
  std::vector<boost::json::object> messages() const;
  // Waits until at least `n` messages arrived; returns them (fewer at the deadline).
  std::vector<boost::json::object> wait_for(std::size_t n, std::chrono::milliseconds timeout) const;

 private:
  std::filesystem::path mail_dir_;
  std::unique_ptr<SalaProcess> process_;
  std::uint16_t port_ = 0;
};

// The first header of that name (case-insensitive) in a sink message; "" if none.
std::string mail_header(const boost::json::object& message, std::string_view name);
// How many headers of that name the message has.
int mail_header_count(const boost::json::object& message, std::string_view name);
std::string mail_body(const boost::json::object& message);
// The value of `?token=` after `path` in the body; "" if none.
std::string mail_token(const boost::json::object& message, std::string_view path);

// A port nothing listens on now (bound, then released).
std::uint16_t free_port();

}  // namespace sala::test
