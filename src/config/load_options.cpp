#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "config/options.hpp"
#include "core/parse_int.hpp"

namespace sala::config {
namespace {

Error config_error(std::string_view source, std::string message) {
  return Error::invalid("invalid_config", std::string(source) + ": " + message);
}

// Reads the keys of `table` into `out`, refusing keys it does not know.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string_view source, std::string prefix)
      : table_(table), source_(source), prefix_(std::move(prefix)) {}

  template <class T>
  Result<void> get(std::string_view key, T& out) {
    seen_.insert(std::string(key));
    const toml::node* node = table_.get(key);
    if (!node) return {};
    if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node->value<bool>()) { out = *v; return {}; }
      return wrong(key, "true or false");
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = node->value<std::string>()) { out = *v; return {}; }
      return wrong(key, "a string");
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      const toml::array* arr = node->as_array();
      if (!arr) return wrong(key, "an array of strings");
      out.clear();
      for (const auto& item : *arr) {
        auto v = item.value<std::string>();
        if (!v) return wrong(key, "an array of strings");
        out.push_back(*v);
      }
      return {};
    } else {
      auto v = node->value<std::int64_t>();
      if (!v || *v < 0 || *v > std::numeric_limits<std::int32_t>::max()) {
        return wrong(key, "a non-negative integer");
      }
      out = static_cast<T>(*v);
      return {};
    }
  }

  Result<void> seconds(std::string_view key, std::chrono::seconds& out) {
    std::int64_t n = out.count();
    if (auto r = get(key, n); !r) return r;
    out = std::chrono::seconds(n);
    return {};
  }

  Result<void> millis(std::string_view key, std::chrono::milliseconds& out) {
    std::int64_t n = out.count();
    if (auto r = get(key, n); !r) return r;
    out = std::chrono::milliseconds(n);
    return {};
  }

  // Every key in the table that no get() asked for is a mistake.
  Result<void> finish(const std::set<std::string>& also_known = {}) const {
    for (const auto& [key, _] : table_) {
      const std::string name(key.str());
      if (!seen_.count(name) && !also_known.count(name)) {
        return config_error(source_, "unknown key '" + prefix_ + name + "'");
      }
    }
    return {};
  }

 private:
  Result<void> wrong(std::string_view key, std::string_view expected) const {
    return config_error(source_, "'" + prefix_ + std::string(key) + "' must be " + std::string(expected));
  }

  const toml::table& table_;
  std::string_view source_;
  std::string prefix_;
  std::set<std::string> seen_;
};

Result<void> read_sites(const toml::table& root, std::string_view source, Options& o) {
  const toml::node* node = root.get("sites");
  if (!node) return {};
  const toml::array* sites = node->as_array();
  if (!sites) return config_error(source, "'sites' must be an array of tables ([[sites]])");
  for (const auto& item : *sites) {
    const toml::table* t = item.as_table();
    if (!t) return config_error(source, "'sites' must be an array of tables ([[sites]])");
    SiteOptions site;
    TableReader r(*t, source, "sites.");
    for (auto done : {r.get("id", site.id), r.get("origins", site.origins),
                      r.get("premoderate", site.premoderate), r.get("moderators", site.moderators),
                      r.get("erase", site.erase), r.finish()}) {
      if (!done) return done;
    }
    if (site.erase != "anonymise" && site.erase != "remove") {
      return config_error(source, "'sites.erase' must be \"anonymise\" or \"remove\"");
    }
    if (site.id.empty()) return config_error(source, "every [[sites]] entry needs an id");
    o.sites.push_back(std::move(site));
  }
  return {};
}

