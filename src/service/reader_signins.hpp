#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/reader.hpp"
#include "service/reader_tokens.hpp"
#include "service/staff_names.hpp"
#include "store/store.hpp"

namespace sala::service {

// What the widget sends to ask for a sign-in link, still unchecked.
struct SigninRequest {
  SiteId site;
  std::string email;
  std::string name;
  // The article page the reader is on: the mailed link opens it again.
  std::string page_url;
  // A secret the asking browser made and keeps: the link signs in only
  // together with it, so a mail read elsewhere (or by someone else) cannot.
  std::string binding;
};

// A request that passed every check, with the link to mail.
struct SigninDraft {
  ReaderSignin signin;
  std::string email;
  std::string link;  // page_url#sala-signin=CODE
};

// Queues the mail with a sign-in link, in the caller's transaction
// (rendered by notify/).
using SigninMailer = std::function<Result<void>(store::Store& tx, const std::string& email, const SigninMail& mail)>;

// Readers signing in with their e-mail address (docs/api.md "Reader sign-in"):
//
//   1. the widget asks for a link, for an address, a name and the page, with
//      a binding secret it keeps (prepare, request);
//   2. the mail links to the page, with a single-use code in the fragment,
//      which never reaches a server in a request line or a Referer;
//   3. the widget on that page sends the code with its binding (complete)
//      and receives a server-signed reader token (ReaderTokens), which it
//      sends as Sala-Reader like a publisher's.
//
// The address is never stored: the reader's account is a keyed hash of it
// under a key kept for the whole installation, so the same address is the
// same account on every sign-in, and only the mail itself carries it.
// Thread-safe; blocking.
class ReaderSignins {
 public:
  static constexpr std::chrono::minutes kLinkLifetime{10};
  // At most one mail per account and site in this time.
  static constexpr std::chrono::seconds kResendAfter{60};
  static constexpr std::chrono::hours kSignedInFor{24 * 30};

  ReaderSignins(const Clock& clock, ReaderTokens& tokens, SigninMailer mailer)
      : clock_(clock), tokens_(tokens), mailer_(std::move(mailer)), staff_names_(clock) {}

  // Checks the request; `store` is the top-level store (the account key may
  // be created). 404 site, 422 email_invalid, name_* (name_reserved for a
  // staff or another verified reader's lookalike), page_url_* and
  // binding_invalid.
  [[nodiscard]] Result<SigninDraft> prepare(store::Store& store, const SigninRequest& request);
  // Stores the link and queues its mail, unless one went to the account a
  // moment ago. Succeeds the same either way.
  [[nodiscard]] Result<void> request(store::Store& tx, const SigninDraft& draft) const;
  // Spends the link's code; the reader it signs in. 403 signin_link_invalid
  // (unknown, used, expired, another site's), 403 signin_other_browser (the
  // binding differs; the link stays usable), 422 name_reserved (the name was
  // taken since).
  [[nodiscard]] Result<VerifiedReader> complete(store::Store& tx, const SiteId& site, std::string_view code,
                                                std::string_view binding) const;
  // The token the widget keeps; `store` is the top-level store.
  [[nodiscard]] Result<std::string> token_for(store::Store& store, const VerifiedReader& reader) {
    return tokens_.issue(store, reader);
  }

  // "email:" + a keyed hash of the address, case-insensitively.
  [[nodiscard]] Result<std::string> account_of(store::Store& store, std::string_view email);
  // The same, but "" while no reader ever signed in (no key yet), and never
  // creating the key: safe inside any transaction.
  [[nodiscard]] Result<std::string> known_account_of(store::Store& store, std::string_view email);

 private:
  const Clock& clock_;
  ReaderTokens& tokens_;
  SigninMailer mailer_;
  StaffNames staff_names_;
  std::mutex mutex_;
  std::string account_key_;
};

// The secrets-table name of the installation's key for readers' accounts.
std::string reader_account_key_name();

}  // namespace sala::service
