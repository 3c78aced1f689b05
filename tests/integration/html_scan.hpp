#pragma once

// A deliberately small reader of rendered comment HTML that looks for
// active content the way a browser would find it: elements that run or
// embed things, event-handler attributes, and URLs whose scheme (after
// entity decoding and the whitespace browsers ignore) is not http, https or
// mailto. It is an oracle for tests, not a sanitizer.

#include <string>
#include <string_view>

namespace sala::test {

// Empty when `html` is inert; otherwise what was found, for the failure message.
std::string find_active_content(std::string_view html);

// The markup of `html` with its text left out: every tag, comment and
// attribute, concatenated. Escaped text ("&lt;img onerror=...&gt;") is what
// a reader is meant to see, so searches for active content look only here.
std::string markup_only(std::string_view html);

}  // namespace sala::test
