#pragma once

#include <string_view>

#include "core/error.hpp"

namespace sala::store {

// Stored text never holds NUL: PostgreSQL's text type cannot, and a driver
// reading C strings would cut it short without a word. Every backend refuses
// it the same way (binary values, like digests, may hold any byte).
inline bool has_nul(std::string_view text) { return text.find('\0') != std::string_view::npos; }

inline Error nul_in_text() {
  return Error::invalid("invalid_text", "text must not contain NUL characters");
}

}  // namespace sala::store
