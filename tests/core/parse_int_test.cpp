#include "core/parse_int.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace sala {
namespace {

constexpr auto kMax = std::numeric_limits<std::int64_t>::max();

TEST(ParseIntTest, AcceptsPlainDecimalsInRange) {
  EXPECT_EQ(parse_decimal("0", 0, kMax), 0);
  EXPECT_EQ(parse_decimal("42", 0, kMax), 42);
  EXPECT_EQ(parse_decimal("9223372036854775807", 0, kMax), kMax);
}

TEST(ParseIntTest, RejectsEverythingElse) {
  for (const char* bad : {"", " 1", "1 ", "+1", "-1", "01", "0x10", "1e3", "1.0", "1 OR 1=1",
                          "9223372036854775808", "99999999999999999999", "١"}) {
    EXPECT_FALSE(parse_decimal(bad, 0, kMax)) << bad;
  }
  EXPECT_FALSE(parse_decimal("101", 1, 100));
  EXPECT_FALSE(parse_decimal("0", 1, 100));
}

}  // namespace
}  // namespace sala
