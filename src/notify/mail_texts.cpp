#include "notify/mail_texts.hpp"

#include "notify/mail_format.hpp"

namespace sala::notify {
namespace {

// A comment quoted in a mail is cut here: the mail is a pointer to the
// discussion, not a copy of it.
constexpr std::size_t kMaxQuotedBytes = 2000;

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

std::string footer(const std::string& unsubscribe_url, const std::string& manage_url) {
  std::string out = "\n-- \n";
  if (!unsubscribe_url.empty()) out += "Stop these mails: " + unsubscribe_url + "\n";
  out += "All your subscriptions: " + manage_url + "\n";
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
  b += footer("", f.manage_url);
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
  b += footer(f.unsubscribe_url, f.manage_url);
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
