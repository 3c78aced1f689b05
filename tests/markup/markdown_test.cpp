#include "markup/markdown.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "markup/tag_scanner.hpp"

namespace sala::markup {
namespace {

using testing::allow_list_violations;
using testing::hrefs_of;

constexpr std::string_view kRel = R"( rel="nofollow ugc noopener noreferrer")";

std::string html_of(std::string_view markdown) { return render_html(markdown).value(); }

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// What a browser would make of an href's scheme, computed independently of
// the renderer: drop every ASCII control character and space, lowercase.
std::string scheme_view(std::string_view href) {
  std::string kept;
  for (char c : href) {
    if (static_cast<unsigned char>(c) > 0x20) kept += c;
  }
  return lowercase(kept);
}

// ---------------------------------------------------------------------------
// Hostile bodies: SECURITY.md 2.1, and the 2.2 name/website payloads typed
// into a comment body instead.

struct HostileCase {
  std::string_view name;
  std::string_view markdown;
};

constexpr std::array kHostileCases = {
    // 2.1 raw HTML
    HostileCase{"ScriptTag", "<script>alert(1)</script>"},
    HostileCase{"ImgOnerror", "<img src=x onerror=alert(1)>"},
    HostileCase{"SvgOnload", "<svg onload=alert(1)>"},
    HostileCase{"Iframe", "<iframe src=\"https://evil.example/\"></iframe>"},
    HostileCase{"Style", "<style>body{display:none}</style>"},
    HostileCase{"FormInput", "<form action=\"https://evil.example/\"><input name=\"x\"></form>"},
    HostileCase{"ObjectEmbed", "<object data=\"x.swf\"></object><embed src=\"x.swf\">"},
    HostileCase{"InlineScriptInParagraph", "hello <script>alert(1)</script> world"},
    HostileCase{"UppercaseImg", "<IMG SRC=JaVaScRiPt:alert('XSS')>"},
    HostileCase{"SplitScript", "<scr<script>ipt>alert(1)</script>"},
    HostileCase{"AnchorJavascript", "<a href=\"javascript:alert(1)\">x</a>"},
    HostileCase{"AnchorTargetBlank", "<a href=\"https://evil.example\" target=_blank>x</a>"},
    // 2.1 link schemes
    HostileCase{"LinkJavascript", "[x](javascript:alert(1))"},
    HostileCase{"LinkJavascriptMixedCase", "[x](JaVaScRiPt:alert(1))"},
    HostileCase{"LinkVbscript", "[x](vbscript:msgbox(1))"},
    HostileCase{"LinkDataHtml", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"},
    HostileCase{"LinkFile", "[x](file:///etc/passwd)"},
    // 2.1 entity- and whitespace-obfuscated schemes
    HostileCase{"LinkEntityColon", "[x](javascript&#58;alert(1))"},
    HostileCase{"LinkEntityLetter", "[x](&#x6A;avascript:alert(1))"},
    HostileCase{"LinkTabInScheme", "[x](<java\tscript:alert(1)>)"},
    HostileCase{"LinkNewlineEntityInScheme", "[x](java&#10;script:alert(1))"},
    HostileCase{"LinkLeadingControl", "[x](<\x01javascript:alert(1)>)"},
    HostileCase{"LinkLeadingSpace", "[x]( javascript:alert(1))"},
    HostileCase{"LinkLeadingSpaceEntity", "[x](&#32;javascript:alert(1))"},
    HostileCase{"AngleAutolinkJavascript", "<javascript:alert(1)>"},
    HostileCase{"ReferenceJavascript", "[x][r]\n\n[r]: javascript:alert(1)"},
    HostileCase{"ReferenceShortcutJavascript", "[r]\n\n[r]: <JAVASCRIPT:alert(1)>"},
    // 2.1 attribute breakouts
    HostileCase{"TitleDoubleQuoteBreakout",
                "[x](https://a.example \"\\\" onmouseover=\\\"alert(1)\")"},
    HostileCase{"TitleSingleQuoteBreakout", "[x](https://a.example 'x' onmouseover='alert(1)')"},
    HostileCase{"UrlQuoteBreakout", "[x](<https://a.example/\" onmouseover=\"alert(1)>)"},
    // 2.1 images
    HostileCase{"ImageSrcBreakout", "![x](https://a.example/x.png\" onerror=\"alert(1))"},
    HostileCase{"ImageSvgData", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"},
    HostileCase{"ImageJavascript", "![x](javascript:alert(1))"},
    HostileCase{"ImageInLinkJavascript", "[![x](javascript:alert(1))](javascript:alert(2))"},
    // 2.1 code fence info string
    HostileCase{"FenceInfoBreakout", "```\"><img src=x onerror=alert(1)>\ncode\n```"},
    HostileCase{"FenceInfoQuote", "~~~ c\"onmouseover=\"alert(1)\ncode\n~~~"},
    // 2.1 mXSS and namespace confusion
    HostileCase{"SvgStyleImg", "<svg><style><img src=x onerror=alert(1)></style></svg>"},
    HostileCase{"MathMglyph", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"},
    HostileCase{"NoscriptTitle", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"},
    HostileCase{"SelectStyleScript", "<select><option><style><script>alert(1)</script>"},
    // 2.1 Unicode case folding
    HostileCase{"LongSScript", "<\xC5\xBF" "cript>alert(1)</\xC5\xBF" "cript>"},
    HostileCase{"DottedIScript", "<SCR\xC4\xB0PT>alert(1)</SCR\xC4\xB0PT>"},
    HostileCase{"KelvinLink", "<lin\xE2\x84\xAA rel=import href=x>"},
    // 2.1 markdown nesting HTML
    HostileCase{"QuotedAnchor", "> <a href=\"javascript:alert(1)\">*x*</a>"},
    HostileCase{"EmphasisInsideTag", "<a href=\"*\">*x*</a> and <img src=\"*\" onerror=\"*\">"},
    // 2.1 bidi control in a URL
    HostileCase{"BidiOverrideUrl", "https://news.example\xE2\x80\xAE/lmth.live"},
    // 2.2 name payloads typed as a body
    HostileCase{"NameAttributeBreakout", "\"><svg onload=alert(1)>"},
    HostileCase{"NameSingleQuote", "' onmouseover='alert(1)"},
    HostileCase{"NameCloseSpan", "</span><svg/onload=alert('xss')>"},
    // 2.2 website payloads used as link targets
    HostileCase{"WebsiteJavascriptComment", "[me](javascript:alert(localStorage.getItem('t'));//://)"},
    HostileCase{"WebsiteJavascriptNewline", "[me](javascript://%0Aalert(1))"},
    HostileCase{"WebsiteProtocolRelative", "[me](//evil.example)"},
    HostileCase{"WebsiteBackslashRelative", "[me](/\\evil.example)"},
    HostileCase{"WebsiteDataHtml", "[me](data:text/html,<script>alert(1)</script>)"},
    HostileCase{"WebsiteDataAngle", "[me](<data:text/html,<script>alert(1)</script>>)"},
    // 2.2 page metadata typed as a body
    HostileCase{"TitleImgOnerror", "<img onerror=alert(1) src=x>"},
    // Bare text that merely looks dangerous
    HostileCase{"BareJavascriptText", "javascript:alert(1)"},
    HostileCase{"EscapedEntities", "&lt;script&gt;alert(1)&lt;/script&gt;"},
    HostileCase{"AutolinkWithQuote", "www.evil.example/\"onmouseover=\"alert(1)"},
    HostileCase{"EmailAutolinkMarkup", "x\"<b>@evil.example"},
};

class HostileBodyTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileBodyTest, RendersOnlyAllowListedMarkup) {
  Result<std::string> rendered = render_html(GetParam().markdown);
  ASSERT_TRUE(rendered) << rendered.error().detail;
  const std::string& html = *rendered;
  SCOPED_TRACE(html);

  EXPECT_EQ(allow_list_violations(html), std::vector<std::string>());
  std::string lower = lowercase(html);
  for (std::string_view element : {"<script", "<iframe", "<style", "<form", "<input", "<object",
                                   "<embed", "<svg", "<math", "<img"}) {
    EXPECT_EQ(lower.find(element), std::string::npos) << element;
  }
  for (const testing::ScannedTag& tag : testing::scan_tags(html).tags) {
    for (const testing::ScannedAttribute& attribute : tag.attributes) {
      EXPECT_FALSE(lowercase(attribute.name).starts_with("on")) << attribute.name;
      EXPECT_NE(attribute.name, "target");
      EXPECT_NE(attribute.name, "title");
    }
  }
  for (const std::string& href : hrefs_of(html)) {
    std::string scheme = scheme_view(href);
    for (std::string_view banned : {"javascript:", "vbscript:", "data:", "file:", "//", "/\\",
                                    "\\/", "\\\\"}) {
      EXPECT_FALSE(scheme.starts_with(banned)) << href;
    }
  }
  Result<std::string> text = render_plain_text(GetParam().markdown);
  EXPECT_TRUE(text) << text.error().detail;
}

INSTANTIATE_TEST_SUITE_P(SecurityCatalogue, HostileBodyTest, ::testing::ValuesIn(kHostileCases),
                         [](const ::testing::TestParamInfo<HostileCase>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(HostileBodyTest, RawHtmlIsShownAsTextNotDropped) {
  EXPECT_EQ(html_of("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  EXPECT_EQ(html_of("a <b onclick=\"x\">b</b>"),
            "<p>a &lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;</p>\n");
}

TEST(HostileBodyTest, RejectedLinkKeepsItsText) {
  EXPECT_EQ(html_of("[click me](javascript:alert(1))"), "<p>click me</p>\n");
  EXPECT_EQ(html_of("[me](//evil.example)"), "<p>me</p>\n");
  EXPECT_EQ(html_of("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
}

TEST(HostileBodyTest, FenceInfoNeverReachesTheClassAttribute) {
  EXPECT_EQ(html_of("```\"><img src=x onerror=alert(1)>\ncode\n```"),
            "<pre><code>code\n</code></pre>\n");
}

// ---------------------------------------------------------------------------
// What each allowed construct renders to.

// `html` spells the fixed rel attribute of every <a> as "{rel}".
struct RenderCase {
  std::string_view name;
  std::string_view markdown;
  std::string_view html;
};

std::string with_rel(std::string_view html) {
  constexpr std::string_view kPlaceholder = "{rel}";
  std::string expanded;
  std::size_t copied = 0;
  for (std::size_t at = html.find(kPlaceholder); at != std::string_view::npos;
       at = html.find(kPlaceholder, copied)) {
    expanded.append(html.substr(copied, at - copied));
    expanded.append(kRel);
    copied = at + kPlaceholder.size();
  }
  expanded.append(html.substr(copied));
  return expanded;
}

constexpr std::array kRenderCases = {
    RenderCase{"Empty", "", ""},
    RenderCase{"Paragraphs", "one\n\ntwo", "<p>one</p>\n<p>two</p>\n"},
    RenderCase{"SoftBreak", "a\nb", "<p>a\nb</p>\n"},
    RenderCase{"HardBreakSpaces", "a  \nb", "<p>a<br>\nb</p>\n"},
    RenderCase{"HardBreakBackslash", "a\\\nb", "<p>a<br>\nb</p>\n"},
    RenderCase{"Emphasis", "*a* _b_", "<p><em>a</em> <em>b</em></p>\n"},
    RenderCase{"Strong", "**a** __b__", "<p><strong>a</strong> <strong>b</strong></p>\n"},
    RenderCase{"NestedEmphasis", "***a***", "<p><em><strong>a</strong></em></p>\n"},
    RenderCase{"Strikethrough", "~~gone~~", "<p><del>gone</del></p>\n"},
    RenderCase{"SingleTildeIsText", "~5 or ~10 minutes~", "<p>~5 or ~10 minutes~</p>\n"},
    RenderCase{"InlineCode", "`a<b`", "<p><code>a&lt;b</code></p>\n"},
    RenderCase{"EscapedText", "Tom & Jerry's \"show\" <3",
               "<p>Tom &amp; Jerry&#39;s &quot;show&quot; &lt;3</p>\n"},
    RenderCase{"DecodedEntityIsEscapedAgain", "&lt;b&gt; &copy;", "<p>&lt;b&gt; \xC2\xA9</p>\n"},
    RenderCase{"AtxHeading", "# Title", "<p><strong>Title</strong></p>\n"},
    RenderCase{"SetextHeading", "Title\n=====", "<p><strong>Title</strong></p>\n"},
    RenderCase{"ThematicBreak", "a\n\n***\n\nb", "<p>a</p>\n<hr>\n<p>b</p>\n"},
    RenderCase{"Blockquote", "> quoted\n> text", "<blockquote>\n<p>quoted\ntext</p>\n</blockquote>\n"},
    RenderCase{"NestedBlockquote", "> a\n>\n> > b",
               "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n"},
    RenderCase{"BulletList", "- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
    RenderCase{"LooseList", "- a\n\n- b",
               "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"},
    RenderCase{"NestedList", "- a\n  - b\n- c",
               "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ul>\n"},
    RenderCase{"OrderedList", "1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"},
    RenderCase{"OrderedListStart", "3. c\n4. d", "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n"},
    RenderCase{"OrderedListStartZero", "0. z", "<ol start=\"0\">\n<li>z</li>\n</ol>\n"},
    RenderCase{"OrderedInBullet", "- a\n  1. b",
               "<ul>\n<li>a\n<ol>\n<li>b</li>\n</ol>\n</li>\n</ul>\n"},
    RenderCase{"FencedCodeWithLanguage", "```cpp\nint a = 1 < 2;\n```",
               "<pre><code class=\"language-cpp\">int a = 1 &lt; 2;\n</code></pre>\n"},
    RenderCase{"LanguageIsFirstWord", "```c++ {.numbered}\nx\n```",
               "<pre><code class=\"language-c++\">x\n</code></pre>\n"},
    RenderCase{"LanguageWithPunctuationDropped", "```rust,ignore\nx\n```",
               "<pre><code>x\n</code></pre>\n"},
    RenderCase{"LanguageOf32Kept", "```abcdefghijklmnopqrstuvwxyz_-+012\nx\n```",
               "<pre><code class=\"language-abcdefghijklmnopqrstuvwxyz_-+012\">x\n</code></pre>\n"},
    RenderCase{"LanguageOf33Dropped", "```abcdefghijklmnopqrstuvwxyz_-+0123\nx\n```",
               "<pre><code>x\n</code></pre>\n"},
    RenderCase{"FencedCodeWithoutLanguage", "~~~\n<b>\n~~~", "<pre><code>&lt;b&gt;\n</code></pre>\n"},
    RenderCase{"IndentedCode", "    indented", "<pre><code>indented\n</code></pre>\n"},
    RenderCase{"HtmlBlockShownLineByLine", "<div>\nhi\n</div>",
               "<p>&lt;div&gt;<br>\nhi<br>\n&lt;/div&gt;</p>\n"},
    RenderCase{"Link", "[text](https://example.com/a?b=1&c=2 \"a title\")",
               "<p><a href=\"https://example.com/a?b=1&amp;c=2\"{rel}>text</a></p>\n"},
    RenderCase{"LinkWithEmphasis", "[*a*](https://example.com)",
               "<p><a href=\"https://example.com\"{rel}><em>a</em></a></p>\n"},
    RenderCase{"LinkUppercaseScheme", "[x](HTTPS://EXAMPLE.COM)",
               "<p><a href=\"HTTPS://EXAMPLE.COM\"{rel}>x</a></p>\n"},
    RenderCase{"RelativePath", "[x](/path?q=1)", "<p><a href=\"/path?q=1\"{rel}>x</a></p>\n"},
    RenderCase{"RelativeFragment", "[x](#c12)", "<p><a href=\"#c12\"{rel}>x</a></p>\n"},
    RenderCase{"RelativeBarePath", "[x](page.html)", "<p><a href=\"page.html\"{rel}>x</a></p>\n"},
    RenderCase{"Mailto", "[x](mailto:a@example.com)",
               "<p><a href=\"mailto:a@example.com\"{rel}>x</a></p>\n"},
    RenderCase{"ReferenceLink", "[x][r]\n\n[r]: https://example.com",
               "<p><a href=\"https://example.com\"{rel}>x</a></p>\n"},
    RenderCase{"EmptyLinkShowsTarget", "[](https://example.com)",
               "<p><a href=\"https://example.com\"{rel}>https://example.com</a></p>\n"},
    RenderCase{"AngleAutolink", "<https://example.com>",
               "<p><a href=\"https://example.com\"{rel}>https://example.com</a></p>\n"},
    RenderCase{"BareHttpsAutolink", "See https://example.com/x.",
               "<p>See <a href=\"https://example.com/x\"{rel}>https://example.com/x</a>.</p>\n"},
    RenderCase{"WwwAutolink", "www.example.com",
               "<p><a href=\"http://www.example.com\"{rel}>www.example.com</a></p>\n"},
    RenderCase{"EmailAutolink", "mail a@example.com",
               "<p>mail <a href=\"mailto:a@example.com\"{rel}>a@example.com</a></p>\n"},
    RenderCase{"ImageBecomesLink", "![a *cat*](https://img.example/cat.png)",
               "<p><a href=\"https://img.example/cat.png\"{rel}>a <em>cat</em></a></p>\n"},
    RenderCase{"ImageWithoutAltShowsUrl", "![](https://img.example/cat.png)",
               "<p><a href=\"https://img.example/cat.png\"{rel}>https://img.example/cat.png</a></p>\n"},
    RenderCase{"ImageWithBadUrlIsText", "![a cat](javascript:alert(1))", "<p>a cat</p>\n"},
    RenderCase{"ImageInsideLinkDoesNotNest", "[![badge](https://img.example/b.png)](https://example.com)",
               "<p><a href=\"https://example.com\"{rel}>badge</a></p>\n"},
    RenderCase{"TablesAreNotEnabled", "| a |\n|---|\n| 1 |", "<p>| a |\n|---|\n| 1 |</p>\n"},
    RenderCase{"TaskListsAreNotEnabled", "- [ ] task", "<ul>\n<li>[ ] task</li>\n</ul>\n"},
};

class RenderHtmlTest : public ::testing::TestWithParam<RenderCase> {};

TEST_P(RenderHtmlTest, RendersExpectedHtml) {
  std::string html = html_of(GetParam().markdown);
  EXPECT_EQ(html, with_rel(GetParam().html));
  EXPECT_EQ(allow_list_violations(html), std::vector<std::string>()) << html;
}

INSTANTIATE_TEST_SUITE_P(Constructs, RenderHtmlTest, ::testing::ValuesIn(kRenderCases),
                         [](const ::testing::TestParamInfo<RenderCase>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(RenderHtmlTest, EveryLinkCarriesRelAndNothingElse) {
  std::string html = html_of("[a](https://a.example) <https://b.example> www.c.example d@e.example "
                             "![f](https://g.example/f.png)");
  std::size_t anchors = 0;
  for (const testing::ScannedTag& tag : testing::scan_tags(html).tags) {
    if (tag.name != "a" || tag.is_closing) continue;
    ++anchors;
    ASSERT_EQ(tag.attributes.size(), 2u) << html;
    EXPECT_EQ(tag.attributes[0].name, "href");
    EXPECT_EQ(" rel=\"" + tag.attributes[1].value + "\"", kRel);
  }
  EXPECT_EQ(anchors, 5u) << html;
}

TEST(RenderHtmlTest, DeepQuotesAreFlattenedButKeepTheirText) {
  std::string markdown;
  for (int i = 0; i < 40; ++i) markdown += "> ";
  markdown += "deep";
  std::string html = html_of(markdown);
  std::size_t quotes = 0;
  for (std::size_t at = html.find("<blockquote>"); at != std::string::npos;
       at = html.find("<blockquote>", at + 1)) {
    ++quotes;
  }
  EXPECT_EQ(quotes, 32u);
  EXPECT_NE(html.find("deep"), std::string::npos);
  EXPECT_EQ(allow_list_violations(html), std::vector<std::string>());
}

TEST(RenderHtmlTest, DeepIndentedListsAreCappedAndBalanced) {
  std::string markdown;
  for (int i = 0; i < 60; ++i) markdown += std::string(static_cast<std::size_t>(2 * i), ' ') + "- x\n";
  std::string html = html_of(markdown);
  std::size_t lists = 0;
  for (std::size_t at = html.find("<ul>"); at != std::string::npos; at = html.find("<ul>", at + 1)) {
    ++lists;
  }
  EXPECT_LE(lists, 32u);
  EXPECT_EQ(allow_list_violations(html), std::vector<std::string>());
}

TEST(RenderHtmlTest, OutputIsStableAcrossCalls) {
  constexpr std::string_view kBody = "~~a~~ *b* www.example.com\n\n> q\n\n1. x\n2. y";
  EXPECT_EQ(html_of(kBody), html_of(kBody));
}

TEST(RenderHtmlTest, OversizedInputIsAnErrorValue) {
  std::string huge(std::size_t{16} * 1024 * 1024 + 1, 'a');
  Result<std::string> html = render_html(huge);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, Errc::too_large);
  Result<std::string> text = render_plain_text(huge);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, Errc::too_large);
}

}  // namespace
}  // namespace sala::markup
