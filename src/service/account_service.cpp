#include "service/account_service.hpp"

#include "core/text.hpp"
#include "crypto/crypto.hpp"

namespace sala::service {
namespace {

Error wrong_credentials() {
  return Error::unauthenticated("invalid_credentials", "wrong name or password");
}

Result<std::string> checked_password_hash(std::string_view password) {
  if (password.size() < AccountService::kMinPasswordLength) {
    return Error::unprocessable("password_too_short", "a password needs at least " +
                                                          std::to_string(AccountService::kMinPasswordLength) +
                                                          " characters");
  }
  if (password.size() > 1024) return Error::unprocessable("password_too_long", "a password may have at most 1024 bytes");
  return crypto::hash_password(password);
}

// Empty stays empty (no alerts).
Result<std::string> clean_alert_email(std::string_view email) {
  if (email.empty()) return std::string();
  return text::clean_email(email);
}

}  // namespace

Result<AccountId> AccountService::add(store::Store& store, std::string_view name, std::string_view password,
                                      Role role, const std::vector<SiteId>& sites,
                                      std::string_view alert_email) const {
  auto clean = text::clean_name(name, "name");
  if (!clean) return clean.error();
  if (role == Role::moderator && sites.empty()) {
    return Error::unprocessable("sites_required", "a moderator needs at least one site");
  }
  auto email = clean_alert_email(alert_email);
  if (!email) return email.error();
  auto hash = checked_password_hash(password);
  if (!hash) return hash.error();
  const Timestamp now = clock_.now();
  return store.accounts().add(
      {*clean, role, role == Role::admin ? std::vector<SiteId>{} : sites, *hash, now, std::move(*email)});
}

Result<void> AccountService::set_alert_email(store::Store& store, std::string_view name,
                                             std::string_view email) const {
  auto clean = clean_alert_email(email);
  if (!clean) return clean.error();
  auto found = store.accounts().find_by_name(std::string(name));
  if (!found) return found.error();
  if (!*found) return Error::not_found("account '" + std::string(name) + "'");
  return store.accounts().set_alert_email((*found)->account.id, *clean);
}

Result<SignedIn> AccountService::sign_in(store::Store& store, std::string_view name,
                                         std::string_view password) const {
  if (password.size() > 1024) return wrong_credentials();
  auto found = store.accounts().find_by_name(std::string(name));
  if (!found) return found.error();
  if (!*found) {
    // Spend the same time as a real check, so timing does not tell which
    // names exist.
    static const std::string kDecoy = crypto::hash_password("decoy password, never valid").value();
    crypto::verify_password(kDecoy, password);
    return wrong_credentials();
  }
  if (!crypto::verify_password((*found)->password_hash, password)) return wrong_credentials();

  const Timestamp now = clock_.now();
  SignedIn out{(*found)->account, crypto::random_token(32), crypto::random_token(24),
               Timestamp{now.ms + session_life_.count()}};
  // A fresh token at every sign-in: a token planted before it (fixation) is worthless.
  auto added = store.accounts().add_session(
      {crypto::digest(out.token), out.account.id, out.csrf_token, now, out.expires});
  if (!added) return added.error();
  return out;
}

Result<std::optional<SessionView>> AccountService::session(store::Store& store, std::string_view token) const {
  if (token.empty() || token.size() > 128) return std::optional<SessionView>{};
  auto session = store.accounts().find_session(crypto::digest(token), clock_.now());
  if (!session) return session.error();
  if (!*session) return std::optional<SessionView>{};
  auto account = store.accounts().get((*session)->account);
  if (!account) return account.error();
  if (!*account) return std::optional<SessionView>{};
  return std::optional<SessionView>{SessionView{std::move(**account), std::move(**session)}};
}

Result<void> AccountService::sign_out(store::Store& store, std::string_view token) const {
  return store.accounts().remove_session(crypto::digest(token));
}

Result<void> AccountService::set_password(store::Store& store, std::string_view name,
                                          std::string_view password) const {
  auto found = store.accounts().find_by_name(std::string(name));
  if (!found) return found.error();
  if (!*found) return Error::not_found("account '" + std::string(name) + "'");
  auto hash = checked_password_hash(password);
  if (!hash) return hash.error();
  return store.accounts().set_password((*found)->account.id, *hash, clock_.now());
}

}  // namespace sala::service
