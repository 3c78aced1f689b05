#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "domain/reader.hpp"

namespace sala::store {

// Readers signing in by a mailed link (service::ReaderSignins): the links
// waiting to be opened, and the server-signed reader tokens their readers
// signed out of before they expired.
class ReaderSigninRepo {
 public:
  virtual ~ReaderSigninRepo() = default;

  // Stores `signin` as the one live link of its site and account, replacing
  // an older one, unless the current one was created after `not_before`;
  // returns whether it did. Atomic, so two requests at once mail one link.
  [[nodiscard]] virtual Result<bool> put(const ReaderSignin& signin, Timestamp not_before) = 0;
  // The unexpired link with this code digest.
  [[nodiscard]] virtual Result<std::optional<ReaderSignin>> find(const std::string& digest, Timestamp now) = 0;
  // Deletes the link; false if it was already gone (used by someone else
  // a moment ago), so a link signs in once.
  [[nodiscard]] virtual Result<bool> consume(const std::string& digest) = 0;
  [[nodiscard]] virtual Result<void> erase_expired(Timestamp now) = 0;

  // Refuses the token with this id digest from now on; the record is kept
  // until the token would have expired anyway.
  [[nodiscard]] virtual Result<void> revoke(const std::string& token_digest, Timestamp expires) = 0;
  [[nodiscard]] virtual Result<bool> is_revoked(const std::string& token_digest) = 0;
};

}  // namespace sala::store
