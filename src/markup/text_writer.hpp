#pragma once

#include <string>

#include "core/error.hpp"
#include "markup/cmark_document.hpp"

namespace sala::markup {

// Serializes a parsed comment as plain text: blocks separated by blank lines,
// list items on their own lines with "- " or "N. ", and an allowed link target
// in parentheses after the link text unless the text already shows it. Nothing
// is escaped; the output is not HTML. Without `with_link_targets` no target is
// added (a link's text stays).
[[nodiscard]] Result<std::string> write_text(const CmarkDocument& document,
                                             bool with_link_targets = true);

}  // namespace sala::markup
