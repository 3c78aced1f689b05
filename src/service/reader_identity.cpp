#include "service/reader_identity.hpp"

#include <chrono>

#include "crypto/crypto.hpp"

namespace sala::service {
namespace {
constexpr std::string_view kDayKeyPrefix = "fingerprint:";
constexpr std::size_t kKeyBytes = 32;
}  // namespace

Result<std::string> ReaderIdentity::day_key(store::Store& store) {
  const Timestamp now = clock_.now();
  const std::int64_t day = utc_day(now);
  {
    std::lock_guard lock(mutex_);
    if (day == cached_day_) return cached_key_;
  }
  auto key = store.secrets().get_or_put(std::string(kDayKeyPrefix) + std::to_string(day),
                                        crypto::random_bytes(kKeyBytes), now);
  if (!key) return key.error();
  // Yesterday's key stays a day longer so a vote cast at 23:59 can still be retracted.
  auto pruned = store.secrets().erase_older(std::string(kDayKeyPrefix), now - std::chrono::hours(48));
  if (!pruned) return pruned.error();
  std::lock_guard lock(mutex_);
  cached_day_ = day;
  cached_key_ = *key;
  return *key;
}

Result<std::string> ReaderIdentity::fingerprint(store::Store& store, std::string_view address) {
  auto key = day_key(store);
  if (!key) return key.error();
  return crypto::keyed_hash(*key, address, 16);
}

Result<std::string> ReaderIdentity::avatar_seed(store::Store& store, const SiteId& site,
                                                std::string_view name) {
  std::string key;
  {
    std::lock_guard lock(mutex_);
    key = avatar_key_;
  }
  if (key.empty()) {
    auto stored = store.secrets().get_or_put("avatar", crypto::random_bytes(kKeyBytes), clock_.now());
    if (!stored) return stored.error();
    key = *stored;
    std::lock_guard lock(mutex_);
    avatar_key_ = key;
  }
  std::string data = site.value;
  data += '\n';
  data += name;
  return crypto::to_hex(crypto::keyed_hash(key, data, 16)).substr(0, 8);
}

}  // namespace sala::service
