#include "config/options.hpp"

#include <gtest/gtest.h>

namespace sala::config {
namespace {

TEST(OptionsTest, DefaultsHoldWithAnEmptyFile) {
  auto o = parse_options("", "empty.toml");
  ASSERT_TRUE(o) << o.error();
  EXPECT_EQ(o->listen, "127.0.0.1:8080");
  EXPECT_EQ(o->db, "sqlite:./sala.db");
  EXPECT_EQ(o->db_replica, "") << "no read replica unless one is named";
  EXPECT_EQ(o->edit_window, std::chrono::minutes(15));
  EXPECT_TRUE(o->sqlite_synchronous_full);
}

TEST(OptionsTest, ReadsEveryKeyAndSites) {
  auto o = parse_options(R"(
listen = "0.0.0.0:9000"
db = "sqlite:/var/lib/sala/sala.db"
db_replica = "postgresql://sala@standby.internal/sala"
io_threads = 4
trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]
edit_window_seconds = 1800
header_timeout_ms = 5000

[[sites]]
id = "daily"
origins = ["https://daily.example"]
premoderate = true
)", "sala.toml");
  ASSERT_TRUE(o) << o.error();
  EXPECT_EQ(o->listen, "0.0.0.0:9000");
  EXPECT_EQ(o->db_replica, "postgresql://sala@standby.internal/sala");
  EXPECT_EQ(o->io_threads, 4u);
  EXPECT_EQ(o->trusted_proxies.size(), 2u);
  EXPECT_EQ(o->edit_window, std::chrono::minutes(30));
  EXPECT_EQ(o->header_timeout, std::chrono::milliseconds(5000));
  ASSERT_EQ(o->sites.size(), 1u);
  EXPECT_EQ(o->sites[0].id, "daily");
  EXPECT_TRUE(o->sites[0].premoderate);
}

TEST(OptionsTest, MistakesNameTheKey) {
  struct Case {
    const char* toml;
    const char* mentions;
  };
  for (const Case& c : {Case{"lisen = \"x\"", "lisen"}, Case{"io_threads = \"four\"", "io_threads"},
                        Case{"io_threads = -1", "io_threads"}, Case{"[[sites]]\norigins = []", "id"},
                        Case{"[[sites]]\nid = \"a\"\ncolour = 1", "sites.colour"},
                        Case{"listen = ", "line 1"}, Case{"read_threads = 0", "read_threads"}}) {
    auto o = parse_options(c.toml, "bad.toml");
    ASSERT_FALSE(o) << c.toml;
    EXPECT_NE(o.error().message.find(c.mentions), std::string::npos) << o.error().message;
    EXPECT_NE(o.error().message.find("bad.toml"), std::string::npos);
  }
}

TEST(OptionsTest, ListenAddressesSplitHostAndPort) {
  auto v4 = parse_listen("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  auto v6 = parse_listen("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  for (const char* bad : {"", "8080", ":8080", "host:", "host:65536", "host:-1", "host:80x"}) {
    EXPECT_FALSE(parse_listen(bad)) << bad;
  }
}

TEST(OptionsTest, AMissingFileIsAnError) {
  auto o = load_options("/nonexistent/sala.toml");
  ASSERT_FALSE(o);
  EXPECT_NE(o.error().message.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace sala::config
