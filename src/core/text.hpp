#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

// Validation and normalization of user-supplied text at the edge. Every
// function is pure, thread-safe and non-blocking. Storage keeps what these
// return verbatim; escaping for HTML, email or logs happens when rendering.
namespace sala::text {

// Strict UTF-8: no overlong forms, no surrogates (ED A0 80), nothing above
// U+10FFFF, no truncated sequences and no noncharacters (U+FDD0..FDEF and
// U+xFFFE/U+xFFFF in every plane).
[[nodiscard]] bool is_valid_utf8(std::string_view s);

// Requires: is_valid_utf8(valid_utf8).
std::size_t count_code_points(std::string_view valid_utf8);

// A display name. Invalid UTF-8 -> invalid("invalid_utf8"). The value is NFC
// normalized and trimmed of Unicode whitespace; then empty ->
// unprocessable("<field>_required"); control characters (C0, C1, line and
// paragraph separators), any Cf format character (bidi controls, zero-width
// characters, U+FEFF, tag characters) or more than 8 combining marks in a row
// -> unprocessable("<field>_invalid_characters"); more than 64 code points ->
// unprocessable("<field>_too_long"). `field` is the JSON field name used in
// codes and messages.
[[nodiscard]] Result<std::string> clean_name(std::string_view raw,
                                             std::string_view field = "author");

// A comment body. Invalid UTF-8 -> invalid("invalid_utf8"); NUL, C0 controls
// other than tab, LF and CR, DEL and C1 controls ->
// unprocessable("body_invalid_characters"). CRLF and lone CR become LF, tag
// characters U+E0000..E007F are removed, the text is NFC normalized and
// trailing whitespace is trimmed (leading indentation is kept). Then empty ->
// unprocessable("body_required"); more than 32 combining marks in a row ->
// unprocessable("body_invalid_characters"); more than `max_code_points` code
// points or `max_bytes` bytes -> unprocessable("body_too_long"). Bidi
// controls are allowed: renderers isolate every comment instead.
[[nodiscard]] Result<std::string> clean_body(std::string_view raw,
                                             std::size_t max_code_points = 10000,
                                             std::size_t max_bytes = 32768);

// One line of plain text such as a thread title: the rules of clean_name with
// a caller-chosen length, except that an empty result is allowed and returned
// as "". Codes: <field>_too_long, <field>_invalid_characters, invalid_utf8.
[[nodiscard]] Result<std::string> clean_line(std::string_view raw, std::string_view field,
                                             std::size_t max_code_points);

// Text quoted from a publisher's article (an anchor's quote and context),
// kept exactly as the article has it, spaces and normalization form included,
// so that it can be found again in the article byte for byte. Refused: invalid
// UTF-8, controls, line and paragraph separators, tag characters, more than 8
// combining marks in a row (<field>_invalid_characters) and more than
// `max_code_points` code points (<field>_too_long). Format characters such as
// zero-width spaces and joiners are allowed: Khmer and Persian text needs them.
[[nodiscard]] Result<std::string> check_quoted_text(std::string_view raw, std::string_view field,
                                                    std::size_t max_code_points);

// The length of valid UTF-8 `s` in UTF-16 code units, the unit browsers count
// text offsets in.
std::size_t utf16_length(std::string_view s);

// An email address for notifications. Spaces and tabs around it are trimmed;
// then it must be at most 254 bytes, a dot-atom local part of 1..64 bytes (no
// quoted forms, no controls or spaces), exactly one '@', and a domain of at
// least two dot-separated labels of [A-Za-z0-9-] whose last label is not all
// digits (so no IP literals, bracketed or bare). The domain is lower-cased,
// the local part kept as is. Anything else -> unprocessable("email_invalid").
[[nodiscard]] Result<std::string> clean_email(std::string_view raw);

// Appends code point `cp` (at most U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// ASCII letters lower-cased, everything else as is (emails, for comparison).
std::string lower_ascii(std::string_view text);

// The confusable skeleton of a name (Unicode TS #39, through ICU), after
// case folding and with spaces, punctuation and marks removed: "Sala Staff",
// "SaIa-staff" and "ｓａｌａ ｓｔａｆｆ" all have the same one. Empty for text
// that is not UTF-8.
std::string name_skeleton(std::string_view name);

// The words of `text` as a word filter compares them: lookalike letters of
// other scripts, case, leetspeak (0 for o, 3 for e, $ for s...), letters
// repeated for emphasis, strike-through marks and spelled-out words
// ("f r e e", "f.r.e.e") all read as the plain word. i, l and 1 read as one
// letter, as do o and 0. Empty for text that is not UTF-8.
std::vector<std::string> comparable_words(std::string_view text);

// Whether `needle` (comparable words) occurs in `haystack` as consecutive whole words.
bool contains_words(const std::vector<std::string>& haystack, const std::vector<std::string>& needle);

// An absolute http or https URL (a website field). Spaces and tabs around it
// are trimmed; then it must be at most 2048 bytes, contain no controls or
// spaces, parse as an RFC 3986 URI with a scheme (a fragment is allowed),
// have a non-empty host and no userinfo. Returns the RFC 3986 normalized form
// (lower-case scheme and host, unreserved characters decoded, dot segments
// removed). Anything else -> unprocessable("<field>_invalid").
[[nodiscard]] Result<std::string> clean_http_url(std::string_view raw, std::string_view field);

}  // namespace sala::text
