#include "pages/html_writer.hpp"

namespace sala::pages {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

void HtmlWriter::attributes(
    std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
  for (const auto& [name, value] : attrs) {
    out_ += ' ';
    out_ += name;  // attribute names are always ours
    out_ += "=\"";
    append_escaped(out_, value);
    out_ += '"';
  }
}

HtmlWriter& HtmlWriter::open(std::string_view tag,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
  out_ += '<';
  out_ += tag;
  attributes(attrs);
  out_ += '>';
  return *this;
}

HtmlWriter& HtmlWriter::close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

HtmlWriter& HtmlWriter::empty(std::string_view tag,
                              std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
  return open(tag, attrs);
}

HtmlWriter& HtmlWriter::text(std::string_view text) {
  append_escaped(out_, text);
  return *this;
}

HtmlWriter& HtmlWriter::element(std::string_view tag, std::string_view text,
                                std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
  return open(tag, attrs).text(text).close(tag);
}

HtmlWriter& HtmlWriter::trusted_html(std::string_view sanitized) {
  out_ += sanitized;
  return *this;
}

HtmlWriter& HtmlWriter::literal(std::string_view ours) {
  out_ += ours;
  return *this;
}

}  // namespace sala::pages
