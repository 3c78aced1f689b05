#include "notify/dispatcher.hpp"

#include <map>

#include <spdlog/spdlog.h>

#include "crypto/crypto.hpp"
#include "markup/markdown.hpp"
#include "notify/mail_format.hpp"
#include "notify/mail_texts.hpp"

namespace sala::notify {
namespace {

constexpr int kBatch = 50;
constexpr std::chrono::milliseconds kHour{3'600'000};
constexpr std::chrono::milliseconds kDay{24 * 3'600'000};

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

std::string Dispatcher::link(std::string_view path, std::string_view token) const {
  return settings_.public_url + std::string(path) + "?token=" + std::string(token);
}

std::string Dispatcher::message_id(std::string_view kind) const {
  // Fixed when the mail is queued: a resend after a crash carries the same
  // Message-ID, so the receiving side can tell it is the same mail.
  return "sala." + std::string(kind) + "." + crypto::to_hex(crypto::random_bytes(12)) + "@" +
         domain_of(settings_.from_address);
}

Result<std::string> Dispatcher::mint(store::Store& tx, TokenPurpose purpose, RecipientId recipient,
                                     std::optional<SubscriptionId> subscription) {
  const std::string token = crypto::random_token();
  const Timestamp now = clock_.now();
  const auto lifetime = purpose == TokenPurpose::confirm ? settings_.confirm_token_lifetime
                                                         : settings_.link_token_lifetime;
  auto added = tx.subscriptions().add_token(
      {crypto::digest(token), purpose, recipient, subscription, now, now + lifetime});
  if (!added) return added.error();
  return token;
}

Result<int> Dispatcher::run_once() {
  int handled = 0;
  for (auto kind : {NotifyEventKind::confirm_address, NotifyEventKind::comment_visible}) {
    auto events = store_.outbox().events(kind, kBatch);
    if (!events) return events.error();
    for (const auto& e : *events) {
      bool is_ours = false;
      auto done = store_.transact([&](store::Store& tx) -> Result<void> {
        // Taken first: another instance that read the same event waits here
        // for our commit, then finds it gone and writes no second mail.
        auto taken = tx.outbox().take_event(e.id);
        if (!taken) return taken.error();
        is_ours = *taken;
        if (!is_ours) return {};
        return kind == NotifyEventKind::confirm_address ? confirm_address(tx, RecipientId{e.subject})
                                                        : comment_visible(tx, CommentId{e.subject});
      });
      if (!done) {
        // The event stays and is tried again on the next round.
        spdlog::warn("notifications: event {} not handled: {}", e.id, done.error().detail);
        return done.error();
      }
      if (is_ours) ++handled;
    }
  }
  auto alerts = moderation_alerts();
  if (!alerts) return alerts.error();
  return handled + *alerts;
}

Result<void> Dispatcher::confirm_address(store::Store& tx, RecipientId recipient) {
  auto email = tx.subscriptions().email(recipient);
  if (!email) return email.error();
  if (!*email) return {};  // every subscription ended before the mail was written
  const Timestamp now = clock_.now();
  auto pending = tx.subscriptions().pending(recipient, now);
  if (!pending) return pending.error();
  if (pending->empty()) return {};
  const SiteId site = pending->front().site;
  auto site_count = tx.outbox().count_logged(std::nullopt, site, std::nullopt, now - kDay);
  if (!site_count) return site_count.error();
  if (*site_count >= settings_.site_daily_cap) {
    spdlog::warn("notifications: the daily cap of site {} is reached; a confirmation is dropped",
                 site.value);
    return {};
  }
  auto confirm = mint(tx, TokenPurpose::confirm, recipient, std::nullopt);
  if (!confirm) return confirm.error();
  auto manage = mint(tx, TokenPurpose::manage, recipient, std::nullopt);
  if (!manage) return manage.error();
  const MailText text = confirmation_text(
      {site.value, *pending, link("/api/v1/subscriptions/confirm", *confirm),
       link("/api/v1/subscriptions/manage", *manage)});
  MailParts parts;
  parts.from_name = settings_.from_name;
  parts.from_address = settings_.from_address;
  parts.to_address = **email;
  parts.subject = text.subject;
  parts.message_id = message_id("confirm");
  parts.date = now;
  parts.body = text.body;
  return tx.outbox().queue({site, recipient, MailKind::confirmation, **email, parts.message_id,
                            build_message(parts), now});
}

Result<void> Dispatcher::comment_visible(store::Store& tx, CommentId id) {
  auto comment = tx.comments().get(id);
  if (!comment) return comment.error();
  // Deleted, or turned to spam, before its mails were written: none go.
  if (!*comment || (*comment)->state != CommentState::approved) return {};
  auto thread = tx.threads().get((*comment)->thread);
  if (!thread) return thread.error();
  if (!*thread) return {};
  auto matches = tx.subscriptions().matching(**comment);
  if (!matches) return matches.error();
  if (matches->empty()) return {};
  auto text = markup::render_text_without_links((*comment)->body_markdown);
  if (!text) return text.error();
  const Timestamp now = clock_.now();
  const SiteId site = (*thread)->site;
  auto site_count = tx.outbox().count_logged(std::nullopt, site, std::nullopt, now - kDay);
  if (!site_count) return site_count.error();
  std::int64_t site_left = settings_.site_daily_cap - *site_count;
  const std::string comment_url =
      (*thread)->url.empty() ? "" : (*thread)->url + "#comment-" + std::to_string(id.value);
  for (const auto& match : *matches) {
    if (site_left <= 0) {
      spdlog::warn("notifications: the daily cap of site {} is reached; mails are dropped", site.value);
      break;
    }
    auto recent = tx.outbox().count_logged(match.recipient, std::nullopt, std::nullopt, now - kHour);
    if (!recent) return recent.error();
    if (*recent >= settings_.recipient_hourly_cap) continue;  // the flood cap: this one is skipped
    auto unsubscribe = mint(tx, TokenPurpose::unsubscribe, match.recipient, match.id);
    if (!unsubscribe) return unsubscribe.error();
    auto manage = mint(tx, TokenPurpose::manage, match.recipient, std::nullopt);
    if (!manage) return manage.error();
    const std::string unsubscribe_url = link("/api/v1/unsubscribe", *unsubscribe);
    const MailText mail = comment_text({match.kind, (*thread)->title.empty() ? (*thread)->key : (*thread)->title,
                                        (*comment)->author_name, *text, comment_url, unsubscribe_url,
                                        link("/api/v1/subscriptions/manage", *manage),
                                        settings_.minimal});
    MailParts parts;
    parts.from_name = settings_.from_name;
    parts.from_address = settings_.from_address;
    parts.to_address = match.email;
    parts.subject = mail.subject;
    parts.message_id = message_id("comment" + std::to_string(id.value));
    parts.date = now;
    parts.body = mail.body;
    parts.unsubscribe_url = unsubscribe_url;
    parts.list_id = site.value + ".comments." + domain_of(settings_.from_address);
    auto queued = tx.outbox().queue({site, match.recipient, MailKind::notification, match.email,
                                     parts.message_id, build_message(parts), now});
    if (!queued) return queued.error();
    --site_left;
  }
  return {};
}

Result<int> Dispatcher::moderation_alerts() {
  auto events = store_.outbox().events(NotifyEventKind::comment_pending, 200);
  if (!events) return events.error();
  if (events->empty()) return 0;
  const Timestamp now = clock_.now();
  // Per site: the events and the titles of the comments still waiting.
  struct Waiting {
    std::vector<std::int64_t> events;
    std::vector<std::string> titles;
  };
  std::map<std::string, Waiting> by_site;
  std::vector<std::int64_t> stale;
  for (const auto& e : *events) {
    auto comment = store_.comments().get(CommentId{e.subject});
    if (!comment) return comment.error();
    std::optional<Thread> thread;
    if (*comment && (*comment)->state == CommentState::pending) {
      auto t = store_.threads().get((*comment)->thread);
      if (!t) return t.error();
      thread = std::move(*t);
    }
    if (!thread) {
      stale.push_back(e.id);  // handled or gone already
      continue;
    }
    auto& w = by_site[thread->site.value];
    w.events.push_back(e.id);
    w.titles.push_back(thread->title.empty() ? thread->key : thread->title);
  }
  int handled = 0;
  for (auto& [site, waiting] : by_site) {
    auto moderators = settings_.moderators.find(site);
    const bool has_moderators = moderators != settings_.moderators.end() && !moderators->second.empty();
    auto done = store_.transact([&](store::Store& tx) -> Result<void> {
      // Taken before the digest is counted: an instance racing us for the
      // same events waits for our commit, then gives way.
      for (auto id : waiting.events) {
        auto taken = tx.outbox().take_event(id);
        if (!taken) return taken.error();
        if (!*taken) return Error::conflict("taken_elsewhere", "");
      }
      if (has_moderators) {
        auto recent = tx.outbox().count_logged(std::nullopt, SiteId{site}, MailKind::moderation,
                                               now - settings_.moderator_interval);
        if (!recent) return recent.error();
        // A digest: within the interval the events wait and join the next mail.
        if (*recent > 0) return Error::conflict("moderation_wait", "");
        const MailText text = moderation_text({site, waiting.titles});
        for (const auto& address : moderators->second) {
          MailParts parts;
          parts.from_name = settings_.from_name;
          parts.from_address = settings_.from_address;
          parts.to_address = address;
          parts.subject = text.subject;
          parts.message_id = message_id("moderation");
          parts.date = now;
          parts.body = text.body;
          auto queued = tx.outbox().queue({SiteId{site}, std::nullopt, MailKind::moderation, address,
                                           parts.message_id, build_message(parts), now});
          if (!queued) return queued.error();
        }
      }
      return {};
    });
    if (!done && done.error().code != Errc::conflict) return done.error();
    if (done) handled += static_cast<int>(waiting.events.size());
  }
  for (auto id : stale) {
    auto taken = store_.outbox().take_event(id);
    if (!taken) return taken.error();
    if (*taken) ++handled;
  }
  return handled;
}

}  // namespace sala::notify
