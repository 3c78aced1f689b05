#include "web/stream_body.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace sala::web {
namespace {

StreamBody::Options small(std::size_t max_pending) {
  return {.heartbeat = std::chrono::seconds(25), .heartbeat_bytes = "", .max_pending = max_pending};
}

TEST(StreamBodyTest, QueuesPushesInOrderUntilTaken) {
  StreamBody body(small(100));
  EXPECT_TRUE(body.push("a"));
  EXPECT_TRUE(body.push("bc"));
  EXPECT_EQ(body.take(), "abc");
  EXPECT_EQ(body.take(), "");
  EXPECT_TRUE(body.push("d"));
  EXPECT_EQ(body.take(), "d");
}

TEST(StreamBodyTest, EndKeepsWhatWasPushedAndRefusesMore) {
  StreamBody body(small(100));
  ASSERT_TRUE(body.push("last words"));
  body.end();
  EXPECT_TRUE(body.ended());
  EXPECT_FALSE(body.push("too late"));
  EXPECT_EQ(body.take(), "last words");
}

TEST(StreamBodyTest, AReaderTooSlowIsCutOffRatherThanBuffered) {
  StreamBody body(small(10));
  int ends = 0;
  body.on_end([&] { ++ends; });
  EXPECT_TRUE(body.push("12345"));
  EXPECT_TRUE(body.push("67890"));
  EXPECT_FALSE(body.push("1"));
  EXPECT_TRUE(body.ended());
  EXPECT_EQ(ends, 1);
  // Half a backlog would look like a complete thread; the client reconnects instead.
  EXPECT_EQ(body.take(), "");
}

TEST(StreamBodyTest, OnEndRunsOnceWhoeverEndsIt) {
  StreamBody body(small(100));
  int ends = 0;
  body.on_end([&] { ++ends; });
  body.end();
  body.end();
  EXPECT_EQ(ends, 1);
  int late = 0;
  body.on_end([&] { ++late; });  // registered after the end: runs at once
  EXPECT_EQ(late, 1);
}

TEST(StreamBodyTest, AStreamDroppedWithoutEndingStillRunsOnEnd) {
  int ends = 0;
  {
    StreamBody body(small(100));
    body.on_end([&] { ++ends; });
  }
  EXPECT_EQ(ends, 1);
  {
    StreamBody body(small(100));
    body.on_end([&] { ++ends; });
    body.end();
  }
  EXPECT_EQ(ends, 2);
}

TEST(StreamBodyTest, OnEndMayTouchTheStreamWithoutDeadlock) {
  StreamBody body(small(100));
  bool pushed = true;
  body.on_end([&] { pushed = body.push("x"); });
  body.end();
  EXPECT_FALSE(pushed);
}

TEST(StreamBodyTest, WakesTheWriterOnPushAndOnEnd) {
  StreamBody body(small(100));
  int wakes = 0;
  body.set_waker([&] { ++wakes; });
  ASSERT_TRUE(body.push("a"));
  EXPECT_EQ(wakes, 1);
  body.end();
  EXPECT_EQ(wakes, 2);
}

TEST(StreamBodyTest, ConcurrentPushesLoseNothing) {
  StreamBody body(small(1 << 20));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) ASSERT_TRUE(body.push("x"));
    });
  }
  std::string seen;
  while (seen.size() < 4000) seen += body.take();
  for (auto& t : threads) t.join();
  seen += body.take();
  EXPECT_EQ(seen.size(), 4000U);
}

}  // namespace
}  // namespace sala::web
