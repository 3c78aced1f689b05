#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

// An element or attribute name split into its namespace URI (empty if none)
// and local name.
struct XmlName {
  std::string_view ns;
  std::string_view local;
};

// The attributes of one start tag, as expat hands them over.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** raw) : raw_(raw) {}
  // The value of the attribute named (ns, local), or empty.
  std::string_view get(std::string_view ns, std::string_view local) const;
  bool has(std::string_view ns, std::string_view local) const;

 private:
  const char** raw_;
};

// Receives the elements of a document in order. `text` is the character data
// since the previous tag (so, for a leaf element, its content), at most
// XmlLimits::max_text bytes; `truncated` says more was cut off. A handler's
// error stops the parse and is returned by parse_xml_file.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  [[nodiscard]] virtual Result<void> start(const XmlName& name, const XmlAttributes& attributes) = 0;
  [[nodiscard]] virtual Result<void> end(const XmlName& name, std::string& text, bool truncated) = 0;
};

struct XmlLimits {
  std::size_t max_text = 4u << 20;  // bytes of character data kept per element
  std::size_t max_depth = 128;
  std::size_t max_token = 16u << 20;  // bytes of one tag, comment or PI, which expat buffers whole
};

// Streams an XML file through expat in 64 KiB reads: memory stays bounded
// whatever the file's size. A document type declaration (<!DOCTYPE ...>) is
// refused outright, invalid("xml_dtd_refused"): exports never need one, and
// without it no entity can be declared, so neither entity expansion (billion
// laughs) nor an external entity (a file or URL) is possible. Malformed XML,
// invalid UTF-8 in a UTF-8 document, an encoding expat does not know, or
// nesting deeper than max_depth, or a tag (attributes included), comment or
// processing instruction longer than max_token -> invalid("invalid_xml"),
// with the line and column where expat can say. A missing file ->
// invalid("file_not_found").
[[nodiscard]] Result<void> parse_xml_file(const std::string& path, XmlHandler& handler,
                                          const XmlLimits& limits = {}, const Progress& progress = {});

}  // namespace sala::transfer
