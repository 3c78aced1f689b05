#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/error.hpp"

struct cmark_iter;
struct cmark_node;
struct cmark_syntax_extension;

namespace sala::markup {

struct CmarkNodeDeleter {
  void operator()(cmark_node* node) const;
};

struct CmarkIterDeleter {
  void operator()(cmark_iter* iter) const;
};

// A depth-first walk over a tree; cmark_iter keeps no stack of its own, so
// walking is iterative whatever the nesting.
using CmarkIterPtr = std::unique_ptr<cmark_iter, CmarkIterDeleter>;

// A parsed comment body. Owns the whole tree; the writers only read it.
struct CmarkDocument {
  std::unique_ptr<cmark_node, CmarkNodeDeleter> root;
  // Lets the writers recognise strikethrough nodes, whose node type number is
  // assigned by the extension at registration and not exported.
  const cmark_syntax_extension* strikethrough = nullptr;
  // Size of the markdown that was parsed; bounds what the writers may expand.
  std::size_t source_bytes = 0;
};

// A node's literal text or URL; empty where cmark has none.
[[nodiscard]] std::string_view literal_of(cmark_node* node);
[[nodiscard]] std::string_view url_of(cmark_node* node);

// Parses `markdown` as CommonMark with the GFM autolink and strikethrough
// extensions, in cmark's safe mode. Raw HTML stays in the tree as HTML nodes;
// the writers decide how to show it. Lines nesting deeper than
// kMaxMarkersPerLine are defused first (nesting_guard.hpp).
// Thread-safe: calls into the parser are serialized (see the .cpp for why).
[[nodiscard]] Result<CmarkDocument> parse_markdown(std::string_view markdown);

}  // namespace sala::markup
