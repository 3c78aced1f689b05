#include "core/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace sala {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(RateLimiterTest, ABurstPassesThenTokensComeBackOverThePeriod) {
  RateLimiter limiter(3, minutes(3));  // three at once, then one a minute
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take("a", {0}), 0) << i;
  EXPECT_EQ(limiter.take("a", {0}), 60);
  EXPECT_EQ(limiter.take("a", {30'000}), 30) << "half a minute left";
  EXPECT_EQ(limiter.take("a", {60'000}), 0);
  EXPECT_GT(limiter.take("a", {60'000}), 0);
}

TEST(RateLimiterTest, KeysAreIndependent) {
  RateLimiter limiter(1, seconds(10));
  EXPECT_EQ(limiter.take("a", {0}), 0);
  EXPECT_GT(limiter.take("a", {0}), 0);
  EXPECT_EQ(limiter.take("b", {0}), 0);
}

TEST(RateLimiterTest, ARefusalSpendsNothing) {
  RateLimiter limiter(1, seconds(10));
  EXPECT_EQ(limiter.take("a", {0}), 0);
  for (int i = 0; i < 100; ++i) EXPECT_GT(limiter.take("a", {5'000}), 0);
  EXPECT_EQ(limiter.take("a", {10'000}), 0) << "hammering did not push the next token back";
}

TEST(RateLimiterTest, SpentCountsRecentTakesAndDecaysWithoutSpending) {
  RateLimiter limiter(10, minutes(1));  // one token back every 6 s
  EXPECT_DOUBLE_EQ(limiter.spent("a", {0}), 0.0);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(limiter.take("a", {0}), 0);
  EXPECT_DOUBLE_EQ(limiter.spent("a", {0}), 4.0);
  EXPECT_DOUBLE_EQ(limiter.spent("a", {0}), 4.0) << "asking spends nothing";
  EXPECT_DOUBLE_EQ(limiter.spent("a", {12'000}), 2.0);
  EXPECT_DOUBLE_EQ(limiter.spent("a", {60'000}), 0.0);
  EXPECT_DOUBLE_EQ(limiter.spent("b", {60'000}), 0.0);
}

TEST(RateLimiterTest, MemoryStaysBoundedAndFullBucketsAreForgotten) {
  RateLimiter limiter(1, seconds(1), /*max_keys=*/2);
  EXPECT_EQ(limiter.take("a", {0}), 0);
  EXPECT_EQ(limiter.take("b", {0}), 0);
  // Both are still refilling: a third key is refused rather than stored.
  EXPECT_GT(limiter.take("c", {0}), 0);
  // Once they have refilled they are forgotten, and there is room again.
  EXPECT_EQ(limiter.take("c", {2'000}), 0);
}

TEST(RateLimiterTest, TimeGoingBackwardsGrantsNothing) {
  RateLimiter limiter(1, seconds(10));
  EXPECT_EQ(limiter.take("a", {50'000}), 0);
  EXPECT_GT(limiter.take("a", {0}), 0);
}

}  // namespace
}  // namespace sala
