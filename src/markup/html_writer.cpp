#include "markup/html_writer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "markup/url_policy.hpp"

namespace sala::markup {
namespace {

constexpr std::string_view kLinkRel = "nofollow ugc noopener noreferrer";

// Far deeper than any real quote chain or outline. Past it, blockquote and
// list tags are no longer emitted (their content still is), so 50,000 '>' in a
// row cannot become a 50,000-deep DOM in every reader's browser.
constexpr int kMaxContainerDepth = 32;

constexpr std::size_t kMaxLanguageLength = 32;

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c; break;
    }
  }
}

bool is_language_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '+' || c == '-';
}

// The first word of a fence's info string when it can only be a language
// name; an info string is free text the author controls (Isso I3).
std::string_view code_language(cmark_node* code_block) {
  const char* info = cmark_node_get_fence_info(code_block);
  if (info == nullptr) return {};
  std::string_view word(info);
  word = word.substr(0, word.find_first_of(" \t\r\n"));
  if (word.empty() || word.size() > kMaxLanguageLength) return {};
  for (char c : word) {
    if (!is_language_char(c)) return {};
  }
  return word;
}

std::string_view without_trailing_newlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const CmarkDocument& document)
      : strikethrough_(document.strikethrough),
        link_budget_(link_target_budget(document.source_bytes)) {}

  void enter(cmark_node* node);
  void exit(cmark_node* node);
  std::string take() { return std::move(out_); }

 private:
  bool is_strikethrough(cmark_node* node) const {
    return cmark_node_get_syntax_extension(node) == strikethrough_;
  }
  bool is_tight_item_paragraph(cmark_node* paragraph) const;
  void start_line();
  void open_list(cmark_node* list);
  void close_list(cmark_node* list);
  void open_anchor(cmark_node* node);
  void close_anchor(cmark_node* node);
  void write_code_block(cmark_node* node);
  void write_html_block(cmark_node* node);

  std::optional<std::string> link_target(cmark_node* node);

  const cmark_syntax_extension* strikethrough_;
  std::size_t link_budget_;  // bytes of href still allowed
  std::string out_;
  int depth_ = 0;  // blockquotes and lists entered, emitted or not
  // The link or image whose <a> is open; anchors never nest, so one is enough.
  cmark_node* open_anchor_ = nullptr;
};

// cmark's convention, kept so "- a\n- b" reads as <li>a</li>, not <li><p>a</p></li>.
// Past the depth limit the <li> is gone, and the <p> is what keeps items apart.
bool HtmlWriter::is_tight_item_paragraph(cmark_node* paragraph) const {
  cmark_node* item = cmark_node_parent(paragraph);
  if (item == nullptr || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
  cmark_node* list = cmark_node_parent(item);
  return list != nullptr && cmark_node_get_list_tight(list) != 0 &&
         depth_ <= kMaxContainerDepth;
}

// Only cosmetic: block tags start on their own line, as cmark's output does.
void HtmlWriter::start_line() {
  if (!out_.empty() && out_.back() != '\n') out_ += '\n';
}

void HtmlWriter::enter(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
      if (!is_tight_item_paragraph(node)) {
        start_line();
        out_ += "<p>";
      }
      break;
    case CMARK_NODE_HEADING:
      start_line();
      out_ += "<p><strong>";
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      if (++depth_ <= kMaxContainerDepth) {
        start_line();
        out_ += "<blockquote>\n";
      }
      break;
    case CMARK_NODE_LIST:
      if (++depth_ <= kMaxContainerDepth) open_list(node);
      break;
    case CMARK_NODE_ITEM:
      if (depth_ <= kMaxContainerDepth) {
        start_line();
        out_ += "<li>";
      }
      break;
    case CMARK_NODE_CODE_BLOCK: write_code_block(node); break;
    case CMARK_NODE_HTML_BLOCK: write_html_block(node); break;
    case CMARK_NODE_THEMATIC_BREAK:
      start_line();
      out_ += "<hr>\n";
      break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:  // shown as typed, never interpreted
      append_escaped(out_, literal_of(node));
      break;
    case CMARK_NODE_CODE:
      out_ += "<code>";
      append_escaped(out_, literal_of(node));
      out_ += "</code>";
      break;
    case CMARK_NODE_SOFTBREAK: out_ += '\n'; break;
    case CMARK_NODE_LINEBREAK: out_ += "<br>\n"; break;
    case CMARK_NODE_EMPH: out_ += "<em>"; break;
    case CMARK_NODE_STRONG: out_ += "<strong>"; break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: open_anchor(node); break;
    default:
      // Anything else (only strikethrough with our options) contributes its
      // children and, unless it is on the allow-list, no tag.
      if (is_strikethrough(node)) out_ += "<del>";
      break;
  }
}

