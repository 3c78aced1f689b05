// Mail building with hostile input: no value may add a header, break the
// message structure or carry a commenter's link.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "notify/mail_format.hpp"
#include "notify/mail_texts.hpp"

namespace sala::notify {
namespace {

struct Parsed {
  std::vector<std::string> header_names;
  std::vector<std::string> lines;  // every line of the message
  std::string body;
};

// A strict reading of the header section: each line is "Name: value" or a
// continuation starting with a space; the first empty line ends it.
Parsed parse(const std::string& message) {
  Parsed p;
  std::size_t start = 0;
  bool in_headers = true;
  while (start < message.size()) {
    const auto end = message.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    const std::string line = message.substr(start, end - start);
    EXPECT_EQ(line.find('\r'), std::string::npos) << "a bare CR in: " << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "a bare LF in: " << line;
    EXPECT_EQ(line.find('\0'), std::string::npos);
    p.lines.push_back(line);
    if (in_headers) {
      if (line.empty()) {
        in_headers = false;
      } else if (line[0] != ' ' && line[0] != '\t') {
        const auto colon = line.find(':');
        EXPECT_NE(colon, std::string::npos) << "not a header: " << line;
        p.header_names.push_back(line.substr(0, colon));
      }
    } else {
      p.body += line + "\n";
    }
    start = end + 2;
  }
  return p;
}

MailParts parts_with(std::string subject, std::string from_name, std::string body) {
  MailParts p;
  p.from_name = std::move(from_name);
  p.from_address = "comments@news.example";
  p.to_address = "reader@example.org";
  p.subject = std::move(subject);
  p.message_id = "sala.test.1@news.example";
  p.date = Timestamp{1'700'000'000'000};
  p.body = std::move(body);
  p.unsubscribe_url = "https://comments.news.example/api/v1/unsubscribe?token=abc";
  return p;
}

const std::vector<std::string> kExpectedHeaders = {
    "Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Auto-Submitted", "List-Unsubscribe", "List-Unsubscribe-Post"};

TEST(MailFormatTest, HeaderInjectionPayloadsAddNoHeader) {
  const std::vector<std::string> payloads = {
      "Eve\r\nBcc: victim@example.com",
      "Eve\nBcc: victim@example.com",
      "Eve\rBcc: victim@example.com",
      "Eve\xC2\x85" "Bcc: victim@example.com",       // U+0085
      "Eve\xE2\x80\xA8" "Bcc: victim@example.com",   // U+2028
      "Eve\xE2\x80\xA9" "Bcc: victim@example.com",   // U+2029
      std::string("Eve\0Bcc: victim@example.com", 28),
      "=?UTF-8?Q?=0D=0ABcc:_x@y?=",
      "Eve\r\n\r\nbody injected",
      "\xff\xfe broken UTF-8 \r\nBcc: x@y",
      std::string(3000, 'x') + "\r\nBcc: x@y",
  };
  for (const auto& payload : payloads) {
    const std::string message = build_message(parts_with("New comment on \"" + payload + "\"", payload, "hi"));
    const Parsed p = parse(message);
    EXPECT_EQ(p.header_names, kExpectedHeaders) << "payload: " << payload;
    for (const auto& line : p.lines) EXPECT_LE(line.size(), 998u);
    // An encoded word that would decode to CRLF is itself encoded, so a
    // decoder gets the literal text back, never a line break.
    for (const auto& line : p.lines) EXPECT_FALSE(line.starts_with("Bcc")) << message;
  }
}

TEST(MailFormatTest, HeaderTextTurnsEveryBreakAndControlIntoASpace) {
  EXPECT_EQ(header_text("a\r\nb"), "a b");
  EXPECT_EQ(header_text("a\xE2\x80\xA8" "b\xC2\x85" "c\td"), "a b c d");
  EXPECT_EQ(header_text("  a   b  "), "a b");
  EXPECT_EQ(header_text("\xff"), "\xEF\xBF\xBD");
}

TEST(MailFormatTest, NonAsciiBecomesEncodedWordsOfAtMost75Characters) {
  const std::string khmer = "ការពិភាក្សាអំពីសេរីភាពសារព័ត៌មាននៅកម្ពុជា ការពិភាក្សាអំពីសេរីភាព";
  const std::string encoded = encode_unstructured(khmer);
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    EXPECT_LE(word.size(), 75u);
    start = end == encoded.size() ? end : end + 3;
  }
  EXPECT_EQ(encode_unstructured("Plain title"), "Plain title");
  EXPECT_EQ(encode_display_name("A \"quoted\" \\ name"), "\"A \\\"quoted\\\" \\\\ name\"");
}

TEST(MailFormatTest, BodyLinesAreWrappedAndQuotedPrintable) {
  std::string body = std::string(5000, 'a') + "\n" + "word " + std::string(200, 'b') + "\n.\n. leading dot";
  const Parsed p = parse(build_message(parts_with("s", "n", body)));
  for (const auto& line : p.lines) EXPECT_LE(line.size(), 78u) << line;
  // No body line is a lone "." or starts with one: SMTP's end of data cannot appear.
  bool in_body = false;
  for (const auto& line : p.lines) {
    if (in_body) {
      EXPECT_FALSE(line.starts_with(".")) << line;
    }
    if (line.empty()) in_body = true;
  }
  EXPECT_EQ(quoted_printable("caf\xC3\xA9 = x \r\nend"), "caf=C3=A9 =3D x=20\r\nend");
}

TEST(MailFormatTest, CommentersLinksAreDefanged) {
  EXPECT_EQ(defang_links("see https://phish.example/a?b=c now"), "see hxxps[:]//phish[.]example/a?b=c now");
  EXPECT_EQ(defang_links("www.evil.example"), "www[.]evil[.]example");
  EXPECT_EQ(defang_links("mail me: eve@evil.example"), "mail me: eve[at]evil[.]example");
  EXPECT_EQ(defang_links("plain words."), "plain words.");
}

TEST(MailFormatTest, CommentMailCarriesOnlyOurLinks) {
  CommentFacts f;
  f.thread_title = "Story\r\nBcc: x@y";
  f.author = "Eve";
  f.text = "click https://phish.example and www.track.example";
  f.comment_url = "https://news.example/story#comment-7";
  f.unsubscribe_url = "https://comments.example/api/v1/unsubscribe?token=t";
  f.manage_url = "https://comments.example/api/v1/subscriptions/manage?token=m";
  const MailText text = comment_text(f);
  EXPECT_EQ(text.body.find("https://phish"), std::string::npos);
  EXPECT_EQ(text.body.find("www.track"), std::string::npos);
  EXPECT_NE(text.body.find(f.comment_url), std::string::npos);
  EXPECT_EQ(text.subject.find('\r'), std::string::npos);
  EXPECT_EQ(text.body.find("Story\r\n"), std::string::npos);

  f.minimal = true;
  const MailText minimal = comment_text(f);
  EXPECT_EQ(minimal.body.find("phish"), std::string::npos);
  EXPECT_EQ(minimal.body.find("Eve"), std::string::npos) << "a minimal mail names nobody";
  EXPECT_EQ(minimal.subject.find("Story"), std::string::npos);
}

}  // namespace
}  // namespace sala::notify
