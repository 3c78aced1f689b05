#include "service/post_throttle.hpp"

#include <gtest/gtest.h>

namespace sala::service {
namespace {

TEST(PostThrottleTest, TheDefaultsLetABurstThroughThenOneEveryThirtySeconds) {
  PostThrottle throttle(PostLimits{});
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(throttle.admit("reader", SiteId{"s"}, "/t" + std::to_string(i), {0})) << i;
  auto refused = throttle.admit("reader", SiteId{"s"}, "/other", {0});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::rate_limited);
  EXPECT_EQ(refused.error().retry_after_seconds, 30);
  EXPECT_TRUE(throttle.admit("reader", SiteId{"s"}, "/other", {30'000}));
  EXPECT_TRUE(throttle.admit("someone else", SiteId{"s"}, "/other", {30'000}));
}

TEST(PostThrottleTest, AThreadHasItsOwnLimitWhoeverPosts) {
  PostThrottle throttle(PostLimits{.reader_burst = 20, .reader_per_hour = 0, .thread_per_minute = 5, .total_per_minute = 0});
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(throttle.admit("r" + std::to_string(i), SiteId{"s"}, "/hot", {0}));
  EXPECT_FALSE(throttle.admit("r9", SiteId{"s"}, "/hot", {0}));
  EXPECT_TRUE(throttle.admit("r9", SiteId{"s"}, "/calm", {0}));
  EXPECT_TRUE(throttle.admit("r9", SiteId{"t"}, "/hot", {0})) << "the same key on another site is another thread";
}

TEST(PostThrottleTest, ZeroTurnsALimitOff) {
  PostThrottle throttle(PostLimits{.reader_burst = 1, .reader_per_hour = 0, .thread_per_minute = 0, .total_per_minute = 0});
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(throttle.admit("reader", SiteId{"s"}, "/t", {0}));
}

TEST(PostThrottleTest, ReportsAreLimitedPerReader) {
  PostThrottle throttle(PostLimits{});
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(throttle.admit_report("reader", {0})) << i;
  auto refused = throttle.admit_report("reader", {0});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().retry_after_seconds, 360);
  EXPECT_TRUE(throttle.admit_report("another", {0}));
}

}  // namespace
}  // namespace sala::service
