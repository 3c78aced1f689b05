#include "api/live_events.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sala::api {
namespace {

std::string frame(std::int64_t id) {
  return "id: " + std::to_string(id) + "\nevent: comment\ndata: {\"id\":" + std::to_string(id) + "}\n\n";
}

struct Collected {
  std::vector<std::string> frames;
  EventHub::Callback callback() {
    return [this](const EventHub::Message& m) { frames.push_back(*m); };
  }
};

void publish(LiveEvents& live, const std::string& topic, std::int64_t id) {
  live.publish(topic, id, "comment", "{\"id\":" + std::to_string(id) + "}");
}

TEST(LiveEventsTest, FramesAreServerSentEventsWithTheirId) {
  EventHub hub;
  LiveEvents live(hub);
  Collected got;
  auto sub = live.subscribe("t", std::nullopt, got.callback());
  publish(live, "t", 7);
  publish(live, "other", 8);
  ASSERT_EQ(got.frames.size(), 1U);
  EXPECT_EQ(got.frames[0], frame(7));
}

TEST(LiveEventsTest, ReplaysOnlyWhatCameAfterTheLastSeenEvent) {
  EventHub hub;
  LiveEvents live(hub);
  for (std::int64_t id : {1, 2, 3, 4}) publish(live, "t", id);
  Collected got;
  auto sub = live.subscribe("t", 2, got.callback());
  publish(live, "t", 5);
  EXPECT_EQ(got.frames, (std::vector<std::string>{frame(3), frame(4), frame(5)}));
}

TEST(LiveEventsTest, WithoutLastSeenNothingOldIsReplayed) {
  EventHub hub;
  LiveEvents live(hub);
  publish(live, "t", 1);
  Collected got;
  auto sub = live.subscribe("t", std::nullopt, got.callback());
  EXPECT_TRUE(got.frames.empty());
}

TEST(LiveEventsTest, AnUnrememberedLastSeenGetsTheGreaterIds) {
  EventHub hub;
  LiveEvents live(hub, /*per_thread=*/3);
  for (std::int64_t id : {10, 11, 12, 13, 14}) publish(live, "t", id);  // 10, 11 forgotten
  Collected old_reader;
  auto a = live.subscribe("t", 10, old_reader.callback());
  EXPECT_EQ(old_reader.frames, (std::vector<std::string>{frame(12), frame(13), frame(14)}));
  // An id from before a restart, or from the future, replays nothing it cannot be missing.
  Collected ahead;
  auto b = live.subscribe("t", 99, ahead.callback());
  EXPECT_TRUE(ahead.frames.empty());
}

TEST(LiveEventsTest, TheQuietestThreadIsForgottenFirst) {
  EventHub hub;
  LiveEvents live(hub, /*per_thread=*/4, /*threads=*/2);
  publish(live, "a", 1);
  publish(live, "b", 2);
  publish(live, "a", 3);  // "a" is now the most recent
  publish(live, "c", 4);  // evicts "b"
  Collected a, b, c;
  auto sa = live.subscribe("a", 0, a.callback());
  auto sb = live.subscribe("b", 0, b.callback());
  auto sc = live.subscribe("c", 0, c.callback());
  EXPECT_EQ(a.frames, (std::vector<std::string>{frame(1), frame(3)}));
  EXPECT_TRUE(b.frames.empty());
  EXPECT_EQ(c.frames, (std::vector<std::string>{frame(4)}));
}

TEST(LiveEventsTest, AnEndedSubscriptionReceivesNothing) {
  EventHub hub;
  LiveEvents live(hub);
  Collected got;
  {
    auto sub = live.subscribe("t", std::nullopt, got.callback());
  }
  publish(live, "t", 1);
  EXPECT_TRUE(got.frames.empty());
  EXPECT_EQ(hub.subscriber_count(), 0U);
}

}  // namespace
}  // namespace sala::api
