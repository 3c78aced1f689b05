#include "notify/mail_format.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "core/text.hpp"

namespace sala::notify {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// The next code point of `s` at `i` and its length in bytes; a malformed or
// overlong sequence yields U+FFFD over one byte.
std::pair<char32_t, std::size_t> next_code_point(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
  else return {0xFFFD, 1};
  if (i + len > s.size()) return {0xFFFD, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

bool is_line_breaking_or_control(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool is_plain_ascii(std::string_view s) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b > 0x7E) return false;
  }
  return true;
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                            (static_cast<unsigned char>(in[i + 1]) << 8) |
                            static_cast<unsigned char>(in[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  if (i + 1 == in.size()) {
    const std::uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const std::uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                            (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Encoded words of at most 75 characters: "=?UTF-8?B?" + base64 + "?=" is
// 12 characters of frame, leaving 63 of base64, i.e. 45 bytes of text, cut
// only between characters.
std::string encoded_words(std::string_view text) {
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const auto [cp, len] = next_code_point(text, end);
      (void)cp;
      if (end + len - i > kMaxBytes) break;
      end += len;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

// Folds a long ASCII header at spaces so no line passes 78 characters.
std::string fold_ascii(std::string_view name, std::string_view value) {
  std::string out(name);
  out += ": ";
  std::size_t line = out.size();
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t space = value.find(' ', i + 1);
    if (space == std::string_view::npos) space = value.size();
    std::string_view word = value.substr(i, space - i);
    if (line + word.size() > 78 && i > 0 && word.front() == ' ') {
      out += "\r\n";
      line = 0;
    }
    out += word;
    line += word.size();
    i = space;
  }
  return out + "\r\n";
}

}  // namespace

std::string header_text(std::string_view text) {
  std::string out;
  bool last_space = true;  // also trims leading spaces
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = next_code_point(text, i);
    i += len;
    if (cp == ' ' || is_line_breaking_or_control(cp)) {
      if (!last_space) out += ' ';
      last_space = true;
      continue;
    }
    text::append_utf8(out, cp);
    last_space = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The longest run without a space: a header can only be folded at spaces.
static std::size_t longest_word(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == ' ' ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string encode_unstructured(std::string_view raw) {
  const std::string text = header_text(raw);
  // "=?" in plain text would read as the start of an encoded word, and a
  // word too long to fold would make an overlong line: encode both.
  if (is_plain_ascii(text) && text.find("=?") == std::string::npos && longest_word(text) < 70) {
    return text;
  }
  return encoded_words(text);
}

std::string encode_display_name(std::string_view raw) {
  const std::string text = header_text(raw);
  if (is_plain_ascii(text) && text.find("=?") == std::string::npos && text.size() < 70) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }
  return encoded_words(text);
}

std::string wrap_text(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Greedy wrap at spaces, counting bytes (a good enough proxy for a
    // plain-text mail; quoted-printable bounds the wire lines anyway).
    while (line.size() > width) {
      std::size_t cut = line.rfind(' ', width);
      if (cut == std::string_view::npos || cut == 0) {
        cut = line.find(' ', width);
        if (cut == std::string_view::npos) break;
      }
      out.append(line.substr(0, cut));
      out += "\r\n";
      line.remove_prefix(cut + 1);
    }
    out.append(line);
    if (end == text.size()) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  auto soft_break_if = [&](std::size_t next) {
    if (line + next > 75) {
      out += "=\r\n";
      line = 0;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // Trailing white space before a line end must be encoded.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        const char last = out.back();
        out.pop_back();
        out += '=';
        out += kHex[static_cast<unsigned char>(last) >> 4];
        out += kHex[static_cast<unsigned char>(last) & 15];
      }
      out += "\r\n";
      line = 0;
      ++i;
      continue;
    }
    const bool literal = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
    // A leading '.' is encoded too, so no line of the body can end the SMTP DATA.
    if (literal && !(c == '.' && line == 0)) {
      soft_break_if(1);
      out += static_cast<char>(c);
      ++line;
    } else {
      soft_break_if(3);
      out += '=';
      out += kHex[c >> 4];
      out += kHex[c & 15];
      line += 3;
    }
  }
  if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out += "=\r\n";
  return out;
}

std::string defang_links(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  auto is_word_char = [](char c) {
    return c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '(' && c != ')' && c != '<' &&
           c != '>' && c != '"';
  };
  while (i < text.size()) {
    if (!is_word_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_word_char(text[end])) ++end;
    std::string word(text.substr(i, end - i));
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool looks_linked = lower.find("://") != std::string::npos || lower.starts_with("www.") ||
                              lower.find("@") != std::string::npos || lower.starts_with("mailto:");
    if (looks_linked) {
      std::string defanged;
      for (std::size_t k = 0; k < word.size(); ++k) {
        if (word[k] == '.') {
          defanged += "[.]";
        } else if (word.compare(k, 3, "://") == 0) {
          defanged += "[:]//";
          k += 2;
        } else if (word[k] == '@') {
          defanged += "[at]";
        } else {
          defanged += word[k];
        }
      }
      // "http" and "https" become "hxxp"/"hxxps" as well: some clients link
      // any scheme-looking word.
      for (const char* scheme : {"http", "HTTP", "Http"}) {
        if (defanged.starts_with(scheme)) defanged.replace(1, 2, "xx");
      }
      out += defanged;
    } else {
      out += word;
    }
    i = end;
  }
  return out;
}

std::string rfc5322_date(Timestamp t) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t secs = static_cast<std::time_t>(t.ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string build_message(const MailParts& p) {
  std::string m;
  m += "Date: " + rfc5322_date(p.date) + "\r\n";
  m += "From: " + encode_display_name(p.from_name) + " <" + header_text(p.from_address) + ">\r\n";
  m += "To: <" + header_text(p.to_address) + ">\r\n";
  m += "Message-ID: <" + header_text(p.message_id) + ">\r\n";
  const std::string subject = encode_unstructured(p.subject);
  m += is_plain_ascii(subject) && subject.find("=?") == std::string::npos
           ? fold_ascii("Subject", subject)
           : "Subject: " + subject + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n";
  if (p.is_auto_generated) m += "Auto-Submitted: auto-generated\r\n";
  if (!p.list_id.empty()) m += "List-Id: <" + header_text(p.list_id) + ">\r\n";
  if (p.unsubscribe_url) {
    m += "List-Unsubscribe: <" + header_text(*p.unsubscribe_url) + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "\r\n";
  m += quoted_printable(wrap_text(p.body));
  if (!m.ends_with("\r\n")) m += "\r\n";
  return m;
}

}  // namespace sala::notify
