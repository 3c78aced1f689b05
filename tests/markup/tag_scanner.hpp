#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sala::markup::testing {

struct ScannedAttribute {
  std::string name;
  std::string value;  // entity-decoded
};

struct ScannedTag {
  std::string name;
  bool is_closing = false;
  std::vector<ScannedAttribute> attributes;
};

struct TagScan {
  std::vector<ScannedTag> tags;
  // Everything that does not look like the renderer's output: a '<' that does
  // not start a well-formed tag, a raw '>', '"' or '\'' in text, an '&' that
  // is not one of the five entities the renderer writes.
  std::vector<std::string> problems;
};

// A deliberately strict reader for render_html output, independent of the
// renderer's code: tags are "<name attr=\"value\">" or "</name>" in lowercase
// ASCII, with double-quoted attribute values.
TagScan scan_tags(std::string_view html);

// Problems in `html` against the allow-list: p, br, em, strong, del, code, pre,
// blockquote, ul, ol, li, hr, a; href and rel (exactly "nofollow ugc noopener
// noreferrer") on a and required there, class="language-X" only on code,
// start="N" only on ol; tags balanced, br and hr void, no a inside a. Includes
// the syntax problems of scan_tags. Empty means the output is acceptable.
std::vector<std::string> allow_list_violations(std::string_view html);

// The decoded href of every <a>, in order.
std::vector<std::string> hrefs_of(std::string_view html);

}  // namespace sala::markup::testing
