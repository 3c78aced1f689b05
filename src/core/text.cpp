#include "core/text.hpp"

#include <climits>
#include <cstdint>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/utypes.h>

namespace sala::text {
namespace {

constexpr char32_t kIllFormed = 0xFFFFFFFF;
constexpr std::size_t kMaxNameCodePoints = 64;
constexpr std::size_t kMaxNameMarks = 8;
constexpr std::size_t kMaxBodyMarks = 32;
constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMaxEmailLocalBytes = 64;
constexpr std::size_t kMaxDomainLabelBytes = 63;
constexpr std::size_t kMaxUrlBytes = 2048;

// Decodes the scalar value starting at s[i] and advances i past it. The
// accepted second-byte ranges are those of Unicode Table 3-7, which is what
// excludes overlongs, surrogates and values above U+10FFFF.
char32_t decode_next(std::string_view s, std::size_t& i) {
  const auto byte_at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte_at(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  char32_t value = 0;
  unsigned second_min = 0x80;
  unsigned second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return kIllFormed;
  }
  if (s.size() - i < length) return kIllFormed;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned b = byte_at(i + k);
    const unsigned min = k == 1 ? second_min : 0x80;
    const unsigned max = k == 1 ? second_max : 0xBF;
    if (b < min || b > max) return kIllFormed;
    value = (value << 6) | (b & 0x3Fu);
  }
  i += length;
  return value;
}

bool is_noncharacter(char32_t c) {
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFEu) == 0xFFFEu;
}

bool is_tag_character(char32_t c) { return c >= 0xE0000 && c <= 0xE007F; }

bool is_combining_mark(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

// Anything that can break a line, hide text or reorder how a name displays.
// Most of the tag block is unassigned rather than Cf, hence the range test.
bool is_forbidden_in_line(char32_t c) {
  if (is_tag_character(c)) return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return true;
    default:
      return false;
  }
}

// Tab, LF and CR are how bodies are written; every other C0 or C1 control
// (and DEL) only ever serves to confuse terminals, logs and mail.
bool is_forbidden_in_body(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// Requires: valid UTF-8. Calls f(code_point, begin_byte, end_byte) for each.
template <class F>
void for_each_code_point(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t begin = i;
    const char32_t c = decode_next(s, i);
    f(c, begin, i);
  }
}

bool has_long_mark_run(std::string_view s, std::size_t max_marks) {
  std::size_t run = 0;
  bool too_long = false;
  for_each_code_point(s, [&](char32_t c, std::size_t, std::size_t) {
    run = is_combining_mark(c) ? run + 1 : 0;
    if (run > max_marks) too_long = true;
  });
  return too_long;
}

bool has_forbidden_in_line(std::string_view s) {
  bool found = false;
  for_each_code_point(s, [&](char32_t c, std::size_t, std::size_t) {
    if (is_forbidden_in_line(c)) found = true;
  });
  return found;
}

// Requires: valid UTF-8.
std::string_view trim_white_space(std::string_view s, bool leading) {
  std::size_t first = s.size();
  std::size_t last_end = 0;
  for_each_code_point(s, [&](char32_t c, std::size_t begin, std::size_t end) {
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) return;
    if (first == s.size()) first = begin;
    last_end = end;
  });
  if (last_end == 0) return {};
  const std::size_t begin = leading ? first : 0;
  return s.substr(begin, last_end - begin);
}

Result<std::string> to_nfc(std::string_view s) {
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) {
    return Error::too_large("text_too_large", "the text is too large");
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return Error::internal(std::string("ICU NFC: ") + u_errorName(status));
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())), sink,
                     nullptr, status);
  if (U_FAILURE(status)) return Error::internal(std::string("ICU NFC: ") + u_errorName(status));
  return out;
}

Error invalid_utf8() {
  return Error::invalid("invalid_utf8", "the text is not valid UTF-8");
}

Result<std::string> clean_single_line(std::string_view raw, std::string_view field,
                                      std::size_t max_code_points, std::size_t max_marks,
                                      bool allow_empty) {
  if (!is_valid_utf8(raw)) return invalid_utf8();
  auto normalized = to_nfc(raw);
  if (!normalized) return normalized.error();
  const std::string_view trimmed = trim_white_space(*normalized, true);
  const std::string name(field);
  if (trimmed.empty()) {
    if (allow_empty) return std::string();
    return Error::unprocessable(name + "_required", name + " is required");
  }
  if (has_forbidden_in_line(trimmed) || has_long_mark_run(trimmed, max_marks)) {
    return Error::unprocessable(name + "_invalid_characters",
                                name + " contains characters that are not allowed");
  }
  if (count_code_points(trimmed) > max_code_points) {
    return Error::unprocessable(name + "_too_long", name + " must be at most " +
                                                        std::to_string(max_code_points) +
                                                        " characters");
  }
  return std::string(trimmed);
}

// Line endings become LF and tag characters disappear, before NFC so that
// what gets normalized is what gets stored.
std::string unify_line_ends_and_strip_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool after_cr = false;
  for_each_code_point(s, [&](char32_t c, std::size_t begin, std::size_t end) {
    const bool was_after_cr = after_cr;
    after_cr = c == '\r';
    if (c == '\r') {
      out += '\n';
    } else if (c == '\n') {
      if (!was_after_cr) out += '\n';
    } else if (!is_tag_character(c)) {
      out.append(s.substr(begin, end - begin));
    }
  });
  return out;
}

