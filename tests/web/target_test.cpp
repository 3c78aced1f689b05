#include "web/target.hpp"

#include <gtest/gtest.h>

#include "web/utf8.hpp"

namespace sala::web {
namespace {

TEST(TargetTest, DecodesPathOnce) {
  const struct {
    const char* raw;
    const char* path;
  } cases[] = {
      {"/", "/"},         {"/a/b", "/a/b"}, {"/caf%C3%A9", "/caf\xC3\xA9"}, {"/a%20b+c", "/a b+c"},
      {"/%252F", "/%2F"},  // decoded once: the result is text, not a slash
      {"/%7e", "/~"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_target(c.raw);
    ASSERT_TRUE(parsed) << c.raw;
    EXPECT_EQ(parsed->path, c.path) << c.raw;
  }
}

TEST(TargetTest, RejectsDangerousPaths) {
  for (const char* raw : {"", "a/b", "*", "http://x/y", "/a%2Fb", "/a%2fb", "/%00", "/%0a", "/%",
                          "/%4", "/%G1", "/%C0%AE", "/%ED%A0%80", "/%FF", "/%E2%82"}) {
    EXPECT_FALSE(parse_target(raw)) << raw;
  }
}

TEST(TargetTest, ParsesQueryInOrderWithRepeats) {
  const auto parsed = parse_target("/p?b=2&a=1&&b=x+y&flag&e=%3D%26&=v");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->path, "/p");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"b", "2"}, {"a", "1"}, {"b", "x y"}, {"flag", ""}, {"e", "=&"}, {"", "v"}};
  EXPECT_EQ(parsed->query, expected);
}

TEST(TargetTest, RejectsBadQueryEscapes) {
  for (const char* raw : {"/p?a=%", "/p?a=%zz", "/p?a=%00", "/p?%FF=1"}) {
    EXPECT_FALSE(parse_target(raw)) << raw;
  }
  // Slashes are fine in query values.
  ASSERT_TRUE(parse_target("/p?next=%2Fa%2Fb"));
  EXPECT_EQ(parse_target("/p?next=%2Fa%2Fb")->query.at(0).second, "/a/b");
}

TEST(Utf8Test, AcceptsWellFormedAndRejectsTheRest) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF\xF4\x8F\xBF\xBF"));
  for (const char* bad : {"\x80", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xF5\x80\x80\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << ::testing::PrintToString(std::string(bad));
  }
}

}  // namespace
}  // namespace sala::web
