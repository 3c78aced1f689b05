#include "markup/tag_scanner.hpp"

#include <array>
#include <cstddef>

namespace sala::markup::testing {
namespace {

constexpr std::array<std::string_view, 5> kEntities = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
constexpr std::array<char, 5> kEntityChars = {'&', '<', '>', '"', '\''};
constexpr std::array<std::string_view, 13> kAllowedTags = {
    "a", "p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "hr"};
constexpr std::string_view kRel = "nofollow ugc noopener noreferrer";

bool is_lower_alpha(char c) { return c >= 'a' && c <= 'z'; }

// Length of the entity at html[pos] (which is '&'), or 0; `decoded` gets its char.
std::size_t entity_at(std::string_view html, std::size_t pos, char& decoded) {
  for (std::size_t i = 0; i < kEntities.size(); ++i) {
    if (html.substr(pos).starts_with(kEntities[i])) {
      decoded = kEntityChars[i];
      return kEntities[i].size();
    }
  }
  return 0;
}

class Scanner {
 public:
  explicit Scanner(std::string_view html) : html_(html) {}

  TagScan run() {
    while (pos_ < html_.size()) {
      char c = html_[pos_];
      if (c == '<') {
        read_tag();
      } else if (c == '&') {
        char decoded = 0;
        std::size_t length = entity_at(html_, pos_, decoded);
        if (length == 0) problem("bare '&'");
        pos_ += length == 0 ? 1 : length;
      } else {
        if (c == '>' || c == '"' || c == '\'') problem(std::string("raw '") + c + "' in text");
        ++pos_;
      }
    }
    return std::move(scan_);
  }

 private:
  void problem(const std::string& what) {
    scan_.problems.push_back(what + " at offset " + std::to_string(pos_));
  }

  bool at(char c) const { return pos_ < html_.size() && html_[pos_] == c; }

  std::string read_name() {
    std::string name;
    while (pos_ < html_.size() && (is_lower_alpha(html_[pos_]) || html_[pos_] == '-')) {
      name += html_[pos_++];
    }
    return name;
  }

  void read_tag() {
    std::size_t start = pos_++;
    ScannedTag tag;
    if (at('/')) {
      tag.is_closing = true;
      ++pos_;
    }
    tag.name = read_name();
    if (tag.name.empty()) {
      pos_ = start;
      problem("'<' that starts no tag");
      pos_ = start + 1;
      return;
    }
    while (at(' ')) {
      ++pos_;
      ScannedAttribute attribute;
      attribute.name = read_name();
      if (attribute.name.empty() || !at('=')) return fail(start, "malformed attribute");
      ++pos_;
      if (!at('"')) return fail(start, "unquoted attribute value");
      ++pos_;
      while (pos_ < html_.size() && html_[pos_] != '"') {
        char c = html_[pos_];
        if (c == '<' || c == '>' || c == '\'') return fail(start, "raw markup in attribute value");
        if (c == '&') {
          char decoded = 0;
          std::size_t length = entity_at(html_, pos_, decoded);
          if (length == 0) return fail(start, "bare '&' in attribute value");
          attribute.value += decoded;
          pos_ += length;
        } else {
          attribute.value += c;
          ++pos_;
        }
      }
      if (!at('"')) return fail(start, "unterminated attribute value");
      ++pos_;
      tag.attributes.push_back(std::move(attribute));
    }
    if (!at('>')) return fail(start, "malformed tag");
    ++pos_;
    scan_.tags.push_back(std::move(tag));
  }

  void fail(std::size_t tag_start, const std::string& what) {
    pos_ = tag_start;
    problem(what);
    pos_ = tag_start + 1;
  }

  std::string_view html_;
  std::size_t pos_ = 0;
  TagScan scan_;
};

bool is_allowed_tag(std::string_view name) {
  for (std::string_view allowed : kAllowedTags) {
    if (name == allowed) return true;
  }
  return false;
}

bool is_language_class(std::string_view value) {
  constexpr std::string_view kPrefix = "language-";
  if (!value.starts_with(kPrefix)) return false;
  std::string_view language = value.substr(kPrefix.size());
  if (language.empty() || language.size() > 32) return false;
  for (char c : language) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_decimal(std::string_view value) {
  if (value.empty() || value.size() > 10) return false;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void check_attributes(const ScannedTag& tag, std::vector<std::string>& problems) {
  if (tag.is_closing && !tag.attributes.empty()) problems.push_back("attributes on </" + tag.name + ">");
  bool has_href = false;
  bool has_rel = false;
  for (const ScannedAttribute& attribute : tag.attributes) {
    const std::string& name = attribute.name;
    std::string where = name + " on <" + tag.name + ">";
    if (tag.name == "a" && name == "href" && !has_href) {
      has_href = true;
    } else if (tag.name == "a" && name == "rel" && !has_rel) {
      has_rel = true;
      if (attribute.value != kRel) problems.push_back("rel=\"" + attribute.value + "\"");
    } else if (tag.name == "code" && name == "class" && tag.attributes.size() == 1) {
      if (!is_language_class(attribute.value)) problems.push_back("class=\"" + attribute.value + "\"");
    } else if (tag.name == "ol" && name == "start" && tag.attributes.size() == 1) {
      if (!is_decimal(attribute.value)) problems.push_back("start=\"" + attribute.value + "\"");
    } else {
      problems.push_back("attribute " + where);
    }
  }
  if (tag.name == "a" && !tag.is_closing && (!has_href || !has_rel)) {
    problems.push_back("<a> without href and rel");
  }
}

}  // namespace

TagScan scan_tags(std::string_view html) { return Scanner(html).run(); }

std::vector<std::string> allow_list_violations(std::string_view html) {
  TagScan scan = scan_tags(html);
  std::vector<std::string> problems = std::move(scan.problems);
  std::vector<std::string> open;
  int open_anchors = 0;
  for (const ScannedTag& tag : scan.tags) {
    if (!is_allowed_tag(tag.name)) {
      problems.push_back("element <" + tag.name + ">");
      continue;
    }
    check_attributes(tag, problems);
    bool is_void = tag.name == "br" || tag.name == "hr";
    if (is_void) {
      if (tag.is_closing) problems.push_back("</" + tag.name + ">");
      continue;
    }
    if (!tag.is_closing) {
      if (tag.name == "a" && open_anchors++ > 0) problems.push_back("<a> inside <a>");
      open.push_back(tag.name);
    } else if (open.empty() || open.back() != tag.name) {
      problems.push_back("unbalanced </" + tag.name + ">");
    } else {
      if (tag.name == "a") --open_anchors;
      open.pop_back();
    }
  }
  for (const std::string& name : open) problems.push_back("unclosed <" + name + ">");
  return problems;
}

std::vector<std::string> hrefs_of(std::string_view html) {
  std::vector<std::string> hrefs;
  for (const ScannedTag& tag : scan_tags(html).tags) {
    for (const ScannedAttribute& attribute : tag.attributes) {
      if (attribute.name == "href") hrefs.push_back(attribute.value);
    }
  }
  return hrefs;
}

}  // namespace sala::markup::testing
