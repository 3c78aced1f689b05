#pragma once

#include <string>

#include "core/error.hpp"
#include "markup/cmark_document.hpp"

namespace sala::markup {

// Serializes a parsed comment as HTML from a fixed allow-list of elements and
// attributes, escaping every text and attribute value. Never emits cmark's own
// HTML renderer output and never copies markup from the input. Iterative, so
// input nesting cannot exhaust the stack; container nesting beyond a fixed
// depth is flattened so the browser never sees a DOM depth bomb, and links
// past link_target_budget() render as their text.
[[nodiscard]] Result<std::string> write_html(const CmarkDocument& document);

}  // namespace sala::markup
