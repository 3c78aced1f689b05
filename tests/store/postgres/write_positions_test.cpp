// What a read must wait for before a replica may serve it; no server needed.
#include "store/postgres/write_positions.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace sala::pg {
namespace {

store::ThreadChange change(const std::string& site, const std::string& key) {
  return {SiteId{site}, key, std::nullopt};
}

store::ReadScope thread(const std::string& site, const std::string& key) { return {SiteId{site}, {key}}; }

TEST(WritePositionsTest, AThreadWaitsForItsOwnLastWriteOnly) {
  WritePositions p;
  p.record(change("news", "/a"), 100);
  p.record(change("news", "/a"), 90);  // an older position never lowers it
  p.record(change("news", "/b"), 200);
  p.record(change("other", "/a"), 300);
  EXPECT_EQ(p.required(thread("news", "/a")), 100u);
  EXPECT_EQ(p.required(thread("news", "/b")), 200u);
  EXPECT_EQ(p.required(thread("news", "/c")), 0u);
  EXPECT_EQ(p.required(thread("other", "/a")), 300u);
}

TEST(WritePositionsTest, ManyThreadsOrAWholeSiteWaitForTheLatestOfThem) {
  WritePositions p;
  p.record(change("news", "/a"), 100);
  p.record(change("news", "/b"), 200);
  p.record(change("other", "/c"), 300);
  EXPECT_EQ(p.required({SiteId{"news"}, {"/a", "/b", "/x"}}), 200u);
  EXPECT_EQ(p.required({SiteId{"news"}, {}}), 200u);
  EXPECT_EQ(p.required({SiteId{"quiet"}, {}}), 0u);
}

TEST(WritePositionsTest, EverythingRaisesTheFloorOfEveryThread) {
  WritePositions p;
  p.record(change("news", "/a"), 500);
  p.record_everything(400);
  EXPECT_EQ(p.required(thread("news", "/a")), 500u);
  EXPECT_EQ(p.required(thread("news", "/b")), 400u);
  p.record_everything(300);  // a floor never goes down...
  EXPECT_EQ(p.required(thread("news", "/b")), 400u);
}

TEST(WritePositionsTest, AnUnknownPositionSendsEveryReadToThePrimaryUntilTheNextFloor) {
  WritePositions p;
  p.record_everything(400);
  p.pin_everything();
  EXPECT_EQ(p.required(thread("news", "/b")), std::numeric_limits<WalPosition>::max());
  p.record_everything(450);  // ...except from "unknown" to where the log stands now
  EXPECT_EQ(p.required(thread("news", "/b")), 450u);
}

TEST(WritePositionsTest, WhatTheReplicaHasPassedIsForgottenAndStaysSatisfied) {
  WritePositions p;
  p.record(change("news", "/a"), 100);
  p.record(change("news", "/b"), 200);
  p.forget_up_to(150);
  EXPECT_EQ(p.required(thread("news", "/a")), 0u);
  EXPECT_EQ(p.required(thread("news", "/b")), 200u);
  EXPECT_EQ(p.required({SiteId{"news"}, {}}), 200u);
  p.forget_up_to(250);
  EXPECT_EQ(p.required({SiteId{"news"}, {}}), 0u);
}

TEST(WritePositionsTest, TooManyThreadsFoldIntoOneFloorThatStillCoversEach) {
  WritePositions p;
  for (int i = 0; i <= 100'000; ++i) p.record(change("news", "/t" + std::to_string(i)), 1000 + i);
  EXPECT_EQ(p.required(thread("news", "/t0")), 101'000u) << "folded: the latest write is the floor";
  EXPECT_GE(p.required(thread("news", "/t100000")), 101'000u);
}

}  // namespace
}  // namespace sala::pg
