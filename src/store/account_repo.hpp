#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/account.hpp"

namespace sala::store {

struct StoredAccount {
  Account account;
  std::string password_hash;
};

// Staff accounts and their sessions.
class AccountRepo {
 public:
  virtual ~AccountRepo() = default;

  // Errc::conflict "account_exists" when the name is taken.
  [[nodiscard]] virtual Result<AccountId> add(const NewAccount& account) = 0;
  [[nodiscard]] virtual Result<std::optional<StoredAccount>> find_by_name(const std::string& name) = 0;
  [[nodiscard]] virtual Result<std::optional<Account>> get(AccountId id) = 0;
  [[nodiscard]] virtual Result<std::vector<Account>> list() = 0;
  // Also ends every session of the account: whoever knew the old password
  // may be signed in with it.
  [[nodiscard]] virtual Result<void> set_password(AccountId id, const std::string& password_hash,
                                                  Timestamp at) = 0;

  // Empty clears it. Errc::not_found for an unknown account.
  [[nodiscard]] virtual Result<void> set_alert_email(AccountId id, const std::string& email) = 0;

  [[nodiscard]] virtual Result<void> add_session(const Session& session) = 0;
  // The session with this token digest, if it has not expired at `now`.
  [[nodiscard]] virtual Result<std::optional<Session>> find_session(const std::string& token_digest,
                                                                    Timestamp now) = 0;
  [[nodiscard]] virtual Result<void> remove_session(const std::string& token_digest) = 0;
};

}  // namespace sala::store
