#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sala::markup {

// The href to emit for a link or image destination, or nullopt when it must be
// rendered as text only. Allowed: http, https and mailto (case-insensitive),
// and relative references ("/path", "#frag", "path", "?q"), but never a
// protocol-relative "//host" (nor "/\host", which browsers read the same way).
// The scheme is read the way the WHATWG URL parser reads it: after stripping
// leading and trailing C0 controls and spaces and dropping every tab, CR and
// LF, so "java\tscript:" and "\x01javascript:" are caught. The returned string
// is that cleaned form, so what was checked is exactly what a browser follows.
// Requires: `url` is already entity-decoded and backslash-unescaped (cmark's
// node URLs are).
[[nodiscard]] std::optional<std::string> allowed_link_target(std::string_view url);

// How many bytes of link targets one rendering may emit for a body of
// `source_bytes`. cmark-gfm 0.29.0.gfm.6 does not cap reference expansion, so
// one 1 KB "[r]: ..." definition used 9,000 times as "[x][r]" would turn 64 KiB
// into 9 MB of HTML. Past the budget, links render as their text only. Inline
// links and autolinks repeat at most about twice what the author typed
// ("www.x" becomes "http://www.x"), so real comments never reach it.
[[nodiscard]] std::size_t link_target_budget(std::size_t source_bytes);

}  // namespace sala::markup
