#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notification.hpp"

namespace sala::notify {

// The words of each mail. Plain text; every value that came from a reader
// (names, titles, comment text) is passed in raw and made safe here or in
// mail_format (headers).

struct MailText {
  std::string subject;
  std::string body;
};

struct ConfirmationFacts {
  std::string site;
  std::vector<SubscriptionView> pending;
  std::string confirm_url;
  std::string manage_url;
};
MailText confirmation_text(const ConfirmationFacts& facts);

struct CommentFacts {
  SubscriptionKind kind = SubscriptionKind::thread;
  std::string thread_title;
  std::string author;
  std::string text;         // the comment as plain text without link targets
  std::string comment_url;  // our link to the comment; empty when the thread has no URL
  std::string unsubscribe_url;
  std::string manage_url;
  bool minimal = false;
};
MailText comment_text(const CommentFacts& facts);

struct ModerationFacts {
  std::string site;
  std::vector<std::string> thread_titles;  // of the comments waiting, one per comment
};
MailText moderation_text(const ModerationFacts& facts);

}  // namespace sala::notify
