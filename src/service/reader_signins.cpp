#include "service/reader_signins.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "service/post_validation.hpp"

namespace sala::service {
namespace {

// Codes are random_token(24): 32 URL-safe characters. A binding must carry
// at least 128 bits in the same alphabet.
constexpr std::size_t kMaxCode = 128;
constexpr std::size_t kMinBinding = 22;
constexpr std::size_t kMaxBinding = 128;

bool url_safe(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

Error link_invalid() {
  return Error::forbidden("signin_link_invalid", "this sign-in link was used or has expired; ask for a new one");
}

Error name_reserved() {
  return Error::unprocessable("name_reserved", "this name belongs to someone else here; please choose another");
}

// Whether another verified reader, or the staff, goes by a lookalike of `name`.
Result<void> name_free(store::Store& store, StaffNames& staff, const SiteId& site, const std::string& account,
                       std::string_view name) {
  if (auto free = staff.check(store, name); !free) return name_reserved();
  auto taken = store.moderation().is_name_reserved(site, text::name_skeleton(name), account);
  if (!taken) return taken.error();
  if (*taken) return name_reserved();
  return {};
}

std::string account_under(std::string_view key, std::string_view email) {
  std::string folded(email);
  std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
  return "email:" + crypto::to_hex(crypto::keyed_hash(key, folded));
}

}  // namespace

std::string reader_account_key_name() { return "reader_account_key"; }

Result<std::string> ReaderSignins::account_of(store::Store& store, std::string_view email) {
  std::unique_lock lock(mutex_);
  if (account_key_.empty()) {
    auto key = store.secrets().get_or_put(reader_account_key_name(), crypto::random_bytes(32), clock_.now());
    if (!key) return key.error();
    account_key_ = std::move(*key);
  }
  return account_under(account_key_, email);
}

Result<std::string> ReaderSignins::known_account_of(store::Store& store, std::string_view email) {
  std::unique_lock lock(mutex_);
  if (account_key_.empty()) {
    auto key = store.secrets().find(reader_account_key_name());
    if (!key) return key.error();
    if (!*key) return std::string();
    account_key_ = std::move(**key);
  }
  return account_under(account_key_, email);
}

Result<SigninDraft> ReaderSignins::prepare(store::Store& store, const SigninRequest& in) {
  auto site = store.sites().find(in.site);
  if (!site) return site.error();
  if (!*site) return Error::not_found("site '" + in.site.value + "'");
  auto email = text::clean_email(in.email);
  if (!email) return email.error();
  auto name = text::clean_name(in.name, "name");
  if (!name) return name.error();
  auto page = text::clean_http_url(in.page_url, "page_url");
  if (!page) return page.error();
  page->erase(std::min(page->find('#'), page->size()));
  // The mail comes from this server: it may only send readers to the site's own pages.
  if ((*site)->origins.empty() || !url_belongs_to(**site, *page)) {
    return Error::unprocessable("page_url_not_allowed", "page_url must be on one of the site's origins");
  }
  if (in.binding.size() < kMinBinding || in.binding.size() > kMaxBinding || !url_safe(in.binding)) {
    return Error::unprocessable("binding_invalid", "binding must be 22 to 128 URL-safe base64 characters");
  }
  auto account = account_of(store, *email);
  if (!account) return account.error();
  if (auto free = name_free(store, staff_names_, in.site, *account, *name); !free) return free.error();

  const Timestamp now = clock_.now();
  const std::string code = crypto::random_token();
  std::string link = *page + "#sala-signin=" + code;
  ReaderSignin signin{crypto::digest(code), in.site,  std::move(*account), std::move(*name),
                      crypto::digest(in.binding), now, now + kLinkLifetime};
  return SigninDraft{std::move(signin), std::move(*email), std::move(link)};
}

Result<void> ReaderSignins::request(store::Store& tx, const SigninDraft& d) const {
  const Timestamp now = clock_.now();
  if (auto pruned = tx.reader_signins().erase_expired(now); !pruned) return pruned;
  ReaderSignin signin = d.signin;
  signin.created = now;
  signin.expires = now + kLinkLifetime;
  auto stored = tx.reader_signins().put(signin, now - kResendAfter);
  if (!stored) return stored.error();
  if (!*stored) return {};  // a link went to this address a moment ago
  return mailer_(tx, d.email, {d.signin.site, d.signin.name, d.link, kLinkLifetime});
}

Result<VerifiedReader> ReaderSignins::complete(store::Store& tx, const SiteId& site, std::string_view code,
                                               std::string_view binding) const {
  if (code.empty() || code.size() > kMaxCode || !url_safe(code)) return link_invalid();
  const Timestamp now = clock_.now();
  auto found = tx.reader_signins().find(crypto::digest(code), now);
  if (!found) return found.error();
  if (!*found || (*found)->site != site) return link_invalid();
  const ReaderSignin& signin = **found;
  if (!crypto::equal_constant_time(crypto::digest(binding), signin.binding)) {
    return Error::forbidden("signin_other_browser",
                            "open the sign-in link in the browser where you asked for it");
  }
  auto spent = tx.reader_signins().consume(signin.digest);
  if (!spent) return spent.error();
  if (!*spent) return link_invalid();
  const std::string skeleton = text::name_skeleton(signin.name);
  auto taken = tx.moderation().is_name_reserved(site, skeleton, signin.account);
  if (!taken) return taken.error();
  if (*taken) return name_reserved();
  // Reserved from the sign-in on, not only from the first comment: the name is theirs here.
  if (auto reserved = tx.moderation().reserve_name(site, signin.account, skeleton, now); !reserved) {
    return reserved.error();
  }
  return VerifiedReader{site, signin.account, signin.name, "", now + kSignedInFor, ""};
}

}  // namespace sala::service
