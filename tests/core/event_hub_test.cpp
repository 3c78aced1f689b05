#include "core/event_hub.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace sala {
namespace {

EventHub::Message msg(const char* text) { return std::make_shared<const std::string>(text); }

TEST(EventHubTest, DeliversToTheTopicsSubscribersOnly) {
  EventHub hub;
  std::vector<std::string> a, b;
  auto sa = hub.subscribe("a", [&](const EventHub::Message& m) { a.push_back(*m); });
  auto sb = hub.subscribe("b", [&](const EventHub::Message& m) { b.push_back(*m); });
  hub.publish("a", msg("1"));
  hub.publish("c", msg("nobody"));
  EXPECT_EQ(a, std::vector<std::string>{"1"});
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(hub.subscriber_count(), 2u);
}

TEST(EventHubTest, ASubscriptionEndsWhenDestroyedOrMoved) {
  EventHub hub;
  int calls = 0;
  {
    auto s = hub.subscribe("t", [&](const EventHub::Message&) { ++calls; });
    EventHub::Subscription moved = std::move(s);
    hub.publish("t", msg("x"));
  }
  hub.publish("t", msg("y"));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(hub.subscriber_count(), 0u);
}

TEST(EventHubTest, ConcurrentSubscribersAndPublishersAreSafe) {
  EventHub hub;
  std::atomic<int> received{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        auto s = hub.subscribe("t", [&](const EventHub::Message&) { ++received; });
        hub.publish("t", msg("x"));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(received.load(), 2000);  // each publish reaches at least its own subscriber
  EXPECT_EQ(hub.subscriber_count(), 0u);
}

}  // namespace
}  // namespace sala
