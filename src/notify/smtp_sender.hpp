#pragma once

#include <string>

#include "core/error.hpp"
#include "notify/settings.hpp"

namespace sala::notify {

// Sends one rendered message over SMTP with libcurl: STARTTLS as the
// settings say, AUTH when a user name is set, and a deadline on the whole
// exchange. Blocking; one call at a time per object.
class SmtpSender {
 public:
  explicit SmtpSender(const Settings& settings) : settings_(settings) {}

  // Errc::unavailable when the relay could not be reached or refused for
  // now (try again later); Errc::unprocessable when it refused the mail
  // itself (a 5xx answer: retrying will not help).
  [[nodiscard]] Result<void> send(const std::string& to, const std::string& message) const;

 private:
  const Settings& settings_;
};

// Once per process, before any thread sends.
[[nodiscard]] Result<void> init_curl();

}  // namespace sala::notify
