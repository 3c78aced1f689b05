#pragma once

#include <cstddef>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/error.hpp"

namespace sala::json {

struct ParseLimits {
  std::size_t max_depth = 16;     // objects and arrays; the top object is depth 1; capped at 256
  std::size_t max_bytes = 65536;  // the whole body
};

// Parses a request body that must be exactly one JSON object under strict
// RFC 8259: no comments, trailing commas, BOM or trailing data. Also rejected:
// duplicate keys at any depth -> invalid("duplicate_key"); invalid UTF-8 or a
// noncharacter, raw or escaped -> invalid("invalid_utf8"); NUL (\u0000) in a
// key or string, lone surrogate escapes, nesting deeper than max_depth, a
// number that does not fit a finite double (1e999999), a top level that is not
// an object -> invalid("invalid_json"); a body over max_bytes ->
// too_large("request_too_large"). Nothing recurses deeper than max_depth, so
// hostile nesting fails fast. Thread-safe; non-blocking.
[[nodiscard]] Result<boost::json::object> parse_object(std::string_view body,
                                                      const ParseLimits& limits = {});

}  // namespace sala::json
