#pragma once

#include <string>
#include <string_view>

namespace sala::pages {

// Builds an HTML document where every piece of data is escaped for where it
// goes. The one way to insert markup is trusted_html(), meant for comment
// bodies that markup/ already rendered from an allow-list.
class HtmlWriter {
 public:
  // <name attr="value" ...>: attributes as (name, value) pairs, values escaped.
  HtmlWriter& open(std::string_view tag,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});
  HtmlWriter& close(std::string_view tag);
  // A void element (<input>, <br>, <meta>).
  HtmlWriter& empty(std::string_view tag,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});
  HtmlWriter& text(std::string_view text);
  // <tag attrs>text</tag>
  HtmlWriter& element(std::string_view tag, std::string_view text,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});
  HtmlWriter& trusted_html(std::string_view sanitized);
  // Fixed markup written by us (a doctype, a style sheet).
  HtmlWriter& literal(std::string_view ours);

  std::string take() { return std::move(out_); }

 private:
  void attributes(std::initializer_list<std::pair<std::string_view, std::string_view>> attrs);
  std::string out_;
};

// Escapes & < > " ' so text is safe in element content and quoted attributes.
void append_escaped(std::string& out, std::string_view text);

}  // namespace sala::pages
