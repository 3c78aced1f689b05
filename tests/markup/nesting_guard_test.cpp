#include "markup/nesting_guard.hpp"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace sala::markup {
namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

TEST(NestingGuardTest, OrdinaryTextIsUntouched) {
  EXPECT_FALSE(limit_line_nesting(""));
  EXPECT_FALSE(limit_line_nesting("> quote\n- item\n  1. sub\n\ntext *a* > b"));
  EXPECT_FALSE(limit_line_nesting(repeat("> ", kMaxMarkersPerLine) + "x"));
}

TEST(NestingGuardTest, EscapesTheFirstSurplusQuoteMarker) {
  std::string line = repeat(">", kMaxMarkersPerLine + 3) + "a";
  std::optional<std::string> guarded = limit_line_nesting(line);
  ASSERT_TRUE(guarded);
  EXPECT_EQ(*guarded, repeat(">", kMaxMarkersPerLine) + "\\>>>a");
}

TEST(NestingGuardTest, EscapesBulletAndOrderedMarkers) {
  std::optional<std::string> bullets = limit_line_nesting(repeat(" -", kMaxMarkersPerLine + 1) + " x");
  ASSERT_TRUE(bullets);
  EXPECT_EQ(*bullets, repeat(" -", kMaxMarkersPerLine) + " \\- x");

  std::optional<std::string> ordered = limit_line_nesting(repeat("1. ", kMaxMarkersPerLine + 1) + "x");
  ASSERT_TRUE(ordered);
  EXPECT_EQ(*ordered, repeat("1. ", kMaxMarkersPerLine) + "1\\. x");
}

TEST(NestingGuardTest, LeavesThematicBreaksAlone) {
  EXPECT_FALSE(limit_line_nesting(repeat("* ", 100)));
  EXPECT_FALSE(limit_line_nesting(repeat("> ", kMaxMarkersPerLine) + "- - - -"));
}

TEST(NestingGuardTest, TreatsEveryLineOnItsOwn) {
  std::string deep = repeat(">", kMaxMarkersPerLine + 1);
  std::optional<std::string> guarded = limit_line_nesting(deep + "\r\n" + deep + "\nok");
  ASSERT_TRUE(guarded);
  std::string escaped = repeat(">", kMaxMarkersPerLine) + "\\>";
  EXPECT_EQ(*guarded, escaped + "\r\n" + escaped + "\nok");
}

}  // namespace
}  // namespace sala::markup
