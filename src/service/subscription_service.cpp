#include "service/subscription_service.hpp"

#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "service/post_validation.hpp"

namespace sala::service {
namespace {

constexpr std::size_t kMaxTitle = 300;
// A token is a random_token(24): 32 URL-safe characters. Anything much
// longer is not ours and is refused before any lookup.
constexpr std::size_t kMaxTokenLength = 128;

Error invalid_token() {
  return Error::forbidden("invalid_token",
                          "this link is not valid any more: it was used, it expired, or the "
                          "subscription has ended");
}

}  // namespace

Result<SubscribeDraft> SubscriptionService::prepare(const SubscribeInput& in) const {
  SubscribeDraft d;
  d.site = in.site;
  auto key = clean_thread_key(in.thread_key);
  if (!key) return key.error();
  d.thread_key = std::move(*key);
  auto email = text::clean_email(in.email);
  if (!email) return email.error();
  d.email = std::move(*email);
  auto kind = parse_subscription_kind(in.kind);
  if (!kind) return Error::unprocessable("kind_invalid", "kind must be \"thread\" or \"replies\"");
  d.kind = *kind;
  if (in.comment && d.kind != SubscriptionKind::replies) {
    return Error::unprocessable("comment_not_allowed", "comment goes only with kind \"replies\"");
  }
  d.comment = in.comment;
  if (in.url && !in.url->empty()) {
    auto url = text::clean_http_url(*in.url, "url");
    if (!url) return url.error();
    d.url = std::move(*url);
  }
  if (in.title) {
    auto title = text::clean_line(*in.title, "title", kMaxTitle);
    if (!title) return title.error();
    d.title = std::move(*title);
  }
  return d;
}

Result<void> SubscriptionService::subscribe(store::Store& tx, const SubscribeDraft& d) const {
  auto site = tx.sites().find(d.site);
  if (!site) return site.error();
  if (!*site) return Error::not_found("site '" + d.site.value + "'");
  if (!d.url.empty() && !url_belongs_to(**site, d.url)) {
    return Error::unprocessable("url_not_allowed", "url must be on one of the site's origins");
  }
  auto thread = tx.threads().find_or_create({d.site, d.thread_key, d.title, d.url, clock_.now()});
  if (!thread) return thread.error();
  if (d.comment) {
    auto comment = tx.comments().get(*d.comment);
    if (!comment) return comment.error();
    if (!*comment || (*comment)->thread != thread->id ||
        ((*comment)->state != CommentState::approved && (*comment)->state != CommentState::pending)) {
      return Error::unprocessable("comment_not_found", "that comment is not in this thread");
    }
  }
  return subscribe_to_thread(tx, d.email, thread->id, d.kind, d.comment);
}

Result<void> SubscriptionService::subscribe_to_thread(store::Store& tx, const std::string& email,
                                                      ThreadId thread, SubscriptionKind kind,
                                                      std::optional<CommentId> comment) const {
  const Timestamp now = clock_.now();
  auto recipient = tx.subscriptions().recipient(email, now);
  if (!recipient) return recipient.error();
  auto added = tx.subscriptions().add({*recipient, thread, kind, comment, now});
  if (!added) return added.error();
  auto claimed = tx.subscriptions().claim_confirmation(*recipient, now,
                                                       now - policy_.confirmation_interval);
  if (!claimed) return claimed.error();
  if (!*claimed) return {};
  return tx.outbox().add_event(NotifyEventKind::confirm_address, recipient->value, now);
}

Result<MailToken> SubscriptionService::token(store::Store& store, std::string_view raw,
                                             TokenPurpose purpose) const {
  if (raw.empty() || raw.size() > kMaxTokenLength) return invalid_token();
  auto found = store.subscriptions().find_token(crypto::digest(raw), purpose, clock_.now());
  if (!found) return found.error();
  if (!*found) return invalid_token();
  return std::move(**found);
}

Result<int> SubscriptionService::confirm(store::Store& tx, std::string_view raw) const {
  auto t = token(tx, raw, TokenPurpose::confirm);
  if (!t) return t.error();
  // Only what the mail listed: subscriptions asked for after it was written
  // wait for a mail of their own.
  auto confirmed = tx.subscriptions().confirm(t->recipient, t->created);
  if (!confirmed) return confirmed.error();
  if (auto used = tx.subscriptions().erase_token(t->digest); !used) return used.error();
  return *confirmed;
}

Result<void> SubscriptionService::unsubscribe(store::Store& tx, std::string_view raw) const {
  auto t = token(tx, raw, TokenPurpose::unsubscribe);
  if (!t) return t.error();
  if (!t->subscription) return invalid_token();
  auto removed = tx.subscriptions().remove(t->recipient, *t->subscription);
  if (!removed) return removed.error();
  auto erased = tx.subscriptions().erase_if_unused(t->recipient);
  if (!erased) return erased.error();
  return {};
}

Result<std::vector<SubscriptionView>> SubscriptionService::list(store::Store& store,
                                                                std::string_view raw) const {
  auto t = token(store, raw, TokenPurpose::manage);
  if (!t) return t.error();
  return store.subscriptions().list(t->recipient);
}

Result<void> SubscriptionService::end(store::Store& tx, std::string_view raw,
                                      std::optional<SubscriptionId> id) const {
  auto t = token(tx, raw, TokenPurpose::manage);
  if (!t) return t.error();
  if (id) {
    auto removed = tx.subscriptions().remove(t->recipient, *id);
    if (!removed) return removed.error();
    if (!*removed) return Error::not_found("subscription");
  } else if (auto all = tx.subscriptions().remove_all(t->recipient); !all) {
    return all.error();
  }
  auto erased = tx.subscriptions().erase_if_unused(t->recipient);
  if (!erased) return erased.error();
  return {};
}

Result<void> SubscriptionService::set_delivery(store::Store& tx, std::string_view raw, SubscriptionId id,
                                               Delivery delivery) const {
  auto t = token(tx, raw, TokenPurpose::manage);
  if (!t) return t.error();
  auto set = tx.subscriptions().set_delivery(t->recipient, id, delivery);
  if (!set) return set.error();
  if (!*set) return Error::not_found("subscription");
  return {};
}

}  // namespace sala::service