Result<void> read_mail(const toml::table& root, std::string_view source, MailOptions& m) {
  const toml::node* node = root.get("mail");
  if (!node) return {};
  const toml::table* t = node->as_table();
  if (!t) return config_error(source, "'mail' must be a table ([mail])");
  TableReader r(*t, source, "mail.");
  for (auto done : {r.get("smtp_url", m.smtp_url), r.get("smtp_username", m.smtp_username),
                    r.get("smtp_password", m.smtp_password), r.get("smtp_tls", m.smtp_tls),
                    r.millis("smtp_timeout_ms", m.smtp_timeout), r.get("from", m.from),
                    r.get("from_name", m.from_name), r.get("public_url", m.public_url),
                    r.get("minimal", m.minimal),
                    r.get("recipient_hourly_cap", m.recipient_hourly_cap),
                    r.get("site_daily_cap", m.site_daily_cap),
                    r.millis("retry_initial_ms", m.retry_initial),
                    r.millis("retry_max_ms", m.retry_max), r.get("max_attempts", m.max_attempts),
                    r.millis("poll_ms", m.poll),
                    r.seconds("moderator_interval_seconds", m.moderator_interval), r.finish()}) {
    if (!done) return done;
  }
  if (m.smtp_url.empty()) return {};
  if (!m.smtp_url.starts_with("smtp://") && !m.smtp_url.starts_with("smtps://")) {
    return config_error(source, "'mail.smtp_url' must start with smtp:// or smtps://");
  }
  if (m.smtp_tls != "starttls" && m.smtp_tls != "required" && m.smtp_tls != "none") {
    return config_error(source, "'mail.smtp_tls' must be \"starttls\", \"required\" or \"none\"");
  }
  if (m.from.empty() || m.from.find('@') == std::string::npos ||
      m.from.find_first_of("<>\r\n \"") != std::string::npos) {
    return config_error(source, "'mail.from' must be a plain e-mail address when mail.smtp_url is set");
  }
  if (!m.public_url.empty() && !m.public_url.starts_with("https://") &&
      !m.public_url.starts_with("http://")) {
    return config_error(source, "'mail.public_url' must start with https:// or http://");
  }
  while (m.public_url.ends_with('/')) m.public_url.pop_back();
  if (m.max_attempts == 0 || m.poll.count() == 0) {
    return config_error(source, "'mail.max_attempts' and 'mail.poll_ms' must be at least 1");
  }
  return {};
}

}  // namespace

Result<Options> parse_options(std::string_view text, std::string_view source) {
  // This toml++ build reports syntax errors by exception; they stop here.
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& err) {
    std::ostringstream where;
    where << "line " << err.source().begin.line << ": " << err.description();
    return config_error(source, where.str());
  }
  Options o;
  TableReader r(root, source, "");
  for (auto done : {r.get("listen", o.listen), r.get("db", o.db), r.get("db_replica", o.db_replica),
                    r.get("io_threads", o.io_threads),
                    r.get("read_threads", o.read_threads),
                    r.get("sqlite_synchronous_full", o.sqlite_synchronous_full),
                    r.get("trusted_proxies", o.trusted_proxies),
                    r.seconds("edit_window_seconds", o.edit_window),
                    r.get("max_body_bytes", o.max_body_bytes),
                    r.millis("header_timeout_ms", o.header_timeout),
                    r.millis("idle_timeout_ms", o.idle_timeout),
                    r.millis("shutdown_grace_ms", o.shutdown_grace),
                    r.get("reader_post_burst", o.reader_post_burst),
                    r.get("reader_posts_per_hour", o.reader_posts_per_hour),
                    r.get("thread_posts_per_minute", o.thread_posts_per_minute),
                    r.get("posts_per_minute", o.posts_per_minute),
                    read_sites(root, source, o), read_mail(root, source, o.mail),
                    r.finish({"sites", "mail"})}) {
    if (!done) return done.error();
  }
  if (o.read_threads == 0) return config_error(source, "'read_threads' must be at least 1");
  for (auto [key, value] : {std::pair{"reader_post_burst", o.reader_post_burst},
                            std::pair{"reader_posts_per_hour", o.reader_posts_per_hour},
                            std::pair{"thread_posts_per_minute", o.thread_posts_per_minute},
                            std::pair{"posts_per_minute", o.posts_per_minute}}) {
    if (value < 0) return config_error(source, "'" + std::string(key) + "' must be 0 (off) or more");
  }
  if (o.max_body_bytes < 1024) return config_error(source, "'max_body_bytes' must be at least 1024");
  return o;
}

Result<Options> load_options(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return config_error(path, "cannot read the file (not a regular file)");
  std::ifstream in(path, std::ios::binary);
  if (!in) return config_error(path, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_options(text.str(), path);
}

Result<ListenAddress> parse_listen(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Error::invalid("invalid_listen", "listen address must be HOST:PORT, got '" + std::string(text) + "'");
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = parse_decimal(text.substr(colon + 1), 0, 65535);
  if (!port || host.empty()) {
    return Error::invalid("invalid_listen", "listen address must be HOST:PORT, got '" + std::string(text) + "'");
  }
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(*port)};
}

}  // namespace sala::config
