#include "service/post_challenge.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "service_fixture.hpp"

namespace sala::service {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// Checks what the browser's solver does: counting up from 0 until
// SHA-256(challenge ":" nonce) starts with enough zero bits. Small
// difficulties keep the tests fast; the arithmetic is the same.
std::string solve(const std::string& challenge, int bits) {
  for (std::uint64_t n = 0;; ++n) {
    std::string nonce = std::to_string(n);
    if (leading_zero_bits(crypto::sha256(challenge + ":" + nonce)) >= bits) return nonce;
  }
}

// A nonce that does not solve the challenge: fewer zero bits than asked.
std::string miss(const std::string& challenge, int bits) {
  for (std::uint64_t n = 0;; ++n) {
    std::string nonce = std::to_string(n);
    if (leading_zero_bits(crypto::sha256(challenge + ":" + nonce)) < bits) return nonce;
  }
}

class PostChallengeTest : public ServiceTest {
 protected:
  static constexpr ChallengeRules kRules{.base_bits = 6, .step_bits = 2, .max_bits = 12, .posts_per_step = 10};

  IssuedChallenge issue(const std::string& thread = "/story", const std::string& site = "news") {
    auto issued = challenges_.issue(*store_, SiteId{site}, thread);
    EXPECT_TRUE(issued) << issued.error().message;
    return issued ? *issued : IssuedChallenge{};
  }

  Result<std::optional<SpentChallenge>> admit(const std::optional<ChallengeAnswer>& answer,
                                              const std::string& thread = "/story",
                                              ChallengeMode mode = ChallengeMode::always) {
    auto site = store_->sites().find(SiteId{"news"});
    EXPECT_TRUE(site && *site);
    (*site)->challenge = mode;
    EXPECT_TRUE(store_->moderation().save_settings(**site));
    return challenges_.admit(*store_, SiteId{"news"}, thread, answer);
  }

  template <class T>
  static std::string code(const Result<T>& r) { return r ? "ok" : r.error().wire_code(); }

