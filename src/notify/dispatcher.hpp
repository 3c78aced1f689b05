#pragma once

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notify/mail_texts.hpp"
#include "notify/settings.hpp"
#include "store/store.hpp"

namespace sala::notify {

// Turns outbox events into rendered, queued mails: finds who a comment
// concerns, applies the caps, mints the tokens the mail carries and queues
// the message, all in one transaction per event, so a crash leaves either
// the event or its mails, never both or neither.
class Dispatcher {
 public:
  Dispatcher(store::Store& store, const Clock& clock, const Settings& settings)
      : store_(store), clock_(clock), settings_(settings) {}

  // Handles what is waiting (up to a batch of each kind); returns how many
  // events it consumed.
  [[nodiscard]] Result<int> run_once();

 private:
  Result<void> comment_visible(store::Store& tx, CommentId id);
  Result<void> confirm_address(store::Store& tx, RecipientId recipient);
  Result<int> moderation_alerts();
  // Queues the digests that are due, each in its own transaction; returns how many.
  Result<int> due_digests();
  Result<void> send_digest(store::Store& tx, const DueDigest& digest, Timestamp now);

  // The links of a mail about one subscription.
  struct SubscriberLinks {
    std::string unsubscribe;
    std::string manage;
    std::string data;
  };
  Result<SubscriberLinks> subscriber_links(store::Store& tx, RecipientId recipient,
                                           SubscriptionId subscription);
  Result<void> queue_notification(store::Store& tx, const SiteId& site, RecipientId recipient,
                                  const std::string& email, const MailText& text,
                                  const std::string& unsubscribe_url, std::string_view kind);
  std::string data_url() const;
  static std::string comment_url(const Thread& thread, CommentId id);
  static std::chrono::milliseconds digest_period(Delivery delivery);
  // The site's `moderators` from the config file and the alert address of
  // every staff account that moderates it, each address once.
  std::vector<std::string> alert_addresses(const SiteId& site, const std::vector<Account>& staff) const;
  // A fresh token for `purpose`, stored by digest; returns the token.
  Result<std::string> mint(store::Store& tx, TokenPurpose purpose, RecipientId recipient,
                           std::optional<SubscriptionId> subscription);
  std::string link(std::string_view path, std::string_view token) const;

  store::Store& store_;
  const Clock& clock_;
  const Settings& settings_;
};

}  // namespace sala::notify
