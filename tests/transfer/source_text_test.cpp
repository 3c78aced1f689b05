#include <gtest/gtest.h>

#include "transfer/source_text.hpp"

namespace sala::transfer {
namespace {

TEST(SourceTextTest, SqlDatetimes) {
  EXPECT_EQ(parse_sql_datetime("2014-01-14 17:31:03"), parse_rfc3339("2014-01-14T17:31:03Z"));
  EXPECT_EQ(parse_sql_datetime(" 2024-02-29 00:00:00\n"), parse_rfc3339("2024-02-29T00:00:00Z"));
  for (const char* bad : {"0000-00-00 00:00:00", "2023-02-29 00:00:00", "2014-13-01 00:00:00", "2014-01-14",
                          "2014-01-14 25:00:00", "1969-12-31 23:59:59", "2014-01-14 17:31:03Z", ""}) {
    EXPECT_FALSE(parse_sql_datetime(bad)) << bad;
  }
}

TEST(SourceTextTest, ThreadKeysFromUrls) {
  EXPECT_EQ(thread_key_from_url("http://example.tld/2014/test/"), "/2014/test/");
  EXPECT_EQ(thread_key_from_url("https://example.tld"), "/");
  EXPECT_EQ(thread_key_from_url("http://example.tld/?p=4"), "/?p=4");
  EXPECT_EQ(thread_key_from_url("https://example.tld/a#frag"), "/a");
  EXPECT_EQ(thread_key_from_url("javascript:alert(1)"), "");
  EXPECT_EQ(thread_key_from_url("/relative"), "");
  EXPECT_EQ(thread_key_from_url("not a url"), "");
}

TEST(SourceTextTest, WpDiscuzVotes) {
  using Votes = std::pair<std::int64_t, std::int64_t>;
  EXPECT_EQ(parse_wpdiscuz_votes("a:2:{s:4:\"like\";i:3;s:7:\"dislike\";i:1;}"), Votes(3, 1));
  EXPECT_EQ(parse_wpdiscuz_votes("a:2:{s:4:\"like\";i:0;s:7:\"dislike\";i:-4;}"), Votes(0, 4));
  EXPECT_FALSE(parse_wpdiscuz_votes("s:4:\"like\";"));
  EXPECT_FALSE(parse_wpdiscuz_votes("a:1:{s:4:\"like\";i:99999999999999999999;}"));
  EXPECT_FALSE(parse_wpdiscuz_votes(""));
}

}  // namespace
}  // namespace sala::transfer
