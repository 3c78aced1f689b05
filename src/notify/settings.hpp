#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sala::notify {

enum class SmtpTls {
  none,           // plain SMTP (a relay on the same host)
  opportunistic,  // STARTTLS when the server offers it
  required,       // STARTTLS or fail (smtps:// URLs are TLS from the start anyway)
};

// How notification mail is made and sent; see docs/configuration.md ([mail]).
struct Settings {
  std::string smtp_url;  // smtp://host:port or smtps://host:port; empty = no mail at all
  std::string smtp_username;
  std::string smtp_password;
  SmtpTls tls = SmtpTls::opportunistic;
  std::chrono::milliseconds smtp_timeout{30'000};
  std::string from_address;
  std::string from_name = "Comments";
  std::string public_url;  // where readers reach this server, for the links in mails
  bool minimal = false;    // mails say only that there is something new, with our link
  int recipient_hourly_cap = 10;
  int site_daily_cap = 2000;
  std::chrono::milliseconds retry_initial{30'000};
  std::chrono::milliseconds retry_max{3'600'000};
  int max_attempts = 40;  // about a day and a half of retries at the default backoff
  std::chrono::milliseconds poll{1000};
  std::chrono::milliseconds moderator_interval{30 * 60'000};
  std::map<std::string, std::vector<std::string>> moderators;  // site id -> addresses
  std::chrono::milliseconds confirm_token_lifetime{7LL * 24 * 3'600'000};
  std::chrono::milliseconds link_token_lifetime{60LL * 24 * 3'600'000};

  bool enabled() const { return !smtp_url.empty(); }
};

}  // namespace sala::notify
