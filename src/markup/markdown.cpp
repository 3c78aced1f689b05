#include "markup/markdown.hpp"

#include "markup/cmark_document.hpp"
#include "markup/html_writer.hpp"
#include "markup/text_writer.hpp"

namespace sala::markup {

Result<std::string> render_html(std::string_view markdown) {
  Result<CmarkDocument> document = parse_markdown(markdown);
  if (!document) return document.error();
  return write_html(*document);
}

Result<std::string> render_plain_text(std::string_view markdown) {
  Result<CmarkDocument> document = parse_markdown(markdown);
  if (!document) return document.error();
  return write_text(*document);
}

Result<std::string> render_text_without_links(std::string_view markdown) {
  Result<CmarkDocument> document = parse_markdown(markdown);
  if (!document) return document.error();
  return write_text(*document, false);
}

}  // namespace sala::markup