  PostThrottle throttle_{PostLimits{.reader_burst = 20, .reader_per_hour = 0, .thread_per_minute = 120,
                                    .total_per_minute = 0}};
  PostChallenges challenges_{clock_, throttle_, kRules};
};

TEST(LeadingZeroBitsTest, CountsBitsAcrossBytes) {
  EXPECT_EQ(leading_zero_bits(std::string("\x80", 1)), 0);
  EXPECT_EQ(leading_zero_bits(std::string("\x01", 1)), 7);
  EXPECT_EQ(leading_zero_bits(std::string("\x00\x00\x10", 3)), 19);
  EXPECT_EQ(leading_zero_bits(std::string(4, '\0')), 32);
}

TEST_F(PostChallengeTest, ASolvedChallengeAdmitsOnePostOnly) {
  const auto issued = issue();
  EXPECT_EQ(issued.difficulty, 6);
  EXPECT_EQ(issued.expires.ms, (clock_.now().ms + 600'000) / 1000 * 1000);
  const ChallengeAnswer answer{issued.challenge, solve(issued.challenge, issued.difficulty)};
  EXPECT_EQ(code(admit(answer)), "ok");
  auto again = admit(answer);
  EXPECT_EQ(code(again), "challenge_used");
  EXPECT_EQ(again.error().code, Errc::precondition_required);
}

TEST_F(PostChallengeTest, APostWithoutAnswerIsToldToSolveOne) {
  auto refused = admit(std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(std::string(refused.error().wire_code()), "challenge_required");
  EXPECT_EQ(refused.error().code, Errc::precondition_required);
  EXPECT_EQ(code(admit(std::nullopt, "/story", ChallengeMode::off)), "ok") << "the default asks for nothing";
}

TEST_F(PostChallengeTest, AForgedTagIsRefused) {
  const auto issued = issue();
  // Asking for fewer bits means changing the text the tag covers.
  std::string forged = issued.challenge;
  const auto bits_at = forged.find(".6.");
  ASSERT_NE(bits_at, std::string::npos);
  forged.replace(bits_at, 3, ".1.");
  EXPECT_EQ(code(admit(ChallengeAnswer{forged, solve(forged, 1)})), "challenge_invalid");
  // And a tag made up from scratch.
  std::string retagged = issued.challenge.substr(0, issued.challenge.rfind('.') + 1) + crypto::random_token(16);
  EXPECT_EQ(code(admit(ChallengeAnswer{retagged, solve(retagged, 6)})), "challenge_invalid");
  EXPECT_EQ(code(admit(ChallengeAnswer{"v1.news", "1"})), "challenge_invalid");
  EXPECT_EQ(code(admit(ChallengeAnswer{issued.challenge, "-1"})), "challenge_invalid");
  // The real one still works: refusals spent nothing.
  EXPECT_EQ(code(admit(ChallengeAnswer{issued.challenge, solve(issued.challenge, 6)})), "ok");
}

TEST_F(PostChallengeTest, AChallengeIsForOneThreadOfOneSite) {
  const auto other_thread = issue("/other");
  EXPECT_EQ(code(admit(ChallengeAnswer{other_thread.challenge, solve(other_thread.challenge, 6)})),
            "challenge_invalid");
  ASSERT_TRUE(SiteService(*store_, clock_).add({"sport", {"https://sport.example"}, false}));
  const auto other_site = issue("/story", "sport");
  EXPECT_EQ(code(admit(ChallengeAnswer{other_site.challenge, solve(other_site.challenge, 6)})), "challenge_invalid");
}

TEST_F(PostChallengeTest, AnExpiredChallengeIsRefused) {
  const auto issued = issue();
  const ChallengeAnswer answer{issued.challenge, solve(issued.challenge, 6)};
  clock_.advance(minutes(10));
  EXPECT_EQ(code(admit(answer)), "challenge_expired");
}

TEST_F(PostChallengeTest, TooFewZeroBitsAreRefused) {
  const auto issued = issue();
  EXPECT_EQ(code(admit(ChallengeAnswer{issued.challenge, miss(issued.challenge, 6)})), "challenge_invalid");
}

TEST_F(PostChallengeTest, DifficultyRisesWithTheThreadsRecentPostsAndComesBack) {
  const SiteId site{"news"};
  EXPECT_EQ(challenges_.difficulty(site, "/story"), 6);
  EXPECT_FALSE(challenges_.required(ChallengeMode::attack, site, "/story"));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(throttle_.admit("r" + std::to_string(i), site, "/story", clock_.now()));
  EXPECT_EQ(challenges_.difficulty(site, "/story"), 8);
  EXPECT_EQ(issue().difficulty, 8);
  EXPECT_TRUE(challenges_.required(ChallengeMode::attack, site, "/story")) << "a thread under attack";
  EXPECT_FALSE(challenges_.required(ChallengeMode::attack, site, "/calm"));
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(throttle_.admit("s" + std::to_string(i), site, "/story", clock_.now()));
  EXPECT_EQ(challenges_.difficulty(site, "/story"), 12) << "capped";
  clock_.advance(minutes(1));
  EXPECT_EQ(challenges_.difficulty(site, "/story"), 6) << "a calm minute later";
}

TEST_F(PostChallengeTest, AChallengeIssuedHardStaysHard) {
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(throttle_.admit("r" + std::to_string(i), SiteId{"news"}, "/story", clock_.now()));
  const auto issued = issue();
  ASSERT_EQ(issued.difficulty, 10);
  clock_.advance(minutes(1));
  EXPECT_EQ(code(admit(ChallengeAnswer{issued.challenge, miss(issued.challenge, 10)})), "challenge_invalid");
  EXPECT_EQ(code(admit(ChallengeAnswer{issued.challenge, solve(issued.challenge, 10)})), "ok");
}

TEST_F(PostChallengeTest, TheKeyIsSharedThroughTheStore) {
  const auto issued = issue();
  PostChallenges another_instance(clock_, throttle_, kRules);
  EXPECT_EQ(code(admit(std::nullopt)), "challenge_required");
  EXPECT_TRUE(another_instance.admit(*store_, SiteId{"news"}, "/story",
                                     ChallengeAnswer{issued.challenge, solve(issued.challenge, 6)}));
}

TEST_F(PostChallengeTest, OneSolutionBuysOneCommentHoweverManyInstancesShareTheDatabase) {
  const auto issued = issue();
  const ChallengeAnswer answer{issued.challenge, solve(issued.challenge, 6)};
  PostChallenges another_instance(clock_, throttle_, kRules);
  auto here = admit(answer);
  auto there = another_instance.admit(*store_, SiteId{"news"}, "/story", answer);
  ASSERT_TRUE(here && there) << "each instance alone has not seen it spent";
  ASSERT_TRUE(*here && *there);
  EXPECT_EQ(code(admit(answer)), "challenge_used") << "the same instance turns a replay away at once";

  PostInput first = input("the solver's comment");
  first.spent_challenge = *here;
  ASSERT_TRUE(post(first));
  PostInput second = input("the same solution, on the other instance");
  second.spent_challenge = *there;
  second.author = "Someone Else";
  auto refused = post(second);
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "challenge_used");
  EXPECT_EQ(page().comments.size(), 1u) << "the second post stored nothing";

  // A post that fails for another reason spends nothing.
  const auto next = issue();
  const ChallengeAnswer fresh{next.challenge, solve(next.challenge, 6)};
  PostInput empty = input("");
  empty.spent_challenge = admit(fresh).value();
  EXPECT_FALSE(post(empty));
  PostInput retried = input("written this time");
  retried.spent_challenge = another_instance.admit(*store_, SiteId{"news"}, "/story", fresh).value();
  EXPECT_TRUE(post(retried));
}

}  // namespace
}  // namespace sala::service
