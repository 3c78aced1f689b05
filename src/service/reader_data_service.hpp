#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/notification.hpp"
#include "domain/reader_data.hpp"
#include "domain/thread.hpp"
#include "store/store.hpp"

namespace sala::service {

struct ReaderDataPolicy {
  // How long a mailed link works; an address gets at most one mail in this time.
  std::chrono::milliseconds link_lifetime{std::chrono::hours(1)};
  ErasureMode default_erasure = ErasureMode::anonymise;
  std::map<std::string, ErasureMode> site_erasure;  // site id -> its choice
  // The name an anonymised comment is shown under.
  std::string anonymous_label = "Former reader";
};

// What a reader downloads: everything held under their address (not the
// address itself, which never goes to a browser).
struct ReaderDataExport {
  Timestamp exported;
  std::vector<ReaderComment> comments;
  std::vector<SubscriptionView> subscriptions;
};

// What an erasure changed, for the caches and the reader's page.
struct ErasureOutcome {
  std::vector<Thread> threads;  // threads whose pages changed
  int comments_anonymised = 0;
  int comments_removed = 0;
  int subscriptions = 0;
};

// Queues the mail that carries a reader's link (rendered by notify/, in the
// caller's transaction).
using ReaderLinkMailer =
    std::function<Result<void>(store::Store& tx, const std::string& email, const std::string& token)>;
// The account of an address from a sign-in by e-mail ("" when there is
// none), so that a signed-in reader's comments are theirs too. Must not
// write: it runs inside the caller's transaction.
using ReaderAccountLookup = std::function<Result<std::string>(store::Store& store, std::string_view email)>;

// A reader's own data, reached by a link mailed to their address: download
// it once, erase it once. Thread-safe; blocking.
class ReaderDataService {
 public:
  ReaderDataService(const Clock& clock, ReaderDataPolicy policy, ReaderLinkMailer mailer,
                    ReaderAccountLookup accounts = {})
      : clock_(clock), policy_(std::move(policy)), mailer_(std::move(mailer)), accounts_(std::move(accounts)) {}

  // Mails a link to `email` if anything is held under it and no link went to
  // it within the link's lifetime. Succeeds the same way in every case, so
  // nobody learns whether an address is known; only a malformed address is
  // an error (422 email_invalid).
  [[nodiscard]] Result<void> request(store::Store& tx, std::string_view email) const;
  // The live link of `token`; Errc::forbidden "invalid_token" otherwise.
  [[nodiscard]] Result<ReaderDataLink> link(store::Store& store, std::string_view token) const;
  // Everything held under the link's address. Works once per link.
  [[nodiscard]] Result<ReaderDataExport> download(store::Store& tx, std::string_view token) const;
  // Erases it: each comment as its site chooses, subscriptions, the address,
  // the link itself; writes the audit log (without the address).
  [[nodiscard]] Result<ErasureOutcome> erase(store::Store& tx, std::string_view token) const;

  ErasureMode erasure_for(const SiteId& site) const;
  // What an erasure would do to the link owner's comments: the modes of the
  // sites they wrote on (none without comments).
  [[nodiscard]] Result<std::set<ErasureMode>> erasure_modes(store::Store& store,
                                                            const ReaderDataLink& link) const;

 private:
  [[nodiscard]] Result<std::string> account_of(store::Store& store, std::string_view email) const;
  [[nodiscard]] Result<void> audit(store::Store& tx, const SiteId& site, int anonymised, int removed,
                                   int subscriptions) const;

  const Clock& clock_;
  ReaderDataPolicy policy_;
  ReaderLinkMailer mailer_;
  ReaderAccountLookup accounts_;
};

}  // namespace sala::service
