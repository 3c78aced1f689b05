#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/reader.hpp"
#include "store/store.hpp"

namespace sala::service {

// Reader tokens: what the widget sends in the Sala-Reader header to post as a
// verified reader. One shape, two signers (docs/sso.md):
//
//   "v1." + base64url(payload) + "." + base64url(HMAC-SHA256(key, "v1." + base64url(payload)))
//
// where payload is a JSON object {site, sub, name, badge?, exp} (exp in Unix
// seconds). "v1" tokens are signed by the publisher with the site's SSO key
// (made by `sala site sso-key`); "s1" tokens are issued by this server after
// an email sign-in, under a key it keeps per site. The prefix is signed, so a
// token cannot pass for the other kind. Thread-safe; blocking (keys are read
// from the store, and kept for a few seconds).
class ReaderTokens {
 public:
  // Longest a token may live: a token valid for longer is refused, so a
  // leaked one cannot serve for years.
  static constexpr std::chrono::hours kMaxLifetime{24 * 31};
  static constexpr std::size_t kMaxTokenBytes = 2048;

  explicit ReaderTokens(const Clock& clock) : clock_(clock) {}

  // A fresh SSO key for the site, replacing the old one (whose tokens stop
  // working within seconds). The key is returned for the operator to give
  // the publisher's backend; it is kept as is, since checking an HMAC needs it.
  [[nodiscard]] Result<std::string> new_sso_key(store::Store& store, const SiteId& site);

  // The reader a token from the site's page vouches for. Refused, all with
  // 401: reader_token_invalid (malformed, forged, tampered, unknown key, or
  // living longer than kMaxLifetime), reader_token_expired,
  // reader_token_wrong_site, reader_token_revoked (signed out of).
  [[nodiscard]] Result<VerifiedReader> verify(store::Store& store, const SiteId& site, std::string_view token);

  // A server-signed ("s1") token for a reader this server verified, with a
  // fresh id ("jti") to sign out of it by.
  [[nodiscard]] Result<std::string> issue(store::Store& store, const VerifiedReader& reader);

  // Refuses a server-signed token from now on, on every instance. The
  // publisher's tokens are its login's to end: 422 reader_token_publisher.
  [[nodiscard]] Result<void> sign_out(store::Store& tx, const SiteId& site, std::string_view token);

 private:
  struct CachedKey {
    std::string key;  // empty: the site has none
    std::int64_t loaded_at_ms = 0;
  };
  [[nodiscard]] Result<std::string> key_for(store::Store& store, const std::string& secret_name);

  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, CachedKey> keys_;
};

// The secrets-table names of a site's keys.
std::string sso_key_name(const SiteId& site);
std::string server_reader_key_name(const SiteId& site);

}  // namespace sala::service
