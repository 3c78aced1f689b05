#include "service/reader_data_service.hpp"

#include <set>

#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "service/comment_removal.hpp"

namespace sala::service {
namespace {

// A token is a random_token(24): 32 URL-safe characters. Anything much
// longer is not ours and is refused before any lookup.
constexpr std::size_t kMaxTokenLength = 128;
// An anonymised comment keeps an avatar, but one that all of them share.
constexpr std::string_view kNeutralAvatar = "00000000";

Error invalid_token() {
  return Error::forbidden("invalid_token", "this link is not valid any more: it was used, or it expired");
}

// Per site: what the erasure did there.
struct SiteCounts {
  int anonymised = 0;
  int removed = 0;
  int subscriptions = 0;
};

}  // namespace

ErasureMode ReaderDataService::erasure_for(const SiteId& site) const {
  auto found = policy_.site_erasure.find(site.value);
  return found == policy_.site_erasure.end() ? policy_.default_erasure : found->second;
}

Result<std::string> ReaderDataService::account_of(store::Store& store, std::string_view email) const {
  if (!accounts_) return std::string();
  return accounts_(store, email);
}

Result<std::set<ErasureMode>> ReaderDataService::erasure_modes(store::Store& store,
                                                              const ReaderDataLink& link) const {
  auto account = account_of(store, link.email);
  if (!account) return account.error();
  auto comments = store.reader_data().comments(link.email, *account);
  if (!comments) return comments.error();
  std::set<ErasureMode> modes;
  for (const auto& c : *comments) modes.insert(erasure_for(c.site));
  return modes;
}

Result<void> ReaderDataService::request(store::Store& tx, std::string_view raw) const {
  auto email = text::clean_email(raw);
  if (!email) return email.error();
  const Timestamp now = clock_.now();
  if (auto pruned = tx.reader_data().erase_expired_links(now); !pruned) return pruned;
  auto account = account_of(tx, *email);
  if (!account) return account.error();
  auto known = tx.reader_data().has_data(*email, *account);
  if (!known) return known.error();
  // Nothing held: no mail, so the form cannot be used to mail strangers.
  if (!*known) return {};
  const std::string token = crypto::random_token();
  auto stored = tx.reader_data().put_link(
      {crypto::digest(token), *email, now, now + policy_.link_lifetime, false}, now - policy_.link_lifetime);
  if (!stored) return stored.error();
  if (!*stored) return {};  // a link went to this address a moment ago
  return mailer_(tx, *email, token);
}

Result<ReaderDataLink> ReaderDataService::link(store::Store& store, std::string_view raw) const {
  if (raw.empty() || raw.size() > kMaxTokenLength) return invalid_token();
  auto found = store.reader_data().find_link(crypto::digest(raw), clock_.now());
  if (!found) return found.error();
  if (!*found) return invalid_token();
  return std::move(**found);
}

Result<ReaderDataExport> ReaderDataService::download(store::Store& tx, std::string_view raw) const {
  auto l = link(tx, raw);
  if (!l) return l.error();
  auto first = tx.reader_data().mark_downloaded(l->digest);
  if (!first) return first.error();
  if (!*first) return invalid_token();
  ReaderDataExport out;
  out.exported = clock_.now();
  auto account = account_of(tx, l->email);
  if (!account) return account.error();
  auto comments = tx.reader_data().comments(l->email, *account);
  if (!comments) return comments.error();
  out.comments = std::move(*comments);
  auto subscriptions = tx.reader_data().subscriptions(l->email);
  if (!subscriptions) return subscriptions.error();
  out.subscriptions = std::move(*subscriptions);
  return out;
}

Result<ErasureOutcome> ReaderDataService::erase(store::Store& tx, std::string_view raw) const {
  auto l = link(tx, raw);
  if (!l) return l.error();
  auto account = account_of(tx, l->email);
  if (!account) return account.error();
  auto comments = tx.reader_data().comments(l->email, *account);
  if (!comments) return comments.error();
  auto subscriptions = tx.reader_data().subscriptions(l->email);
  if (!subscriptions) return subscriptions.error();

  ErasureOutcome outcome;
  std::map<std::string, SiteCounts> by_site;
  std::set<std::int64_t> threads_seen;
  for (const auto& c : *comments) {
    const ErasureMode mode = erasure_for(c.site);
    std::optional<Thread> thread;
    if (mode == ErasureMode::remove) {
      auto full = tx.comments().get(c.id);
      if (!full) return full.error();
      if (!*full) continue;
      auto removed = remove_comment(tx, **full);
      if (!removed) return removed.error();
      thread = std::move(*removed);
      // A placeholder kept for its replies keeps nothing that points to its author.
      if (auto forgotten = tx.reader_data().forget_author(c.id, "", ""); !forgotten) return forgotten.error();
      ++by_site[c.site.value].removed;
    } else {
      auto forgotten = tx.reader_data().forget_author(c.id, policy_.anonymous_label, std::string(kNeutralAvatar));
      if (!forgotten) return forgotten.error();
      auto t = tx.threads().get(c.thread);
      if (!t) return t.error();
      thread = std::move(*t);
      ++by_site[c.site.value].anonymised;
    }
    if (thread && threads_seen.insert(thread->id.value).second) {
      if (auto told = tx.announce({thread->site, thread->key, std::nullopt}); !told) return told.error();
      outcome.threads.push_back(std::move(*thread));
    }
  }
  for (const auto& s : *subscriptions) ++by_site[s.site.value].subscriptions;
  auto erased = tx.reader_data().erase_subscriber(l->email);
  if (!erased) return erased.error();
  if (auto gone = tx.reader_data().erase_link(l->email); !gone) return gone.error();
  // A signed-in reader's name is no longer reserved, nor can a pending sign-in link bring them back.
  if (auto gone = tx.reader_data().erase_account(*account); !gone) return gone.error();
  for (const auto& [site, counts] : by_site) {
    auto logged = audit(tx, SiteId{site}, counts.anonymised, counts.removed, counts.subscriptions);
    if (!logged) return logged.error();
    outcome.comments_anonymised += counts.anonymised;
    outcome.comments_removed += counts.removed;
  }
  outcome.subscriptions = *erased;
  return outcome;
}

Result<void> ReaderDataService::audit(store::Store& tx, const SiteId& site, int anonymised, int removed,
                                      int subscriptions) const {
  // Counts only: the log says that a reader erased their data, never whose.
  AuditEntry entry;
  entry.at = clock_.now();
  entry.account = AccountId{0};
  entry.account_name = "(a reader)";
  entry.site = site;
  entry.action = "reader_erasure";
  entry.target = std::to_string(anonymised) + " comments anonymised, " + std::to_string(removed) +
                 " removed, " + std::to_string(subscriptions) + " subscriptions ended";
  auto appended = tx.moderation().append_audit(entry);
  if (!appended) return appended.error();
  return {};
}

}  // namespace sala::service
