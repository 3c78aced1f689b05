#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/notification.hpp"
#include "store/store.hpp"

namespace sala::service {

// What a reader sends to subscribe, still unchecked.
struct SubscribeInput {
  SiteId site;
  std::string thread_key;
  std::string email;
  std::string kind;  // "thread" or "replies"
  std::optional<CommentId> comment;
  std::optional<std::string> url;    // used only if the thread is new
  std::optional<std::string> title;  // used only if the thread is new
};

struct SubscribeDraft {
  SiteId site;
  std::string thread_key;
  std::string email;
  SubscriptionKind kind = SubscriptionKind::thread;
  std::optional<CommentId> comment;
  std::string url;
  std::string title;
};

struct SubscriptionPolicy {
  // At most one confirmation mail per address in this time.
  std::chrono::milliseconds confirmation_interval{std::chrono::hours(24)};
};

// Subscribing, confirming and ending subscriptions. Nothing is mailed here:
// a confirmation is an outbox event, written in the same transaction, that
// the notification worker renders and sends. Thread-safe; blocking.
class SubscriptionService {
 public:
  SubscriptionService(const Clock& clock, SubscriptionPolicy policy = {})
      : clock_(clock), policy_(policy) {}

  [[nodiscard]] Result<SubscribeDraft> prepare(const SubscribeInput& input) const;
  // Stores a pending subscription (the thread is created if new) and, unless
  // the address had one in the last day, queues a confirmation. The answer
  // is the same either way, so nobody learns whether an address is known.
  [[nodiscard]] Result<void> subscribe(store::Store& tx, const SubscribeDraft& draft) const;
  // The same inside commit_post, for "notify me of replies": `email` is
  // already clean and `thread` exists.
  [[nodiscard]] Result<void> subscribe_to_thread(store::Store& tx, const std::string& email,
                                                 ThreadId thread, SubscriptionKind kind,
                                                 std::optional<CommentId> comment) const;

  // Confirms the subscriptions a confirmation mail listed; returns how many.
  // Errc::forbidden "invalid_token" for an unknown, used or expired token.
  [[nodiscard]] Result<int> confirm(store::Store& tx, std::string_view token) const;
  // RFC 8058 one-click: ends the one subscription the token names.
  [[nodiscard]] Result<void> unsubscribe(store::Store& tx, std::string_view token) const;
  // The "your subscriptions" page.
  [[nodiscard]] Result<std::vector<SubscriptionView>> list(store::Store& store,
                                                           std::string_view manage_token) const;
  // Ends one subscription (or all, without `id`) of the token's owner.
  [[nodiscard]] Result<void> end(store::Store& tx, std::string_view manage_token,
                                 std::optional<SubscriptionId> id) const;
  // Sets how one subscription of the token's owner is delivered.
  [[nodiscard]] Result<void> set_delivery(store::Store& tx, std::string_view manage_token,
                                          SubscriptionId id, Delivery delivery) const;

 private:
  [[nodiscard]] Result<MailToken> token(store::Store& store, std::string_view token,
                                        TokenPurpose purpose) const;

  const Clock& clock_;
  SubscriptionPolicy policy_;
};

}  // namespace sala::service
