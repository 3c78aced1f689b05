#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notification.hpp"
#include "domain/reader.hpp"

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
  std::string data_url;  // where a reader downloads or erases their data
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
  std::string data_url;
  bool minimal = false;
};
MailText comment_text(const CommentFacts& facts);

// The comments a subscription gathered while its thread was busy, or
// because its reader asked for a digest.
struct DigestFacts {
  struct Item {
    std::string author;
    std::string text;         // plain text without link targets
    std::string comment_url;  // empty when the thread has no URL
  };
  SubscriptionKind kind = SubscriptionKind::thread;
  Delivery delivery = Delivery::each;  // each: the digest of a busy thread
  std::string thread_title;
  std::vector<Item> items;
  std::string unsubscribe_url;
  std::string manage_url;
  std::string data_url;
  bool minimal = false;
};
MailText digest_text(const DigestFacts& facts);

// The mail that carries a reader's link to their own data.
struct ReaderDataFacts {
  std::string server;    // where the reader asked, e.g. "comments.news.example"
  std::string data_url;  // the link, with its token
  int lifetime_minutes = 60;
};
MailText reader_data_text(const ReaderDataFacts& facts);

// The mail that carries a reader's sign-in link.
MailText signin_text(const SigninMail& mail);

struct ModerationFacts {
  std::string site;
  std::vector<std::string> thread_titles;  // of the comments waiting, one per comment
};
MailText moderation_text(const ModerationFacts& facts);

}  // namespace sala::notify
