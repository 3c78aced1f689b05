#include "service/post_challenge.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "core/parse_int.hpp"
#include "crypto/crypto.hpp"

namespace sala::service {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::string_view kKeyName = "challenge_key";
constexpr std::size_t kMaxChallenge = 256;
constexpr std::size_t kMaxNonceDigits = 16;

Error refused(std::string code, std::string message) {
  return Error::precondition_required(std::move(code), std::move(message));
}

Error invalid() {
  return refused("challenge_invalid", "the anti-spam check did not pass; please try again");
}

// The thread as a challenge names it: short, fixed-size and free of the dots
// that separate the fields, whatever the thread key holds.
std::string thread_tag(const std::string& thread_key) {
  return crypto::base64url_encode(crypto::digest(thread_key).substr(0, 16));
}

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool is_nonce(std::string_view nonce) {
  return !nonce.empty() && nonce.size() <= kMaxNonceDigits &&
         std::all_of(nonce.begin(), nonce.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int leading_zero_bits(std::string_view bytes) {
  int bits = 0;
  for (unsigned char b : bytes) {
    if (b == 0) {
      bits += 8;
      continue;
    }
    for (unsigned char mask = 0x80; (b & mask) == 0; mask >>= 1) ++bits;
    break;
  }
  return bits;
}

int PostChallenges::difficulty(const SiteId& site, const std::string& thread_key) {
  const int posts = throttle_.recent_posts(site, thread_key, clock_.now());
  const int steps = posts / std::max(1, rules_.posts_per_step);
  return std::min(rules_.max_bits, rules_.base_bits + rules_.step_bits * steps);
}

bool PostChallenges::required(ChallengeMode mode, const SiteId& site, const std::string& thread_key) {
  switch (mode) {
    case ChallengeMode::off: return false;
    case ChallengeMode::always: return true;
    case ChallengeMode::attack: return difficulty(site, thread_key) > rules_.base_bits;
  }
  return true;
}

Result<std::string> PostChallenges::key(store::Store& store) {
  {
    std::lock_guard lock(mutex_);
    if (key_) return *key_;
  }
  // Outside the lock: a slow database must not hold up redemptions.
  auto stored = store.secrets().get_or_put(std::string(kKeyName), crypto::random_bytes(32), clock_.now());
  if (!stored) return stored.error();
  std::lock_guard lock(mutex_);
  key_ = *stored;
  return *key_;
}

Result<IssuedChallenge> PostChallenges::issue(store::Store& store, const SiteId& site,
                                              const std::string& thread_key) {
  auto k = key(store);
  if (!k) return k.error();
  const int bits = difficulty(site, thread_key);
  const Timestamp expires{clock_.now().ms + rules_.lifetime.count()};
  // Whole seconds: what the tag covers is exactly what the text says.
  const std::int64_t expires_s = expires.ms / 1000;
  std::string body = std::string(kVersion) + "." + site.value + "." + thread_tag(thread_key) + "." +
                     std::to_string(expires_s) + "." + std::to_string(bits) + "." + crypto::random_token(16);
  const std::string tag = crypto::base64url_encode(crypto::keyed_hash(*k, body));
  return IssuedChallenge{body + "." + tag, bits, Timestamp{expires_s * 1000}};
}

Result<std::optional<SpentChallenge>> PostChallenges::admit(store::Store& store, const SiteId& site,
                                                            const std::string& thread_key,
                                                            const std::optional<ChallengeAnswer>& answer) {
  auto found = store.sites().find(site);
  if (!found) return found.error();
  if (!*found || !required((*found)->challenge, site, thread_key)) return std::optional<SpentChallenge>{};
  if (!answer) {
    return refused("challenge_required", "this discussion asks your browser to solve a small puzzle first");
  }
  const std::string& challenge = answer->challenge;
  if (challenge.size() > kMaxChallenge || !is_nonce(answer->nonce)) return invalid();
  const auto parts = split_dots(challenge);
  if (parts.size() != 7 || parts[0] != kVersion) return invalid();
  auto k = key(store);
  if (!k) return k.error();
  const std::string_view body(challenge.data(), challenge.size() - parts[6].size() - 1);
  const std::string expected = crypto::base64url_encode(crypto::keyed_hash(*k, body));
  // The tag first: nothing else in a forged challenge deserves an answer.
  if (!crypto::equal_constant_time(expected, parts[6])) return invalid();
  if (parts[1] != site.value || parts[2] != thread_tag(thread_key)) {
    return refused("challenge_invalid", "the anti-spam check was for another discussion; please try again");
  }
  const auto expires_s = parse_decimal(parts[3], 0, std::numeric_limits<std::int64_t>::max() / 1000);
  const auto bits = parse_decimal(parts[4], 0, 256);
  if (!expires_s || !bits) return invalid();
  const std::int64_t now_ms = clock_.now().ms;
  if (*expires_s * 1000 <= now_ms) {
    return refused("challenge_expired", "the anti-spam check took too long; please try again");
  }
  if (leading_zero_bits(crypto::sha256(challenge + ":" + answer->nonce)) < *bits) return invalid();
  if (!spend(std::string(parts[6]), *expires_s * 1000, now_ms)) return used_challenge();
  return std::optional<SpentChallenge>{SpentChallenge{std::string(parts[6]), Timestamp{*expires_s * 1000}}};
}

Error used_challenge() {
  return Error::precondition_required("challenge_used", "this anti-spam check was used already; please try again");
}

bool PostChallenges::spend(const std::string& tag, std::int64_t expires_ms, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  // Every challenge lives as long as the others, so the oldest spent ones
  // expire first; an expired challenge is refused before it gets here.
  while (!spent_order_.empty() && spent_order_.front().first <= now_ms) {
    spent_.erase(spent_order_.front().second);
    spent_order_.pop_front();
  }
  if (!spent_.insert(tag).second) return false;
  spent_order_.emplace_back(expires_ms, tag);
  return true;
}

}  // namespace sala::service
