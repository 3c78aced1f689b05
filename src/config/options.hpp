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
};

// Everything an operator can set, with its default. The config file (TOML)
// is read over these defaults, and command-line flags over the file.
struct Options {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; [::1]:8080 for IPv6
  std::string db = "sqlite:./sala.db";     // sqlite:PATH or postgresql://user@host:port/db
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
