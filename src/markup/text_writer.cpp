#include "markup/text_writer.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <cmark-gfm.h>

#include "markup/url_policy.hpp"

namespace sala::markup {
namespace {

std::string_view without_trailing_newlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Autolinks ("https://x", "www.x", "a@b.c") already show their target; adding
// it again in parentheses would only be noise.
bool text_shows_target(std::string_view text, std::string_view target) {
  if (text == target) return true;
  for (std::string_view prefix : {std::string_view("mailto:"), std::string_view("http://")}) {
    if (target.size() == prefix.size() + text.size() && target.starts_with(prefix) &&
        target.ends_with(text)) {
      return true;
    }
  }
  return false;
}

class TextWriter {
 public:
  TextWriter(const CmarkDocument& document, bool with_link_targets)
      : link_budget_(with_link_targets ? link_target_budget(document.source_bytes) : 0) {}

  void enter(cmark_node* node);
  void exit(cmark_node* node);
  std::string take() { return std::move(out_); }

 private:
  struct OpenList {
    bool is_ordered = false;
    bool is_tight = false;
    long next_number = 1;
  };
  struct OpenLink {
    cmark_node* node = nullptr;
    std::size_t text_start = 0;
  };

  void start_block();
  void open_link(cmark_node* node);
  void close_link(cmark_node* node);

  std::size_t link_budget_;  // bytes of link targets still allowed
  std::string out_;
  // Markers of list items whose first block has not started yet; "- 1. " for
  // an item that opens with a nested list.
  std::string pending_markers_;
  bool needs_blank_line_ = false;
  // Heap stacks rather than recursion: both grow with input nesting.
  std::vector<OpenList> lists_;
  std::vector<OpenLink> links_;
};

void TextWriter::start_block() {
  if (!out_.empty()) {
    bool is_tight = !lists_.empty() && lists_.back().is_tight;
    out_ += (needs_blank_line_ || !is_tight) ? "\n\n" : "\n";
  }
  needs_blank_line_ = false;
  out_ += pending_markers_;
  pending_markers_.clear();
}

void TextWriter::enter(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING: start_block(); break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
      start_block();
      out_ += without_trailing_newlines(literal_of(node));
      break;
    case CMARK_NODE_LIST:
      // A list sets itself off from surrounding paragraphs, but a nested list
      // stays attached to its item.
      if (lists_.empty()) needs_blank_line_ = true;
      lists_.push_back({cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                        cmark_node_get_list_tight(node) != 0,
                        static_cast<long>(cmark_node_get_list_start(node))});
      break;
    case CMARK_NODE_ITEM:
      if (!lists_.empty()) {
        OpenList& list = lists_.back();
        pending_markers_ += list.is_ordered ? std::to_string(list.next_number++) + ". " : "- ";
      }
      break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE: out_ += literal_of(node); break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK: out_ += '\n'; break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: open_link(node); break;
    default: break;
  }
}

void TextWriter::exit(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_LIST:
      if (!lists_.empty()) lists_.pop_back();
      if (lists_.empty()) needs_blank_line_ = true;
      break;
    case CMARK_NODE_ITEM:
      // An empty item shows nothing rather than a stray marker on the next block.
      pending_markers_.clear();
      break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: close_link(node); break;
    default: break;
  }
}

void TextWriter::open_link(cmark_node* node) { links_.push_back({node, out_.size()}); }

// Mirrors the HTML: a target that would not be linked there is not shown here.
void TextWriter::close_link(cmark_node* node) {
  if (links_.empty() || links_.back().node != node) return;
  std::size_t text_start = links_.back().text_start;
  links_.pop_back();
  std::optional<std::string> target = allowed_link_target(url_of(node));
  if (!target || target->size() > link_budget_) return;
  link_budget_ -= target->size();
  std::string_view text = std::string_view(out_).substr(text_start);
  if (text.empty()) {
    out_ += *target;
  } else if (!text_shows_target(text, *target)) {
    out_ += " (";
    out_ += *target;
    out_ += ')';
  }
}

}  // namespace

Result<std::string> write_text(const CmarkDocument& document, bool with_link_targets) {
  CmarkIterPtr iter(cmark_iter_new(document.root.get()));
  if (!iter) return Error::internal("cmark_iter_new returned null");
  TextWriter writer(document, with_link_targets);
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