void HtmlWriter::exit(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
      if (!is_tight_item_paragraph(node)) out_ += "</p>\n";
      break;
    case CMARK_NODE_HEADING: out_ += "</strong></p>\n"; break;
    case CMARK_NODE_BLOCK_QUOTE:
      if (depth_-- <= kMaxContainerDepth) {
        start_line();
        out_ += "</blockquote>\n";
      }
      break;
    case CMARK_NODE_LIST:
      if (depth_-- <= kMaxContainerDepth) close_list(node);
      break;
    case CMARK_NODE_ITEM:
      if (depth_ <= kMaxContainerDepth) out_ += "</li>\n";
      break;
    case CMARK_NODE_EMPH: out_ += "</em>"; break;
    case CMARK_NODE_STRONG: out_ += "</strong>"; break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: close_anchor(node); break;
    default:
      if (is_strikethrough(node)) out_ += "</del>";
      break;
  }
}

void HtmlWriter::open_list(cmark_node* list) {
  start_line();
  if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
    out_ += "<ul>\n";
    return;
  }
  int start = cmark_node_get_list_start(list);
  if (start == 1) {
    out_ += "<ol>\n";
  } else {
    out_ += "<ol start=\"";
    out_ += std::to_string(start);
    out_ += "\">\n";
  }
}

void HtmlWriter::close_list(cmark_node* list) {
  start_line();
  out_ += cmark_node_get_list_type(list) == CMARK_ORDERED_LIST ? "</ol>\n" : "</ul>\n";
}

// Images are never embedded (no tracking pixels, no mixed content): an image
// becomes a link to its URL with the alt text as link text. Titles are dropped
// on purpose; they are one more attribute to get wrong and add nothing.
void HtmlWriter::open_anchor(cmark_node* node) {
  std::optional<std::string> target = link_target(node);
  if (target && open_anchor_ == nullptr) {
    out_ += "<a href=\"";
    append_escaped(out_, *target);
    out_ += "\" rel=\"";
    out_ += kLinkRel;
    out_ += "\">";
    open_anchor_ = node;
  }
  // Without text an anchor would be invisible yet clickable.
  if (target && cmark_node_first_child(node) == nullptr) append_escaped(out_, *target);
}

std::optional<std::string> HtmlWriter::link_target(cmark_node* node) {
  std::optional<std::string> target = allowed_link_target(url_of(node));
  if (!target || target->size() > link_budget_) return std::nullopt;
  link_budget_ -= target->size();
  return target;
}

void HtmlWriter::close_anchor(cmark_node* node) {
  if (open_anchor_ != node) return;
  out_ += "</a>";
  open_anchor_ = nullptr;
}

void HtmlWriter::write_code_block(cmark_node* node) {
  start_line();
  out_ += "<pre><code";
  std::string_view language = code_language(node);
  if (!language.empty()) {
    out_ += " class=\"language-";
    append_escaped(out_, language);
    out_ += '"';
  }
  out_ += '>';
  append_escaped(out_, literal_of(node));
  out_ += "</code></pre>\n";
}

// Raw HTML is shown as the text the author typed, line by line, so a pasted
// snippet is visible rather than silently missing.
void HtmlWriter::write_html_block(cmark_node* node) {
  std::string_view text = without_trailing_newlines(literal_of(node));
  start_line();
  out_ += "<p>";
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    if (line_start > 0) out_ += "<br>\n";
    append_escaped(out_, text.substr(line_start, line_end - line_start));
    line_start = line_end + 1;
  }
  out_ += "</p>\n";
}

}  // namespace

Result<std::string> write_html(const CmarkDocument& document) {
  CmarkIterPtr iter(cmark_iter_new(document.root.get()));
  if (!iter) return Error::internal("cmark_iter_new returned null");
  HtmlWriter writer(document);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_ENTER) {
      writer.enter(node);
    } else if (event == CMARK_EVENT_EXIT) {
      writer.exit(node);
    }
  }
  return writer.take();
}

}  // namespace sala::markup
