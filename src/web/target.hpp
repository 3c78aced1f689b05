#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sala::web {

// A request target split into what routing and handlers use.
struct ParsedTarget {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};

// Splits an origin-form target ("/a/b?x=1") and percent-decodes it once.
// Returns nullopt (the server answers 400) for anything else: a target not
// starting with '/', an invalid escape, or a decoded path containing "%2F",
// NUL, another control character or invalid UTF-8. Query keys and values
// have '+' read as a space and must decode to UTF-8 without NUL. Empty
// query pieces ("a=1&&b=2") are skipped; a piece without '=' has an empty
// value.
std::optional<ParsedTarget> parse_target(std::string_view target);

// The path rules above, for one raw path.
std::optional<std::string> decode_path(std::string_view raw);

// The query-component rules above, for one raw key or value.
std::optional<std::string> decode_query_component(std::string_view raw);

}  // namespace sala::web
