#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace sala::notify {

// Building blocks of an RFC 5322 message. Everything here is pure and
// assumes nothing about its input: names and titles come from commenters.

// Text that is safe inside one header line: every control character (C0,
// DEL, C1), U+2028 and U+2029 becomes a space and runs of spaces collapse,
// so no value can end a header or start another. Invalid UTF-8 becomes U+FFFD.
std::string header_text(std::string_view text);

// An unstructured header value (Subject) or a display name: plain printable
// ASCII is kept as is (a display name is quoted), anything else becomes RFC
// 2047 encoded words ("=?UTF-8?B?...?=", each at most 75 characters, never
// splitting a character), separated by folding white space.
std::string encode_unstructured(std::string_view text);
std::string encode_display_name(std::string_view name);

// Plain text for the body: lines end in CRLF and are wrapped at spaces near
// `width` characters; a word longer than a line stays whole (quoted-printable
// keeps the wire lines short).
std::string wrap_text(std::string_view text, std::size_t width = 72);

// Quoted-printable (RFC 2045 section 6.7) for a UTF-8 text body with CRLF
// line ends: wire lines of at most 76 characters.
std::string quoted_printable(std::string_view text);

// Turns what a mail client would make a link (scheme://…, www.…) into
// visibly broken text ("hxxps://evil[.]example"), so a commenter's address
// cannot become a link in someone's inbox.
std::string defang_links(std::string_view text);

// "Thu, 29 Nov 2026 05:04:32 +0000".
std::string rfc5322_date(Timestamp t);

struct MailParts {
  std::string from_name;
  std::string from_address;
  std::string to_address;
  std::string subject;
  std::string message_id;  // without the angle brackets
  Timestamp date;
  std::string body;  // plain text, any line ends
  // RFC 8058: the one-click unsubscribe URL (https or http), when the mail
  // belongs to a subscription.
  std::optional<std::string> unsubscribe_url;
  std::string list_id;  // e.g. "news.comments.example.org"; empty for none
  bool is_auto_generated = true;
};

// The whole message, CRLF line ends, headers first. Addresses and URLs must
// already be valid (they are never commenter text); every other header value
// goes through header_text and RFC 2047 here.
std::string build_message(const MailParts& parts);

}  // namespace sala::notify
