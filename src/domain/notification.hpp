#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// An e-mail address that asked for notifications. The address is kept only
// while it has a subscription (pending or confirmed).
struct RecipientId {
  std::int64_t value = 0;
  auto operator<=>(const RecipientId&) const = default;
};

struct SubscriptionId {
  std::int64_t value = 0;
  auto operator<=>(const SubscriptionId&) const = default;
};

// "Notify of": every new comment of a thread, or the replies to one's own
// comments (to one comment, or to every comment of the thread written with
// the subscriber's address).
enum class SubscriptionKind { thread, replies };
std::string_view to_string(SubscriptionKind kind);
std::optional<SubscriptionKind> parse_subscription_kind(std::string_view text);

// How a subscription's mails go out: one per comment, or gathered into one
// digest an hour or a day. A busy thread turns "each" into hourly digests
// while it stays busy (the recipient's hourly cap is reached).
enum class Delivery { each, hourly, daily };
std::string_view to_string(Delivery delivery);
std::optional<Delivery> parse_delivery(std::string_view text);

struct NewSubscription {
  RecipientId recipient;
  ThreadId thread;
  SubscriptionKind kind = SubscriptionKind::thread;
  std::optional<CommentId> comment;  // replies to this comment only
  Timestamp created;
};

// A subscription as its owner sees it on the "your subscriptions" page.
struct SubscriptionView {
  SubscriptionId id;
  SubscriptionKind kind = SubscriptionKind::thread;
  bool confirmed = false;
  SiteId site;
  std::string thread_key;
  std::string thread_title;
  std::string thread_url;
  Delivery delivery = Delivery::each;
  std::optional<CommentId> comment;  // replies to this comment only
  Timestamp created;
};

// A confirmed subscription that a newly visible comment concerns.
struct SubscriptionMatch {
  SubscriptionId id;
  RecipientId recipient;
  std::string email;
  SubscriptionKind kind = SubscriptionKind::thread;
  Delivery delivery = Delivery::each;
  bool digest_waiting = false;  // comments already wait for this subscription's next digest
};

// A subscription whose digest is due: the comments gathered for it go out
// in one mail.
struct DueDigest {
  SubscriptionId subscription;
  RecipientId recipient;
  std::string email;
  SubscriptionKind kind = SubscriptionKind::thread;
  Delivery delivery = Delivery::each;
  ThreadId thread;
};

// What a mailed token lets its holder do, and nothing else.
enum class TokenPurpose { confirm, unsubscribe, manage };
std::string_view to_string(TokenPurpose purpose);

// A token as stored: only its digest, never the token.
struct MailToken {
  std::string digest;
  TokenPurpose purpose = TokenPurpose::confirm;
  RecipientId recipient;
  std::optional<SubscriptionId> subscription;  // for unsubscribe tokens
  Timestamp created;
  Timestamp expires;
};

// Outbox events, written in the same transaction as what causes them and
// turned into mails by the notification worker.
enum class NotifyEventKind {
  comment_visible,  // subject: a comment that readers can now see
  comment_pending,  // subject: a comment waiting for a moderator
  confirm_address,  // subject: a recipient whose subscriptions wait for confirmation
};
std::string_view to_string(NotifyEventKind kind);
std::optional<NotifyEventKind> parse_notify_event_kind(std::string_view text);

struct NotifyEvent {
  std::int64_t id = 0;
  NotifyEventKind kind = NotifyEventKind::comment_visible;
  std::int64_t subject = 0;
  Timestamp created;
};

// Which cap a mail counts against.
enum class MailKind { confirmation, notification, moderation };
std::string_view to_string(MailKind kind);

// A rendered message (RFC 5322, CRLF line ends) waiting to go out.
struct NewMail {
  SiteId site;
  std::optional<RecipientId> recipient;  // none for moderator alerts
  MailKind kind = MailKind::notification;
  std::string to;
  std::string message_id;  // fixed when queued, so a resend is recognisably the same mail
  std::string message;
  Timestamp created;
};

struct QueuedMail {
  std::int64_t id = 0;
  std::string to;
  std::string message_id;
  std::string message;
  int attempts = 0;
  Timestamp created;
};

}  // namespace sala
