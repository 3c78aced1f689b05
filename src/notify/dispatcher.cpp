#include "notify/dispatcher.hpp"

#include <map>

#include <spdlog/spdlog.h>

#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "markup/markdown.hpp"
#include "notify/mail_format.hpp"
#include "notify/mail_texts.hpp"
#include "notify/message_id.hpp"
#include "notify/outgoing_mail.hpp"

namespace sala::notify {
namespace {

constexpr int kBatch = 50;
constexpr std::chrono::milliseconds kHour{3'600'000};
constexpr std::chrono::milliseconds kDay{24 * 3'600'000};

}  // namespace

std::string Dispatcher::link(std::string_view path, std::string_view token) const {
  return settings_.public_url + std::string(path) + "?token=" + std::string(token);
}

std::string Dispatcher::data_url() const { return settings_.public_url + "/api/v1/reader-data"; }

std::string Dispatcher::comment_url(const Thread& thread, CommentId id) {
  return thread.url.empty() ? "" : thread.url + "#comment-" + std::to_string(id.value);
}

std::chrono::milliseconds Dispatcher::digest_period(Delivery delivery) {
  return delivery == Delivery::daily ? kDay : kHour;
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
  auto digests = due_digests();
  if (!digests) return digests.error();
  auto alerts = moderation_alerts();
  if (!alerts) return alerts.error();
  return handled + *digests + *alerts;
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
       link("/api/v1/subscriptions/manage", *manage), data_url()});
  const MailParts parts = outgoing_mail(settings_, **email, text, "confirm", now);
  return tx.outbox().queue({site, recipient, MailKind::confirmation, **email, parts.message_id,
                            build_message(parts), now});
}

Result<Dispatcher::SubscriberLinks> Dispatcher::subscriber_links(store::Store& tx, RecipientId recipient,
                                                                 SubscriptionId subscription) {
  auto unsubscribe = mint(tx, TokenPurpose::unsubscribe, recipient, subscription);
  if (!unsubscribe) return unsubscribe.error();
  auto manage = mint(tx, TokenPurpose::manage, recipient, std::nullopt);
  if (!manage) return manage.error();
  return SubscriberLinks{link("/api/v1/unsubscribe", *unsubscribe),
                         link("/api/v1/subscriptions/manage", *manage), data_url()};
}

Result<void> Dispatcher::queue_notification(store::Store& tx, const SiteId& site, RecipientId recipient,
                                            const std::string& email, const MailText& text,
                                            const std::string& unsubscribe_url, std::string_view kind) {
  MailParts parts = outgoing_mail(settings_, email, text, kind, clock_.now());
  parts.unsubscribe_url = unsubscribe_url;
  parts.list_id = site.value + ".comments." + mail_domain(settings_.from_address);
  return tx.outbox().queue({site, recipient, MailKind::notification, email, parts.message_id,
                            build_message(parts), parts.date});
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
  for (const auto& match : *matches) {
    auto recent = tx.outbox().count_logged(match.recipient, std::nullopt, std::nullopt, now - kHour);
    if (!recent) return recent.error();
    // A reader who asked for digests, or whose thread is busy (over the
    // hourly cap, or a digest already gathering), gets this comment in the
    // next digest instead of a mail of its own.
    if (match.delivery != Delivery::each || match.digest_waiting ||
        *recent >= settings_.recipient_hourly_cap) {
      auto gathered = tx.digests().add(match.id, id, now, digest_period(match.delivery));
      if (!gathered) return gathered;
      continue;
    }
    if (site_left <= 0) {
      spdlog::warn("notifications: the daily cap of site {} is reached; a mail is dropped", site.value);
      continue;
    }
    auto links = subscriber_links(tx, match.recipient, match.id);
    if (!links) return links.error();
    const MailText mail = comment_text(
        {match.kind, (*thread)->title.empty() ? (*thread)->key : (*thread)->title, (*comment)->author_name,
         *text, comment_url(**thread, id), links->unsubscribe, links->manage, links->data, settings_.minimal});
    auto queued = queue_notification(tx, site, match.recipient, match.email, mail, links->unsubscribe,
                                     "comment" + std::to_string(id.value));
    if (!queued) return queued;
    --site_left;
  }
  return {};
}

Result<int> Dispatcher::due_digests() {
  const Timestamp now = clock_.now();
  auto due = store_.digests().due(now, kBatch);
  if (!due) return due.error();
  int sent = 0;
  for (const auto& digest : *due) {
    auto done = store_.transact([&](store::Store& tx) -> Result<void> { return send_digest(tx, digest, now); });
    if (!done && done.error().code != Errc::conflict) return done.error();
    if (done) ++sent;
  }
  return sent;
}

Result<void> Dispatcher::send_digest(store::Store& tx, const DueDigest& digest, Timestamp now) {
  auto ids = tx.digests().comments(digest.subscription, now);
  if (!ids) return ids.error();
  auto thread = tx.threads().get(digest.thread);
  if (!thread) return thread.error();
  DigestFacts facts;
  facts.kind = digest.kind;
  facts.delivery = digest.delivery;
  facts.minimal = settings_.minimal;
  if (*thread) facts.thread_title = (*thread)->title.empty() ? (*thread)->key : (*thread)->title;
  for (CommentId id : *ids) {
    auto comment = tx.comments().get(id);
    if (!comment) return comment.error();
    // The rule of single mails holds: only what readers can see now.
    if (!*comment || (*comment)->state != CommentState::approved || !*thread) continue;
    auto text = markup::render_text_without_links((*comment)->body_markdown);
    if (!text) return text.error();
    facts.items.push_back({(*comment)->author_name, std::move(*text), comment_url(**thread, id)});
  }
  if (!facts.items.empty()) {
    auto site_count = tx.outbox().count_logged(std::nullopt, (*thread)->site, std::nullopt, now - kDay);
    if (!site_count) return site_count.error();
    // Over the site's cap the digest waits for the next day rather than being lost.
    if (*site_count >= settings_.site_daily_cap) return Error::conflict("digest_waits", "");
    auto links = subscriber_links(tx, digest.recipient, digest.subscription);
    if (!links) return links.error();
    facts.unsubscribe_url = links->unsubscribe;
    facts.manage_url = links->manage;
    facts.data_url = links->data;
    auto queued = queue_notification(tx, (*thread)->site, digest.recipient, digest.email, digest_text(facts),
                                     links->unsubscribe, "digest" + std::to_string(digest.subscription.value));
    if (!queued) return queued;
  }
  return tx.digests().erase(digest.subscription, now);
}

std::vector<std::string> Dispatcher::alert_addresses(const SiteId& site, const std::vector<Account>& staff) const {
  std::vector<std::string> out;
  auto add = [&out](const std::string& address) {
    const std::string key = text::lower_ascii(address);
    for (const auto& known : out) {
      if (text::lower_ascii(known) == key) return;
    }
    out.push_back(address);
  };
  if (auto listed = settings_.moderators.find(site.value); listed != settings_.moderators.end()) {
    for (const auto& address : listed->second) add(address);
  }
  for (const Account& account : staff) {
    if (!account.alert_email.empty() && account.may_moderate(site)) add(account.alert_email);
  }
  return out;
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
  auto staff = store_.accounts().list();
  if (!staff) return staff.error();
  int handled = 0;
  for (auto& [site, waiting] : by_site) {
    const std::vector<std::string> addresses = alert_addresses(SiteId{site}, *staff);
    const bool has_moderators = !addresses.empty();
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
        for (const auto& address : addresses) {
          const MailParts parts = outgoing_mail(settings_, address, text, "moderation", now);
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
