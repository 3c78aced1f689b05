#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sala::markup {

// The most blockquote and list markers ('>', "- ", "1. ") a single line may
// open; a real comment never comes close.
inline constexpr std::size_t kMaxMarkersPerLine = 32;

// cmark-gfm 0.29.0.gfm.6 (Debian 12) spends time proportional to nesting depth
// for every later blank line and every emphasis delimiter, so one line of
// 10,000 "> " or " -" followed by blank lines or "a*" takes seconds (SECURITY.md
// 2.17). This escapes, with a backslash, the first marker past
// kMaxMarkersPerLine on each line, so the rest of that line is literal text and
// a line can no longer nest deeper than the limit. Nesting built over many
// lines needs indentation that grows with depth, so its cost stays bounded by
// the input size.
// Returns nullopt when no line needs it (the usual case: no copy is made).
// The price: such a line inside a code block would show the added backslash.
[[nodiscard]] std::optional<std::string> limit_line_nesting(std::string_view markdown);

}  // namespace sala::markup
