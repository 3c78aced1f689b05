#include "service/site_service.hpp"

#include <gtest/gtest.h>

namespace sala::service {
namespace {

TEST(SiteServiceTest, OriginsAreExactSchemeHostPort) {
  EXPECT_EQ(parse_origin("https://News.Example"), "https://news.example");
  EXPECT_EQ(parse_origin("https://news.example/"), "https://news.example");
  EXPECT_EQ(parse_origin("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(parse_origin("https://news.example:443"), "https://news.example");
  for (const char* bad : {"", "news.example", "https://news.example/path", "ftp://news.example",
                          "https://user@news.example", "https://news.example?x", "javascript:alert(1)",
                          "https://"}) {
    EXPECT_FALSE(parse_origin(bad)) << bad;
  }
}

TEST(SiteServiceTest, SiteIdsAreShortPlainNames) {
  EXPECT_TRUE(parse_site_id("demo"));
  EXPECT_TRUE(parse_site_id("daily-news_2"));
  for (const char* bad : {"", "Demo", "a b", "../x", "é"}) EXPECT_FALSE(parse_site_id(bad)) << bad;
  EXPECT_FALSE(parse_site_id(std::string(65, 'a')));
}

}  // namespace
}  // namespace sala::service
