#pragma once

// The fixture of the end-to-end tests: each test gets its own temp dir,
// SQLite file, config file and `sala serve` process on a free port.

#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "integration/sala_server.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {

inline constexpr std::string_view kSite = "news";
inline constexpr std::string_view kOrigin = "https://news.example";
inline constexpr std::string_view kOtherOrigin = "https://evil.example";
inline constexpr std::string_view kApi = "/api/v1";

class ServerE2eTest : public ::testing::Test {
 protected:
  void TearDown() override {
    // The server's own account of a failure is the first thing to read.
    if (HasFailure() && server_.process) std::cerr << server_.process->logs() << "\n";
  }

  // Writes the config file (`extra_config` first, as top-level keys, then
  // the site) and starts the server with it.
  bool start(std::string_view extra_config = "") {
    std::string config(extra_config);
    config += "\n[[sites]]\nid = \"" + std::string(kSite) + "\"\norigins = [\"" +
              std::string(kOrigin) + "\"]\n";
    std::ofstream(config_path_) << config;
    return launch();
  }

  // SIGTERM (the server must exit cleanly), then start again on the same
  // database and config.
  bool restart() {
    if (server_.process && server_.process->is_running()) {
      auto done = server_.process->terminate(std::chrono::seconds(15));
      EXPECT_TRUE(done && done->is_clean()) << (done ? done->describe() : "still running");
      if (HasFailure()) std::cerr << server_.process->logs() << "\n";
    }
    return launch();
  }

  HttpConnection connect() const { return HttpConnection(port_); }

  // For tests that post more than a reader may: every test client comes from
  // 127.0.0.1 and so counts as one reader.
  static constexpr std::string_view kNoPostingLimits =
      "reader_posts_per_hour = 0\nthread_posts_per_minute = 0\nposts_per_minute = 0\n";

  static boost::json::object comment_fields(std::string_view thread, std::string_view body) {
    return {{"site", kSite}, {"thread", thread}, {"author", "Ada"}, {"body", body}};
  }

  static HttpResponse post_json(HttpConnection& c, const std::string& target,
                                const boost::json::object& fields, HeaderList headers = {}) {
    return c.post(target, boost::json::serialize(fields), std::move(headers));
  }

  static HttpResponse post_comment(HttpConnection& c, const boost::json::object& fields,
                                   HeaderList headers = {}) {
    return post_json(c, std::string(kApi) + "/comments", fields, std::move(headers));
  }

  // Posts and expects 201; returns the reply's JSON ({comment, edit_token}).
  static boost::json::value must_post(HttpConnection& c, std::string_view thread,
                                      std::string_view body,
                                      std::optional<std::int64_t> parent = std::nullopt) {
    auto fields = comment_fields(thread, body);
    if (parent) fields["parent"] = *parent;
    const HttpResponse r = post_comment(c, fields);
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.status == 201 ? json_of(r) : boost::json::value();
  }

  static std::string thread_target(std::string_view thread, std::string_view query = "") {
    std::string t = std::string(kApi) + "/comments?site=" + std::string(kSite) +
                    "&thread=" + std::string(thread);
    if (!query.empty()) t += "&" + std::string(query);
    return t;
  }

  // GET of a thread page; expects 200.
  static boost::json::value get_thread(HttpConnection& c, std::string_view thread,
                                       std::string_view query = "") {
    const HttpResponse r = c.get(thread_target(thread, query));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.status == 200 ? json_of(r) : boost::json::value();
  }

  static const boost::json::array& comments_of(const boost::json::value& page) {
    static const boost::json::array kEmpty;
    const auto& m = member(page, "comments");
    return m.is_array() ? m.get_array() : kEmpty;
  }

  // The thread's count as the page and the counts endpoint report it; a
  // disagreement between the two fails the test.
  static std::int64_t thread_count(HttpConnection& c, std::string_view thread) {
    const std::int64_t on_page = int_at(get_thread(c, thread), "thread.count");
    const HttpResponse r = c.get(std::string(kApi) + "/counts?site=" + std::string(kSite) +
                                 "&thread=" + std::string(thread));
    EXPECT_EQ(r.status, 200) << r.describe();
    const std::int64_t counted = r.status == 200 ? int_at(json_of(r), "counts." + std::string(thread)) : -2;
    EXPECT_EQ(on_page, counted) << "the page and /counts disagree on " << thread;
    return on_page;
  }

  TempDir dir_;
  std::string db_path_ = dir_.file("sala.db");
  std::string config_path_ = dir_.file("sala.toml");
  StartedServer server_;
  std::uint16_t port_ = 0;

 private:
  bool launch() {
    server_ = start_sala_server(dir_.path(), "serve-" + std::to_string(++starts_), db_path_,
                                {"--config", config_path_});
    port_ = server_.port;
    return port_ != 0;
  }

  int starts_ = 0;
};

}  // namespace sala::test
