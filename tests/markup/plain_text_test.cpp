#include "markup/markdown.hpp"

#include <array>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace sala::markup {
namespace {

struct TextCase {
  std::string_view name;
  std::string_view markdown;
  std::string_view text;
};

constexpr std::array kTextCases = {
    TextCase{"Empty", "", ""},
    TextCase{"MarkupRemoved", "Hello *world*, **bold** ~~gone~~ `code`", "Hello world, bold gone code"},
    TextCase{"ParagraphsSeparatedByBlankLine", "one\nstill one\n\ntwo", "one\nstill one\n\ntwo"},
    TextCase{"HardBreak", "a  \nb", "a\nb"},
    TextCase{"HeadingIsAParagraph", "# Head\n\ntext", "Head\n\ntext"},
    TextCase{"QuoteLosesItsMarker", "> quote\n\nreply", "quote\n\nreply"},
    TextCase{"LinkTargetInParentheses", "[the docs](https://example.com/docs)",
             "the docs (https://example.com/docs)"},
    TextCase{"ReferenceLinkTarget", "[x][r]\n\n[r]: /path", "x (/path)"},
    TextCase{"AutolinkNotRepeated", "see https://example.com", "see https://example.com"},
    TextCase{"WwwAutolinkNotRepeated", "www.example.com", "www.example.com"},
    TextCase{"EmailAutolinkNotRepeated", "mail a@example.com", "mail a@example.com"},
    TextCase{"RejectedTargetOmitted", "[x](javascript:alert(1))", "x"},
    TextCase{"ImageAltAndTarget", "![a cat](https://img.example/cat.png)",
             "a cat (https://img.example/cat.png)"},
    TextCase{"ImageWithoutAlt", "![](https://img.example/cat.png)", "https://img.example/cat.png"},
    TextCase{"BulletList", "intro\n\n- a\n- b\n\noutro", "intro\n\n- a\n- b\n\noutro"},
    TextCase{"OrderedListKeepsNumbers", "3. c\n4. d", "3. c\n4. d"},
    TextCase{"NestedList", "- a\n  - b", "- a\n- b"},
    TextCase{"CodeBlockVerbatim", "```\ncode <b>\n```", "code <b>"},
    TextCase{"RawHtmlIsTextNotEscaped", "<script>alert(1)</script>", "<script>alert(1)</script>"},
    TextCase{"EntitiesDecoded", "Tom &amp; Jerry", "Tom & Jerry"},
};

class RenderPlainTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(RenderPlainTextTest, RendersExpectedText) {
  Result<std::string> text = render_plain_text(GetParam().markdown);
  ASSERT_TRUE(text) << text.error().detail;
  EXPECT_EQ(*text, GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(Constructs, RenderPlainTextTest, ::testing::ValuesIn(kTextCases),
                         [](const ::testing::TestParamInfo<TextCase>& case_info) {
                           return std::string(case_info.param.name);
                         });

}  // namespace
}  // namespace sala::markup
