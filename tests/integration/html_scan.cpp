#include "integration/html_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>

#include "core/text.hpp"

namespace sala::test {
namespace {

constexpr std::array<std::string_view, 17> kActiveElements = {
    "script", "iframe", "frame", "frameset", "style", "form", "input", "button", "object",
    "embed", "svg", "math", "noscript", "select", "base", "meta", "link"};
constexpr std::array<std::string_view, 6> kUrlAttributes = {
    "href", "src", "action", "formaction", "xlink:href", "background"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }


// Decodes the character references a browser decodes in an attribute value:
// numeric ones (with or without ';') and the named ones that matter for a
// scheme check.
std::string decode_entities(std::string_view v) {
  static constexpr std::array<std::pair<std::string_view, char>, 8> kNamed = {{
      {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''},
      {"colon;", ':'}, {"tab;", '\t'}, {"newline;", '\n'}}};
  std::string out;
  for (std::size_t i = 0; i < v.size();) {
    if (v[i] != '&') {
      out += v[i++];
      continue;
    }
    std::size_t j = i + 1;
    if (j < v.size() && v[j] == '#') {
      ++j;
      const bool is_hex = j < v.size() && (v[j] == 'x' || v[j] == 'X');
      if (is_hex) ++j;
      std::uint32_t cp = 0;
      const std::size_t digits_start = j;
      while (j < v.size() && (is_hex ? std::isxdigit(static_cast<unsigned char>(v[j]))
                                     : std::isdigit(static_cast<unsigned char>(v[j])))) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(v[j])));
        cp = std::min<std::uint32_t>(0x110000, cp * (is_hex ? 16 : 10) +
                                                   static_cast<std::uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10));
        ++j;
      }
      if (j > digits_start) {
        if (j < v.size() && v[j] == ';') ++j;
        text::append_utf8(out, cp > 0x10FFFF ? 0xFFFD : cp);
        i = j;
        continue;
      }
    } else {
      const std::string rest = lower(v.substr(j, 9));
      bool matched = false;
      for (const auto& [name, c] : kNamed) {
        if (rest.starts_with(name)) {
          out += c;
          i = j + name.size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
    }
    out += v[i++];
  }
  return out;
}

// True for http(s), mailto and relative URLs, judged as a browser would
// parse the attribute value.
bool is_safe_url(std::string_view raw) {
  std::string url;
  for (char c : decode_entities(raw)) {
    if (c != '\t' && c != '\n' && c != '\r') url += c;
  }
  const auto first = std::find_if(url.begin(), url.end(),
                                  [](char c) { return static_cast<unsigned char>(c) > 0x20; });
  url.erase(url.begin(), first);
  url = lower(url);
  const auto end_of_scheme = url.find_first_of(":/?#");
  if (end_of_scheme == std::string::npos || url[end_of_scheme] != ':') return true;
  const std::string scheme = url.substr(0, end_of_scheme);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

struct Attribute {
  std::string name;
  std::optional<std::string> value;
};

// Reads one attribute at `i` inside a tag; advances `i`.
Attribute read_attribute(std::string_view html, std::size_t& i) {
  Attribute a;
  while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>' && html[i] != '/') {
    a.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
  }
  while (i < html.size() && is_space(html[i])) ++i;
  if (i >= html.size() || html[i] != '=') return a;
  ++i;
  while (i < html.size() && is_space(html[i])) ++i;
  std::string value;
  if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
    const char quote = html[i++];
    while (i < html.size() && html[i] != quote) value += html[i++];
    if (i < html.size()) ++i;
  } else {
    while (i < html.size() && !is_space(html[i]) && html[i] != '>') value += html[i++];
  }
  a.value = std::move(value);
  return a;
}

// Checks one start tag that begins at `i` (just after '<'); advances `i`.
std::string check_tag(std::string_view html, std::size_t& i) {
  std::string name;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-')) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
  }
  if (std::find(kActiveElements.begin(), kActiveElements.end(), name) != kActiveElements.end()) {
    return "element <" + name + ">";
  }
  std::string rel;
  bool has_href = false;
  while (i < html.size() && html[i] != '>') {
    if (is_space(html[i]) || html[i] == '/') {
      ++i;
      continue;
    }
    const Attribute a = read_attribute(html, i);
    if (a.name.empty()) {
      ++i;
      continue;
    }
    if (a.name.starts_with("on")) return "event handler attribute " + a.name + " on <" + name + ">";
    const bool is_url = std::find(kUrlAttributes.begin(), kUrlAttributes.end(), a.name) != kUrlAttributes.end();
    if (is_url && a.value && !is_safe_url(*a.value)) {
      return "unsafe URL " + a.name + "=\"" + *a.value + "\" on <" + name + ">";
    }
    if (a.name == "href") has_href = true;
    if (a.name == "rel" && a.value) rel = lower(*a.value);
  }
  if (name == "a" && has_href) {
    for (std::string_view needed : {"nofollow", "ugc", "noopener", "noreferrer"}) {
      if (rel.find(needed) == std::string::npos) {
        return "link without rel=" + std::string(needed) + " (rel=\"" + rel + "\")";
      }
    }
  }
  return {};
}

}  // namespace

std::string find_active_content(std::string_view html) {
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] != '<') continue;
    if (html.substr(i, 4) == "<!--") {
      const auto end = html.find("-->", i + 4);
      if (end == std::string_view::npos) return "unterminated comment";
      i = end + 2;
      continue;
    }
    std::size_t j = i + 1;
    if (j < html.size() && html[j] == '/') ++j;
    // A '<' not followed by a letter is text to a browser, not a tag.
    if (j >= html.size() || !std::isalpha(static_cast<unsigned char>(html[j]))) continue;
    if (std::string found = check_tag(html, j); !found.empty()) return found;
    i = j;
  }
  return {};
}

std::string markup_only(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] != '<') continue;
    // Quoted attribute values may hold '>', so the tag ends at the first
    // '>' outside quotes.
    char quote = 0;
    std::size_t j = i + 1;
    for (; j < html.size(); ++j) {
      if (quote != 0) {
        if (html[j] == quote) quote = 0;
      } else if (html[j] == '"' || html[j] == '\'') {
        quote = html[j];
      } else if (html[j] == '>') {
        break;
      }
    }
    out.append(html.substr(i, j - i + 1));
    i = j;
  }
  return out;
}

}  // namespace sala::test
