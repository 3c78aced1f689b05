#include "service/reader_tokens.hpp"

#include <limits>
#include <optional>

#include <boost/json/serialize.hpp>

#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "json/field_reader.hpp"
#include "json/parse.hpp"

namespace sala::service {
namespace {

constexpr std::int64_t kKeyCacheMs = 5000;
constexpr std::size_t kMaxSubject = 128;
constexpr std::size_t kMaxBadge = 32;
constexpr std::size_t kMaxTokenId = 64;
constexpr std::string_view kPublisherPrefix = "v1";
constexpr std::string_view kServerPrefix = "s1";

Error invalid(std::string detail) {
  Error e = Error::unauthenticated("reader_token_invalid", "the reader token is not valid; sign in again");
  e.detail = std::move(detail);
  return e;
}

struct TokenParts {
  std::string_view prefix;
  std::string_view payload;
  std::string_view mac;
};

std::optional<TokenParts> split(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  return TokenParts{token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

std::string sign(std::string_view key, std::string_view prefix, std::string_view payload) {
  return crypto::hmac_sha256(key, std::string(prefix) + "." + std::string(payload));
}

struct Claims {
  std::string site;
  std::string subject;
  std::string name;
  std::string badge;
  std::string token_id;
  std::int64_t expires_s = 0;
};

// The payload's fields, before anything vouches for them. Fields other than
// these are ignored, so publishers may add their own (iat, jti...).
Result<Claims> read_claims(std::string_view payload) {
  auto text = crypto::base64url_decode(payload);
  if (!text) return invalid("payload is not base64url");
  auto object = json::parse_object(*text, {.max_depth = 2, .max_bytes = ReaderTokens::kMaxTokenBytes});
  if (!object) return invalid("payload is not a JSON object: " + object.error().message);
  json::FieldReader f(*object);
  Claims c;
  auto site = f.required_string("site");
  auto subject = f.required_string("sub");
  auto name = f.required_string("name");
  auto badge = f.optional_string("badge");
  auto token_id = f.optional_string("jti");
  auto expires = f.required_int("exp", 0, std::numeric_limits<std::int64_t>::max() / 1000);
  if (!site || !subject || !name || !badge || !token_id || !expires) {
    return invalid("site, sub, name and exp are required; badge and jti are strings");
  }
  return Claims{std::move(*site), std::move(*subject), std::move(*name), badge->value_or(""),
                token_id->value_or(""), *expires};
}

}  // namespace

std::string sso_key_name(const SiteId& site) { return "sso_key:" + site.value; }
std::string server_reader_key_name(const SiteId& site) { return "reader_key:" + site.value; }

Result<std::string> ReaderTokens::key_for(store::Store& store, const std::string& secret_name) {
  const Timestamp now = clock_.now();
  std::unique_lock lock(mutex_);
  auto cached = keys_.find(secret_name);
  if (cached != keys_.end() && now.ms - cached->second.loaded_at_ms < kKeyCacheMs) return cached->second.key;
  auto found = store.secrets().find(secret_name);
  if (!found) return found.error();
  keys_[secret_name] = CachedKey{found->value_or(""), now.ms};
  return found->value_or("");
}

Result<std::string> ReaderTokens::new_sso_key(store::Store& store, const SiteId& site) {
  auto exists = store.sites().find(site);
  if (!exists) return exists.error();
  if (!*exists) return Error::not_found("site '" + site.value + "'");
  std::string key = "sk_" + crypto::random_token(32);
  if (auto saved = store.secrets().put(sso_key_name(site), key, clock_.now()); !saved) return saved.error();
  std::unique_lock lock(mutex_);
  keys_.erase(sso_key_name(site));
  return key;
}

Result<VerifiedReader> ReaderTokens::verify(store::Store& store, const SiteId& site, std::string_view token) {
  if (token.size() > kMaxTokenBytes) return invalid("token too long");
  auto parts = split(token);
  if (!parts) return invalid("not prefix.payload.signature");
  const bool from_publisher = parts->prefix == kPublisherPrefix;
  if (!from_publisher && parts->prefix != kServerPrefix) return invalid("unknown token version");
  auto claims = read_claims(parts->payload);
  if (!claims) return claims.error();
  if (claims->site != site.value) {
    return Error::unauthenticated("reader_token_wrong_site", "this reader token belongs to another site");
  }
  auto key = key_for(store, from_publisher ? sso_key_name(site) : server_reader_key_name(site));
  if (!key) return key.error();
  if (key->empty()) return invalid("the site has no key for this kind of token");
  auto mac = crypto::base64url_decode(parts->mac);
  if (!mac || !crypto::equal_constant_time(*mac, sign(*key, parts->prefix, parts->payload))) {
    return invalid("bad signature");
  }
  // Signed by whoever holds the key: from here on the claims are the signer's word.
  const Timestamp now = clock_.now();
  const std::int64_t expires_ms = claims->expires_s * 1000;
  if (expires_ms <= now.ms) return Error::unauthenticated("reader_token_expired", "the reader token has expired; sign in again");
  if (expires_ms > now.ms + std::chrono::duration_cast<std::chrono::milliseconds>(kMaxLifetime).count()) {
    return invalid("expires more than 31 days ahead");
  }
  auto subject = text::clean_line(claims->subject, "sub", kMaxSubject);
  if (!subject || subject->empty()) return invalid("sub must be 1 to 128 characters");
  auto name = text::clean_name(claims->name, "name");
  if (!name) return invalid("name: " + name.error().message);
  auto badge = text::clean_line(claims->badge, "badge", kMaxBadge);
  if (!badge) return invalid("badge: " + badge.error().message);
  std::string token_id;
  if (!from_publisher) {
    // Our own tokens can be signed out of, so each names itself.
    if (claims->token_id.empty() || claims->token_id.size() > kMaxTokenId) return invalid("jti missing");
    auto revoked = store.reader_signins().is_revoked(crypto::digest(claims->token_id));
    if (!revoked) return revoked.error();
    if (*revoked) {
      return Error::unauthenticated("reader_token_revoked", "you signed out with this token; sign in again");
    }
    token_id = std::move(claims->token_id);
  }
  std::string account = from_publisher ? "sso:" + *subject : *subject;
  return VerifiedReader{site, std::move(account), std::move(*name), std::move(*badge), Timestamp{expires_ms},
                        std::move(token_id)};
}

Result<std::string> ReaderTokens::issue(store::Store& store, const VerifiedReader& reader) {
  auto key = store.secrets().get_or_put(server_reader_key_name(reader.site), crypto::random_bytes(32), clock_.now());
  if (!key) return key.error();
  boost::json::object payload{{"site", reader.site.value},
                              {"sub", reader.account},
                              {"name", reader.name},
                              {"exp", reader.expires.ms / 1000},
                              {"jti", crypto::random_token(16)}};
  if (!reader.badge.empty()) payload["badge"] = reader.badge;
  const std::string encoded = crypto::base64url_encode(boost::json::serialize(payload));
  return std::string(kServerPrefix) + "." + encoded + "." +
         crypto::base64url_encode(sign(*key, kServerPrefix, encoded));
}

Result<void> ReaderTokens::sign_out(store::Store& tx, const SiteId& site, std::string_view token) {
  auto reader = verify(tx, site, token);
  if (!reader) return reader.error();
  if (reader->token_id.empty()) {
    return Error::unprocessable("reader_token_publisher",
                                "this sign-in comes from the site's own login; sign out there");
  }
  return tx.reader_signins().revoke(crypto::digest(reader->token_id), reader->expires);
}

}  // namespace sala::service
