#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sala {

// Strict decimal parsing for ids and limits from URLs: digits only, no sign,
// no spaces, no leading zeros (except "0" itself), no hex or exponent, and
// within [min, max]. Anything else is nullopt, which callers answer with 400.
std::optional<std::int64_t> parse_decimal(std::string_view text, std::int64_t min,
                                          std::int64_t max);

}  // namespace sala
