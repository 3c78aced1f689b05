#include "notify/mail_texts.hpp"

#include "notify/mail_format.hpp"

namespace sala::notify {
namespace {

// A comment quoted in a mail is cut here: the mail is a pointer to the
// discussion, not a copy of it.
constexpr std::size_t kMaxQuotedBytes = 2000;
// In a digest each comment gets less room, and a digest lists at most so
// many: the rest are counted, and a click away.
constexpr std::size_t kMaxDigestQuotedBytes = 600;
constexpr std::size_t kMaxDigestItems = 50;

std::string title_or_key(const std::string& title, const std::string& key) {
  return title.empty() ? key : title;
}

// Cuts at a character boundary.
std::string shorten(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + " […]";
}

std::string quote(std::string_view text) {
  std::string out = "> ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "> ";
  }
  return out;
}

std::string footer(const std::string& unsubscribe_url, const std::string& manage_url,
                   const std::string& data_url) {
  std::string out = "\n-- \n";
  if (!unsubscribe_url.empty()) out += "Stop these mails: " + unsubscribe_url + "\n";
  out += "All your subscriptions: " + manage_url + "\n";
  if (!data_url.empty()) out += "Download or erase your data: " + data_url + "\n";
  return out;
}

}  // namespace

MailText confirmation_text(const ConfirmationFacts& f) {
  MailText m;
  m.subject = "Confirm your comment notifications";
  std::string b = "Someone, probably you, asked to be notified by mail about these discussions "
                  "on " + f.site + ":\n\n";
  for (const auto& s : f.pending) {
    b += "- " + header_text(title_or_key(s.thread_title, s.thread_key)) +
         (s.kind == SubscriptionKind::replies ? " (replies to your comments)" : " (new comments)") +
         "\n";
  }
  b += "\nTo confirm, open this link and press the button:\n" + f.confirm_url + "\n\n";
  b += "If you did not ask for this, ignore this mail: nothing will be sent to you. "
       "The link works for seven days.\n";
  b += footer("", f.manage_url, f.data_url);
  m.body = std::move(b);
  return m;
}

MailText comment_text(const CommentFacts& f) {
  MailText m;
  const std::string title = header_text(f.thread_title);
  const std::string author = header_text(f.author);
  const bool is_reply = f.kind == SubscriptionKind::replies;
  std::string b;
  if (f.minimal) {
    m.subject = is_reply ? "You have a reply" : "A new comment in a discussion you follow";
    b = is_reply ? "Someone replied to your comment.\n" : "There is a new comment in a discussion you follow.\n";
  } else {
    m.subject = is_reply ? author + " replied to your comment on \"" + title + "\""
                         : "New comment on \"" + title + "\"";
    b = author + (is_reply ? " replied to your comment" : " commented") + " on \"" + title + "\":\n\n";
    b += quote(defang_links(shorten(f.text, kMaxQuotedBytes))) + "\n";
  }
  if (!f.comment_url.empty()) b += "\nRead it there: " + f.comment_url + "\n";
  b += footer(f.unsubscribe_url, f.manage_url, f.data_url);
  m.body = std::move(b);
  return m;
}

MailText digest_text(const DigestFacts& f) {
  MailText m;
  const std::string title = header_text(f.thread_title);
  const bool is_reply = f.kind == SubscriptionKind::replies;
  const std::size_t n = f.items.size();
  const std::string count = std::to_string(n) +
                            (is_reply ? (n == 1 ? " reply" : " replies") : (n == 1 ? " new comment" : " new comments"));
  std::string b;
  if (f.minimal) {
    m.subject = is_reply ? "You have replies" : "New comments in a discussion you follow";
    b = "There " + std::string(n == 1 ? "is " : "are ") + count +
        (is_reply ? " to your comments.\n" : " in a discussion you follow.\n");
    if (!f.items.empty() && !f.items.front().comment_url.empty()) {
      b += "\nRead them there: " + f.items.front().comment_url + "\n";
    }
  } else {
    m.subject = count + (is_reply ? " to your comments on \"" : " on \"") + title + "\"";
    b = count + (is_reply ? " to your comments on \"" : " on \"") + title + "\":\n";
    std::size_t shown = 0;
    for (const auto& item : f.items) {
      if (shown == kMaxDigestItems) break;
      b += "\n" + header_text(item.author) + " wrote:\n";
      b += quote(defang_links(shorten(item.text, kMaxDigestQuotedBytes))) + "\n";
      if (!item.comment_url.empty()) b += "Read it there: " + item.comment_url + "\n";
      ++shown;
    }
    if (n > shown) b += "\n...and " + std::to_string(n - shown) + " more.\n";
  }
  b += f.delivery == Delivery::each
           ? "\nThe discussion is busy, so its comments come in one mail an hour for now.\n"
           : std::string("\nYou asked for one mail ") +
                 (f.delivery == Delivery::daily ? "a day" : "an hour") +
                 " about this discussion; change it under \"All your subscriptions\".\n";
  b += footer(f.unsubscribe_url, f.manage_url, f.data_url);
  m.body = std::move(b);
  return m;
}

MailText reader_data_text(const ReaderDataFacts& f) {
  MailText m;
  m.subject = "Your comments: download or erase them";
  std::string b = "Someone, probably you, asked for what the comment server " + f.server +
                  " holds under this address: the comments written with it and its "
                  "notification subscriptions.\n\n";
  b += "To download it or erase it, open this link and choose:\n" + f.data_url + "\n\n";
  b += "The link works for " + std::to_string(f.lifetime_minutes) +
       " minutes; the download and the erasure each work once. If you did not ask for this, "
       "ignore this mail: nothing changes.\n";
  m.body = std::move(b);
  return m;
}

MailText signin_text(const SigninMail& mail) {
  std::string host = mail.link;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  MailText m;
  m.subject = "Sign in to comment on " + host;
  std::string b = "Someone, probably you, asked to sign in to comment on " + host + " as \"" +
                  header_text(mail.name) + "\".\n\n";
  b += "To sign in, open this link in the same browser, within " + std::to_string(mail.lifetime.count()) +
       " minutes:\n" + mail.link + "\n\n";
  b += "The link works once. If you did not ask for it, ignore this mail: nobody can sign in with it "
       "from another browser.\n";
  m.body = std::move(b);
  return m;
}

MailText moderation_text(const ModerationFacts& f) {
  MailText m;
  const std::size_t n = f.thread_titles.size();
  m.subject = std::to_string(n) + (n == 1 ? " comment waits" : " comments wait") +
              " for moderation on " + f.site;
  std::string b = "These comments on " + f.site + " wait for a moderator:\n\n";
  for (const auto& t : f.thread_titles) b += "- " + header_text(t) + "\n";
  b += "\nYou get at most one of these mails in a while; newer comments may be waiting too.\n";
  m.body = std::move(b);
  return m;
}

}  // namespace sala::notify
