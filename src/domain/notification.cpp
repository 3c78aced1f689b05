#include "domain/notification.hpp"

namespace sala {

std::string_view to_string(SubscriptionKind kind) {
  return kind == SubscriptionKind::thread ? "thread" : "replies";
}

std::optional<SubscriptionKind> parse_subscription_kind(std::string_view text) {
  if (text == "thread") return SubscriptionKind::thread;
  if (text == "replies") return SubscriptionKind::replies;
  return std::nullopt;
}

std::string_view to_string(Delivery delivery) {
  switch (delivery) {
    case Delivery::each: return "each";
    case Delivery::hourly: return "hourly";
    case Delivery::daily: return "daily";
  }
  return "each";
}

std::optional<Delivery> parse_delivery(std::string_view text) {
  for (auto d : {Delivery::each, Delivery::hourly, Delivery::daily}) {
    if (to_string(d) == text) return d;
  }
  return std::nullopt;
}

std::string_view to_string(TokenPurpose purpose) {
  switch (purpose) {
    case TokenPurpose::confirm: return "confirm";
    case TokenPurpose::unsubscribe: return "unsubscribe";
    case TokenPurpose::manage: return "manage";
  }
  return "confirm";
}

std::string_view to_string(NotifyEventKind kind) {
  switch (kind) {
    case NotifyEventKind::comment_visible: return "comment_visible";
    case NotifyEventKind::comment_pending: return "comment_pending";
    case NotifyEventKind::confirm_address: return "confirm_address";
  }
  return "comment_visible";
}

std::optional<NotifyEventKind> parse_notify_event_kind(std::string_view text) {
  for (auto k : {NotifyEventKind::comment_visible, NotifyEventKind::comment_pending,
                 NotifyEventKind::confirm_address}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view to_string(MailKind kind) {
  switch (kind) {
    case MailKind::confirmation: return "confirmation";
    case MailKind::notification: return "notification";
    case MailKind::moderation: return "moderation";
  }
  return "notification";
}

}  // namespace sala
