#pragma once

#include <cstddef>
#include <string_view>

namespace sala::web {

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 when
// the bytes there are not one (overlong forms, surrogates and code points
// above U+10FFFF count as malformed, so "%C0%AE" can never become '.').
// Requires: pos < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

bool is_valid_utf8(std::string_view text);

}  // namespace sala::web
