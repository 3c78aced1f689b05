#include "feeds/atom.hpp"

#include <algorithm>

namespace sala::feeds {
namespace {

// Public times are shown to the minute (docs/architecture.md).
std::string minute_time(Timestamp t) {
  return format_rfc3339(Timestamp{t.ms - ((t.ms % 60'000) + 60'000) % 60'000});
}

void element(std::string& out, std::string_view indent, std::string_view tag, std::string_view text,
             std::string_view attrs = "") {
  out += indent;
  out += '<';
  out += tag;
  out += attrs;
  out += '>';
  append_xml_escaped(out, text);
  out += "</";
  out += tag;
  out += ">\n";
}

void link(std::string& out, std::string_view indent, std::string_view rel, std::string_view href,
          std::string_view type = "") {
  out += indent;
  out += "<link rel=\"";
  out += rel;
  out += "\"";
  if (!type.empty()) {
    out += " type=\"";
    out += type;
    out += "\"";
  }
  out += " href=\"";
  append_xml_escaped(out, href);
  out += "\"/>\n";
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      switch (b) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
          if (b >= 0x20 || b == '\t' || b == '\n' || b == '\r') out += static_cast<char>(b);
      }
      continue;
    }
    // Copy a well-formed multi-byte sequence; drop anything else byte by byte.
    std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size();
    char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    ok = ok && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE &&
         cp != 0xFFFF;
    if (!ok) {
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
}

std::string atom_feed(const FeedHead& head, std::string_view entry_id_prefix,
                      const std::vector<store::FeedEntry>& entries) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  element(out, "  ", "id", head.id);
  element(out, "  ", "title", head.title);
  Timestamp updated = head.now;
  if (!entries.empty()) {
    updated = Timestamp{0};
    for (const auto& e : entries) updated = std::max(updated, e.edited.value_or(e.created));
  }
  element(out, "  ", "updated", minute_time(updated));
  link(out, "  ", "self", head.self_url, "application/atom+xml");
  if (!head.alternate_url.empty()) link(out, "  ", "alternate", head.alternate_url, "text/html");
  element(out, "  ", "generator", "Sala");
  for (const auto& e : entries) {
    out += "  <entry>\n";
    element(out, "    ", "id", std::string(entry_id_prefix) + std::to_string(e.id.value));
    const std::string& topic = e.thread_title.empty() ? e.thread_key : e.thread_title;
    element(out, "    ", "title", e.author_name + " on " + topic);
    element(out, "    ", "published", minute_time(e.created));
    element(out, "    ", "updated", minute_time(e.edited.value_or(e.created)));
    out += "    <author>\n";
    element(out, "      ", "name", e.author_name.empty() ? "?" : e.author_name);
    out += "    </author>\n";
    element(out, "    ", "content", e.body_html, " type=\"html\"");
    if (!e.thread_url.empty()) {
      link(out, "    ", "alternate", e.thread_url + "#comment-" + std::to_string(e.id.value), "text/html");
    }
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace sala::feeds