Error email_invalid() {
  return Error::unprocessable("email_invalid", "email must be a valid email address");
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 dot-atom. Quoted local parts are refused: they are where CR, LF,
// commas and '@' hide, and no one signs up to a comment thread with one.
bool is_dot_atom(std::string_view s) {
  constexpr std::string_view kAtextSymbols = "!#$%&'*+-/=?^_`{|}~";
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char previous = 0;
  for (char c : s) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!is_ascii_alnum(c) && kAtextSymbols.find(c) == std::string_view::npos) {
      return false;
    }
    previous = c;
  }
  return true;
}

// Host names only. An all-digit last label is refused because no TLD is
// numeric and such a "domain" is an IPv4 address in disguise.
bool is_domain(std::string_view s) {
  std::size_t labels = 0;
  bool last_all_digits = false;
  while (true) {
    const std::size_t dot = s.find('.');
    const std::string_view label = s.substr(0, dot);
    if (label.empty() || label.size() > kMaxDomainLabelBytes) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    last_all_digits = true;
    for (char c : label) {
      if (!is_ascii_alnum(c) && c != '-') return false;
      if (c < '0' || c > '9') last_all_digits = false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return labels >= 2 && !last_all_digits;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool has_control_or_space(std::string_view s) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F) return true;
  }
  return false;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = decode_next(s, i);
    if (c == kIllFormed || is_noncharacter(c)) return false;
  }
  return true;
}

std::size_t count_code_points(std::string_view valid_utf8) {
  std::size_t count = 0;
  for (char c : valid_utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++count;
  }
  return count;
}

Result<std::string> clean_name(std::string_view raw, std::string_view field) {
  return clean_single_line(raw, field, kMaxNameCodePoints, kMaxNameMarks, false);
}

Result<std::string> clean_line(std::string_view raw, std::string_view field,
                               std::size_t max_code_points) {
  return clean_single_line(raw, field, max_code_points, kMaxNameMarks, true);
}

Result<std::string> check_quoted_text(std::string_view raw, std::string_view field,
                                     std::size_t max_code_points) {
  if (!is_valid_utf8(raw)) return invalid_utf8();
  const std::string name(field);
  bool refused = has_long_mark_run(raw, kMaxNameMarks);
  for_each_code_point(raw, [&](char32_t c, std::size_t, std::size_t) {
    if (is_tag_character(c)) refused = true;
    switch (u_charType(static_cast<UChar32>(c))) {
      case U_CONTROL_CHAR:
      case U_LINE_SEPARATOR:
      case U_PARAGRAPH_SEPARATOR:
        refused = true;
        break;
      default:
        break;
    }
  });
  if (refused) {
    return Error::unprocessable(name + "_invalid_characters", name + " contains characters that are not allowed");
  }
  if (count_code_points(raw) > max_code_points) {
    return Error::unprocessable(name + "_too_long",
                                name + " must be at most " + std::to_string(max_code_points) + " characters");
  }
  return std::string(raw);
}

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  for_each_code_point(s, [&](char32_t c, std::size_t, std::size_t) { units += c > 0xFFFF ? 2 : 1; });
  return units;
}

Result<std::string> clean_body(std::string_view raw, std::size_t max_code_points,
                               std::size_t max_bytes) {
  if (!is_valid_utf8(raw)) return invalid_utf8();
  const Error invalid_characters =
      Error::unprocessable("body_invalid_characters", "body contains characters that are not allowed");
  bool has_forbidden = false;
  for_each_code_point(raw, [&](char32_t c, std::size_t, std::size_t) {
    if (is_forbidden_in_body(c)) has_forbidden = true;
  });
  if (has_forbidden) return invalid_characters;
  auto normalized = to_nfc(unify_line_ends_and_strip_tags(raw));
  if (!normalized) return normalized.error();
  const std::string_view trimmed = trim_white_space(*normalized, false);
  if (trimmed.empty()) return Error::unprocessable("body_required", "body is required");
  if (has_long_mark_run(trimmed, kMaxBodyMarks)) return invalid_characters;
  if (trimmed.size() > max_bytes || count_code_points(trimmed) > max_code_points) {
    return Error::unprocessable("body_too_long", "body must be at most " +
                                                     std::to_string(max_code_points) +
                                                     " characters");
  }
  return std::string(trimmed);
}

Result<std::string> clean_email(std::string_view raw) {
  const std::string_view email = trim_blanks(raw);
  if (email.size() > kMaxEmailBytes || has_control_or_space(email)) return email_invalid();
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return email_invalid();
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.size() > kMaxEmailLocalBytes || !is_dot_atom(local) || !is_domain(domain)) {
    return email_invalid();
  }
  std::string out(email);
  for (std::size_t i = at + 1; i < out.size(); ++i) {
    if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] - 'A' + 'a');
  }
  return out;
}

Result<std::string> clean_http_url(std::string_view raw, std::string_view field) {
  const std::string name(field);
  const Error invalid = Error::unprocessable(
      name + "_invalid", name + " must be an http or https address of at most " +
                             std::to_string(kMaxUrlBytes) + " bytes");
  const std::string_view trimmed = trim_blanks(raw);
  if (trimmed.empty() || trimmed.size() > kMaxUrlBytes || has_control_or_space(trimmed)) {
    return invalid;
  }
  auto parsed = boost::urls::parse_uri(trimmed);
  if (!parsed) return invalid;
  const boost::urls::url_view& view = *parsed;
  const auto scheme = view.scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) return invalid;
  if (!view.has_authority() || view.has_userinfo() || view.encoded_host().empty()) return invalid;
  const auto host = view.host_type();
  if (host != boost::urls::host_type::name && host != boost::urls::host_type::ipv4 &&
      host != boost::urls::host_type::ipv6) {
    return invalid;
  }
  boost::urls::url normalized(view);
  normalized.normalize();
  std::string out(normalized.buffer());
  if (out.size() > kMaxUrlBytes) return invalid;
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sala::text
