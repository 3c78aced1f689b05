#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace sala::markup {

// Bumped whenever the rendered HTML for the same input may change, so stored
// HTML can be re-rendered.
inline constexpr int kRendererVersion = 1;

// Renders a comment body to sanitized HTML. Only p, br, em, strong, del, code,
// pre, blockquote, ul, ol, li, hr and a are emitted; raw HTML in the input is
// shown as escaped text, images become links to the image URL, and links are
// kept only for http, https, mailto and relative targets (always with
// rel="nofollow ugc noopener noreferrer").
// Requires: `markdown` is valid UTF-8 in NFC. Inputs over 16 MiB fail with
// Errc::too_large; a failure inside cmark-gfm is Errc::internal.
// Thread-safe. Global state: the one-time cmark-gfm extension registration,
// and one mutex held only while cmark parses, because cmark-gfm 0.29 mutates a
// process-wide table during every parse. Does not block on I/O.
[[nodiscard]] Result<std::string> render_html(std::string_view markdown);

// The text of a comment without markup (for notifications, spam checks,
// feeds): paragraphs separated by blank lines, link targets after their text in
// parentheses. The result is plain text, not HTML: callers escape it for the
// context they put it in.
// Same preconditions, errors and thread-safety as render_html.
[[nodiscard]] Result<std::string> render_plain_text(std::string_view markdown);

// As render_plain_text, but no link or image target is added: notification
// mails carry no link a commenter wrote. Text the author typed stays text.
[[nodiscard]] Result<std::string> render_text_without_links(std::string_view markdown);

}  // namespace sala::markup
