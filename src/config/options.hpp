#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace sala::config {

// A site declared in the config file; applied to the database at start.
struct SiteOptions {
  std::string id;
  std::vector<std::string> origins;
  bool premoderate = false;
  std::vector<std::string> moderators;  // addresses alerted when comments wait for moderation
  // What a reader's erasure does to their comments here: "anonymise" (keep
  // the text under a neutral name) or "remove" (delete them).
  std::string erase = "anonymise";
};

// The [mail] table: notification mail. Empty smtp_url = no mail, and the
// subscription endpoints answer that notifications are off.
struct MailOptions {
  std::string smtp_url;       // smtp://host[:port] or smtps://host[:port]
  std::string smtp_username;  // AUTH only when set
  std::string smtp_password;
  std::string smtp_tls = "starttls";  // "starttls" (when offered), "required" or "none"
  std::chrono::milliseconds smtp_timeout{30'000};
  std::string from;                   // the From address
  std::string from_name = "Comments";
  std::string public_url;             // base of the links in mails; default: the listen address
  bool minimal = false;               // mails say only that there is something new
  unsigned recipient_hourly_cap = 10;
  unsigned site_daily_cap = 2000;
  std::chrono::milliseconds retry_initial{30'000};
  std::chrono::milliseconds retry_max{3'600'000};
  unsigned max_attempts = 40;
  std::chrono::milliseconds poll{1000};
  std::chrono::seconds moderator_interval{30 * 60};
};

// Everything an operator can set, with its default. The config file (TOML)
// is read over these defaults, and command-line flags over the file.
struct Options {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; [::1]:8080 for IPv6
  std::string db = "sqlite:./sala.db";     // sqlite:PATH or postgresql://user@host:port/db
  std::string db_replica;                  // a hot standby of a PostgreSQL db for thread reads; "" = none
  unsigned io_threads = 0;                 // 0 = one per core
  unsigned read_threads = 2;               // database readers for cache misses
  bool sqlite_synchronous_full = true;     // false = NORMAL: faster, may lose the last commits on power loss
  std::vector<std::string> trusted_proxies;  // only these may set X-Forwarded-For

  std::chrono::seconds edit_window{15 * 60};  // edit_window_seconds
  std::size_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};

  // Posting limits (0 turns one off); see service::PostLimits.
  int reader_post_burst = 20;
  int reader_posts_per_hour = 120;
  int thread_posts_per_minute = 120;
  int posts_per_minute = 6000;

  std::vector<SiteOptions> sites;
  MailOptions mail;
};

// Reads a TOML config file over the defaults. Unknown keys are errors, so a
// typo never silently leaves a default in place; the error names the key.
[[nodiscard]] Result<Options> load_options(const std::string& path);

// Parses the same TOML from a string (for tests and --check).
[[nodiscard]] Result<Options> parse_options(std::string_view toml, std::string_view source_name);

// Splits "HOST:PORT" or "[IPv6]:PORT".
struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};
[[nodiscard]] Result<ListenAddress> parse_listen(std::string_view text);

}  // namespace sala::config
