#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace sala::service {

// Who a reader is, without knowing who they are. A reader is a keyed hash of
// their address under a random key made for each UTC day and deleted two
// days later; the address itself is never stored or logged. Once a day's key
// is gone, its hashes can no longer be linked to any address, not even by
// someone holding the database.
//
// Thread-safe. Keys live in the store so every instance agrees on them.
class ReaderIdentity {
 public:
  explicit ReaderIdentity(const Clock& clock) : clock_(clock) {}

  // 16 opaque bytes naming this reader today.
  //
  // Both calls may store a new key, and cache it: call them on the top-level
  // store, never inside a transaction that might roll back.
  [[nodiscard]] Result<std::string> fingerprint(store::Store& store, std::string_view address);

  // A short hex seed for the widget's locally drawn avatar: the same name on
  // the same site gets the same picture, and nothing else leaks from it.
  [[nodiscard]] Result<std::string> avatar_seed(store::Store& store, const SiteId& site,
                                                std::string_view name);

 private:
  [[nodiscard]] Result<std::string> day_key(store::Store& store);

  const Clock& clock_;
  std::mutex mutex_;
  std::int64_t cached_day_ = -1;
  std::string cached_key_;
  std::string avatar_key_;
};

}  // namespace sala::service
