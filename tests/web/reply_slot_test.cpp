#include "web/reply_slot.hpp"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

namespace sala::web {
namespace {

TEST(ReplySlotTest, FirstAnswerWinsAndWakesOnce) {
  auto gate = std::make_shared<ServerGate>();
  std::atomic<int> wakes{0};
  auto slot = std::make_shared<ReplySlot>(gate, [&] { ++wakes; });
  EXPECT_FALSE(slot->take());
  EXPECT_TRUE(slot->offer(Reply::empty(201)));
  EXPECT_FALSE(slot->offer(Reply::empty(500)));
  EXPECT_EQ(wakes.load(), 1);
  const auto reply = slot->take();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
  EXPECT_FALSE(slot->take());
}

TEST(ReplySlotTest, AnswerFromAnotherThread) {
  auto gate = std::make_shared<ServerGate>();
  std::atomic<int> wakes{0};
  auto slot = std::make_shared<ReplySlot>(gate, [&] { ++wakes; });
  Respond respond = make_respond(slot);
  std::thread worker([copy = respond] { copy(Reply::empty(204)); });
  worker.join();
  EXPECT_EQ(wakes.load(), 1);
  ASSERT_TRUE(slot->take());
}

TEST(ReplySlotTest, DroppedRespondAnswersInternalError) {
  auto gate = std::make_shared<ServerGate>();
  auto slot = std::make_shared<ReplySlot>(gate, [] {});
  {
    Respond respond = make_respond(slot);
    Respond copy = respond;
  }
  const auto reply = slot->take();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  EXPECT_NE(reply->body.find("\"internal\""), std::string::npos);
}

TEST(ReplySlotTest, ClosedGateSwallowsLateWakeUps) {
  auto gate = std::make_shared<ServerGate>();
  std::atomic<int> wakes{0};
  auto slot = std::make_shared<ReplySlot>(gate, [&] { ++wakes; });
  gate->close();
  EXPECT_TRUE(slot->offer(Reply::empty(200)));
  EXPECT_EQ(wakes.load(), 0);
}

}  // namespace
}  // namespace sala::web
