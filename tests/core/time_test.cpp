#include "core/time.hpp"

#include <gtest/gtest.h>

namespace sala {
namespace {

TEST(TimeTest, FormatsEpochAndMilliseconds) {
  EXPECT_EQ(format_rfc3339({0}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339({1'795'929'872'123}), "2026-11-29T05:24:32.123Z");
  EXPECT_EQ(format_rfc3339({-1}), "1969-12-31T23:59:59.999Z");
}

TEST(TimeTest, ParsesWhatItFormats) {
  for (std::int64_t ms : {0LL, 1LL, 951'782'400'000LL, 1'795'929'872'123LL, -86'400'001LL}) {
    auto parsed = parse_rfc3339(format_rfc3339({ms}));
    ASSERT_TRUE(parsed) << ms;
    EXPECT_EQ(parsed->ms, ms);
  }
}

TEST(TimeTest, ParsesOffsetsAndRejectsGarbage) {
  auto t = parse_rfc3339("2020-02-29T12:00:00+07:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(*t), "2020-02-29T05:00:00.000Z");
  for (const char* bad : {"", "2020-02-29", "2020-13-01T00:00:00Z", "2020-01-01T00:00:00",
                          "2020-01-01T00:00:00Zjunk", "2020-01-01T24:00:00Z", "2020-01-01T00:00:00."}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

TEST(TimeTest, UtcDayRollsOverAtMidnight) {
  EXPECT_EQ(utc_day({0}), 0);
  EXPECT_EQ(utc_day({86'399'999}), 0);
  EXPECT_EQ(utc_day({86'400'000}), 1);
  EXPECT_EQ(utc_day({-1}), -1);
}

}  // namespace
}  // namespace sala
