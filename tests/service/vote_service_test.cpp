#include "service/vote_service.hpp"

#include "service/service_fixture.hpp"

namespace sala::service {
namespace {

using VoteServiceTest = ServiceTest;

TEST_F(VoteServiceTest, OneVotePerReaderWhateverTheRepeats) {
  auto posted = post(input("vote on me"));
  ASSERT_TRUE(posted);
  const CommentId id = posted->comment.id;
  auto alice = identity_.fingerprint(*store_, "198.51.100.1");
  auto bob = identity_.fingerprint(*store_, "198.51.100.2");
  ASSERT_TRUE(alice && bob);
  EXPECT_NE(*alice, *bob);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(in_tx<VoteOutcome>([&](store::Store& tx) { return votes_.vote(tx, id, *alice, 1); }));
  }
  auto outcome = in_tx<VoteOutcome>([&](store::Store& tx) { return votes_.vote(tx, id, *bob, -1); });
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->upvotes, 1);
  EXPECT_EQ(outcome->downvotes, 1);
  EXPECT_EQ(outcome->my_vote, -1);

  auto flipped = in_tx<VoteOutcome>([&](store::Store& tx) { return votes_.vote(tx, id, *alice, -1); });
  ASSERT_TRUE(flipped);
  EXPECT_EQ(flipped->upvotes, 0);
  EXPECT_EQ(flipped->downvotes, 2);
  auto retracted = in_tx<VoteOutcome>([&](store::Store& tx) { return votes_.vote(tx, id, *alice, 0); });
  ASSERT_TRUE(retracted);
  EXPECT_EQ(retracted->score(), -1);
  EXPECT_EQ(retracted->my_vote, 0);
}

TEST_F(VoteServiceTest, TheFingerprintChangesWithTheDayAndHidesTheAddress) {
  auto today = identity_.fingerprint(*store_, "198.51.100.1");
  ASSERT_TRUE(today);
  EXPECT_EQ(today->find("198.51.100.1"), std::string::npos);
  clock_.advance(std::chrono::hours(24));
  auto tomorrow = identity_.fingerprint(*store_, "198.51.100.1");
  ASSERT_TRUE(tomorrow);
  EXPECT_NE(*today, *tomorrow);
}

TEST_F(VoteServiceTest, VotingOnAMissingOrHiddenCommentIsNotFound) {
  auto missing = in_tx<VoteOutcome>(
      [&](store::Store& tx) { return votes_.vote(tx, CommentId{424242}, "voter", 1); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
  auto posted = post(input("x"));
  ASSERT_TRUE(posted);
  auto bad = in_tx<VoteOutcome>([&](store::Store& tx) { return votes_.vote(tx, posted->comment.id, "v", 2); });
  ASSERT_FALSE(bad);
  EXPECT_STREQ(bad.error().wire_code(), "invalid_vote");
}

TEST_F(VoteServiceTest, ReportsNeedAReason) {
  auto posted = post(input("x"));
  ASSERT_TRUE(posted);
  auto empty = in_tx<std::monostate>([&](store::Store& tx) -> Result<std::monostate> {
    auto r = votes_.report(tx, posted->comment.id, "r", "  ");
    if (!r) return r.error();
    return std::monostate{};
  });
  ASSERT_FALSE(empty);
  EXPECT_STREQ(empty.error().wire_code(), "reason_required");
  auto ok = in_tx<std::monostate>([&](store::Store& tx) -> Result<std::monostate> {
    auto r = votes_.report(tx, posted->comment.id, "r", "spam");
    if (!r) return r.error();
    return std::monostate{};
  });
  EXPECT_TRUE(ok);
}

}  // namespace
}  // namespace sala::service
