#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "domain/site.hpp"
#include "service/post_throttle.hpp"
#include "store/store.hpp"

namespace sala::service {

// How hard the proof of work is: `base_bits` leading zero bits of SHA-256 for
// a calm thread, `step_bits` more for every `posts_per_step` comments it
// received in the last minute, at most `max_bits`. The expected work is
// 2^bits hashes: a blink at 14, 256 times that at the cap, which slows a
// flood without shutting readers out.
struct ChallengeRules {
  int base_bits = 14;
  int step_bits = 2;
  int max_bits = 22;
  int posts_per_step = 10;
  std::chrono::milliseconds lifetime = std::chrono::minutes(10);
};

struct IssuedChallenge {
  std::string challenge;
  int difficulty = 0;
  Timestamp expires;
};

// What a post carries when it solved a challenge: the challenge as issued and
// a decimal nonce such that SHA-256(challenge ":" nonce) starts with
// `difficulty` zero bits.
struct ChallengeAnswer {
  std::string challenge;
  std::string nonce;
};

// A challenge a post redeemed: its tag and expiry, for the post's own
// transaction to record, so that no other instance takes it again.
struct SpentChallenge {
  std::string tag;
  Timestamp expires;
};

// Proof-of-work challenges for posting, instead of a third-party captcha
// (API.md "Challenges"). A challenge names its site, thread, expiry and
// difficulty and carries a keyed BLAKE2b tag under a server key kept in the
// secrets store, so any instance can check it and nothing is stored per
// challenge. Redeemed challenges are remembered until they expire: in this
// process, which turns a replay away before any database work, and in the
// store, by the post that spends one (CommentService::commit_post), so that
// one solution buys one comment however many instances share the database.
// Thread-safe.
class PostChallenges {
 public:
  PostChallenges(const Clock& clock, PostThrottle& throttle, ChallengeRules rules = {})
      : clock_(clock), throttle_(throttle), rules_(rules) {}

  // The zero bits a new challenge for the thread asks for now.
  int difficulty(const SiteId& site, const std::string& thread_key);
  // Whether a post on the thread must carry a solved challenge under `mode`.
  bool required(ChallengeMode mode, const SiteId& site, const std::string& thread_key);

  [[nodiscard]] Result<IssuedChallenge> issue(store::Store& store, const SiteId& site,
                                              const std::string& thread_key);
  // Nothing when the site's setting (read from `store`, so a change holds at
  // once) asks for nothing; else `answer` must solve a challenge issued for
  // this thread that is neither expired nor spent here, and the challenge to
  // record with the post is returned. Nothing for an unknown site: the post
  // itself will be refused. 428 "challenge_required", "challenge_invalid",
  // "challenge_expired" or "challenge_used".
  [[nodiscard]] Result<std::optional<SpentChallenge>> admit(store::Store& store, const SiteId& site,
                                                            const std::string& thread_key,
                                                            const std::optional<ChallengeAnswer>& answer);

 private:
  [[nodiscard]] Result<std::string> key(store::Store& store);
  // Spends the challenge with this tag; false when it was spent already.
  bool spend(const std::string& tag, std::int64_t expires_ms, std::int64_t now_ms);

  const Clock& clock_;
  PostThrottle& throttle_;
  const ChallengeRules rules_;
  std::mutex mutex_;
  std::optional<std::string> key_;
  std::unordered_set<std::string> spent_;
  std::deque<std::pair<std::int64_t, std::string>> spent_order_;  // (expires, tag), oldest first
};

// 428 "challenge_used": the challenge bought a comment already.
Error used_challenge();

// How many leading zero bits `bytes` has.
int leading_zero_bits(std::string_view bytes);

}  // namespace sala::service
