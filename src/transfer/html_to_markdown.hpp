#pragma once

#include <string>
#include <string_view>

namespace sala::transfer {

struct HtmlOptions {
  // WordPress stores comments with bare line breaks and shows them through
  // wpautop: a blank line starts a paragraph, a single newline breaks the
  // line. Disqus stores real HTML, where a newline is only a space.
  bool newlines_are_breaks = false;
};

// Turns the HTML of an imported comment into Markdown that shows the same
// text with the formatting Sala keeps: paragraphs, line breaks, emphasis,
// strike-through, code, preformatted blocks, quotes, lists and http(s) or
// mailto links (images become links to the image). Every other tag is
// dropped with its text kept; script, style and similar elements are
// dropped with their content. Text is escaped so that nothing in it is read
// as Markdown or HTML: raw HTML never survives, not even as markup for the
// renderer to refuse. Entities are decoded. Tolerant of any input (unclosed
// and stray tags, bad entities); never recurses, so nesting cannot exhaust
// the stack. Pure and thread-safe.
std::string html_to_markdown(std::string_view html, const HtmlOptions& options = {});

}  // namespace sala::transfer
