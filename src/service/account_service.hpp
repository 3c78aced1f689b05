#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/account.hpp"
#include "store/store.hpp"

namespace sala::service {

struct SignedIn {
  Account account;
  std::string token;       // the session cookie's value; only its digest is stored
  std::string csrf_token;  // to be sent back with every change
  Timestamp expires;
};

struct SessionView {
  Account account;
  Session session;
};

// Staff accounts: creation, passwords and sessions. Blocking; thread-safe.
class AccountService {
 public:
  static constexpr std::size_t kMinPasswordLength = 10;

  explicit AccountService(const Clock& clock,
                          std::chrono::milliseconds session_life = std::chrono::hours(12))
      : clock_(clock), session_life_(session_life) {}

  // `alert_email` (optional) receives the alerts about comments waiting on
  // the sites the account moderates.
  [[nodiscard]] Result<AccountId> add(store::Store& store, std::string_view name,
                                      std::string_view password, Role role,
                                      const std::vector<SiteId>& sites,
                                      std::string_view alert_email = {}) const;
  // Sets the account's alert address, or clears it when empty.
  [[nodiscard]] Result<void> set_alert_email(store::Store& store, std::string_view name,
                                             std::string_view email) const;
  // A wrong name and a wrong password get the same answer in the same time.
  [[nodiscard]] Result<SignedIn> sign_in(store::Store& store, std::string_view name,
                                         std::string_view password) const;
  // The account behind a session cookie's value, if the session is live.
  [[nodiscard]] Result<std::optional<SessionView>> session(store::Store& store,
                                                           std::string_view token) const;
  [[nodiscard]] Result<void> sign_out(store::Store& store, std::string_view token) const;
  // Ends every session of the account, this one included.
  [[nodiscard]] Result<void> set_password(store::Store& store, std::string_view name,
                                          std::string_view password) const;

 private:
  const Clock& clock_;
  const std::chrono::milliseconds session_life_;
};

}  // namespace sala::service
