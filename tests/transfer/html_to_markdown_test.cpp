// Comment HTML from WordPress and Disqus becomes Markdown that renders to the
// same text with Sala's allow-listed formatting, and nothing else.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "markup/markdown.hpp"
#include "markup/tag_scanner.hpp"
#include "transfer/html_to_markdown.hpp"

namespace sala::transfer {
namespace {

std::string render(const std::string& markdown) {
  auto html = markup::render_html(markdown);
  EXPECT_TRUE(html) << markdown;
  return html ? *html : std::string();
}

struct Case {
  const char* html;
  const char* markdown;
};

TEST(HtmlToMarkdownTest, KeepsTheFormattingSalaShows) {
  const Case cases[] = {
      {"plain", "plain"},
      {"<p>one</p><p>two</p>", "one\n\ntwo"},
      {"a<br>b<br />c", "a\\\nb\\\nc"},
      {"<b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em>", "**bold** **strong** *it* *em*"},
      {"<del>gone</del> <s>x</s>", "~~gone~~ ~~x~~"},
      {"<b> spaced </b>end", "**spaced** end"},
      {"<code>a*b</code>", "`a*b`"},
      {"<code>a`b</code>", "``a`b``"},
      {"<a href=\"https://example.org/a b\">site</a>", "[site](https://example.org/a%20b)"},
      {"<a href=\"https://example.org/(x)\"></a>", "[https://example.org/%28x%29](https://example.org/%28x%29)"},
      {"<a href=\"javascript:alert(1)\">click</a>", "click"},
      {"<a href=\"/relative\">rel</a>", "rel"},
      {"<img src=\"https://example.org/i.png\" alt=\"cat\">", "[cat](https://example.org/i.png)"},
      {"<img src=\"data:image/png;base64,xx\" alt=\"cat\">", "cat"},
      {"<blockquote>quoted<p>again</p></blockquote>after", "> quoted\n>\n> again\n\nafter"},
      {"<ul><li>a</li><li>b</li></ul>", "- a\n\n- b"},
      {"<ol><li>a</li><li>b</li></ol>", "1. a\n\n2. b"},
      {"<pre>x = 1;\n  y &lt; 2;</pre>", "```\nx = 1;\n  y < 2;\n```"},
      {"<script>alert(1)</script>safe", "safe"},
      {"<style>p{}</style><!-- note -->text", "text"},
      {"&lt;script&gt; &amp;amp; &#8220;q&#8221; &hellip; &bogus;", "\\<script\\> \\&amp; \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\xA6 \\&bogus;"},
      {"*not* _em_ [x] `c` ~s~ |t|", "\\*not\\* \\_em\\_ \\[x\\] \\`c\\` \\~s\\~ \\|t\\|"},
      {"# not a heading", "\\# not a heading"},
      {"1. not a list", "1\\. not a list"},
      {"- not a list", "\\- not a list"},
      {"<b>unclosed", "**unclosed**"},
      {"</b>stray <notatag> 3 < 4", "stray 3 \\< 4"},
      {"x <p onclick=\"evil()\">y</p>", "x\n\ny"},
  };
  for (const auto& c : cases) EXPECT_EQ(html_to_markdown(c.html), c.markdown) << c.html;
}

TEST(HtmlToMarkdownTest, WordPressLineBreaksFollowWpautop) {
  const HtmlOptions wp{.newlines_are_breaks = true};
  EXPECT_EQ(html_to_markdown("line one\nline two\n\nnew paragraph", wp), "line one\\\nline two\n\nnew paragraph");
  EXPECT_EQ(html_to_markdown("\n   Erster!1", wp), "Erster!1");
  EXPECT_EQ(html_to_markdown("a\r\n\r\nb", wp), "a\n\nb");
  // The same text from Disqus is one paragraph: its newlines are only spaces.
  EXPECT_EQ(html_to_markdown("line one\nline two\n\nmore"), "line one line two more");
  // A line that starts like Markdown after a break stays text.
  EXPECT_EQ(html_to_markdown("intro\n# tag\n- dash\n=====", wp), "intro\\\n\\# tag\\\n\\- dash\\\n\\=====");
}

TEST(HtmlToMarkdownTest, RendersToTheSameTextWithoutMarkupFromTheText) {
  const std::string html = render(html_to_markdown("*x* # y <b>[z]</b> a_b_c &lt;em&gt;"));
  EXPECT_EQ(html, "<p>*x* # y <strong>[z]</strong> a_b_c &lt;em&gt;</p>\n");
}

TEST(HtmlToMarkdownTest, HostileHtmlLeavesOnlyAllowListedMarkup) {
  const char* hostile[] = {
      "<img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
      "<a href=\"  javascript:alert(1)\">x</a>",
      "<a href=\"https://ok.example/\" onclick=\"alert(1)\">x</a>",
      "<iframe src=\"https://evil.example/\"></iframe>",
      "<svg><script>alert(1)</script></svg>",
      "<scr<script>ipt>alert(1)</script>",
      "<a href=\"https://a.example/\"><a href=\"https://b.example/\">nested</a></a>",
      "<a href='https://a.example/\"onmouseover=\"alert(1)'>q</a>",
      "<a href=https://a.example/>x</a><style>*{}</style>",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "&#60;script&#62;alert(1)&#60;/script&#62;",
      "<<script>>",
      "<pre><script>alert(1)</script></pre>",
      "<code><img src=x onerror=alert(1)></code>",
  };
  for (const char* h : hostile) {
    const std::string out = render(html_to_markdown(h));
    EXPECT_TRUE(markup::testing::allow_list_violations(out).empty()) << h << " -> " << out;
    for (const auto& href : markup::testing::hrefs_of(out)) {
      EXPECT_TRUE(href.starts_with("https://") || href.starts_with("http://")) << h << " -> " << href;
    }
  }
}

TEST(HtmlToMarkdownTest, RandomTagSoupNeverBreaksTheAllowList) {
  const char* pieces[] = {"<b>", "</b>", "<i>", "</i>", "<a href=\"https://x.example/\">", "</a>",
                          "<a href=\"javascript:1\">", "<code>", "</code>", "<pre>", "</pre>", "<p>", "</p>",
                          "<br>", "<blockquote>", "</blockquote>", "<ul>", "<ol>", "<li>", "</li>", "</ul>",
                          "<img src=\"https://x.example/i\" alt=\"*\">", "<script>", "</script>", "<del>",
                          "</del>", "text", " ", "\n", "\n\n", "*", "_", "`", "[", "]", "(", ")", "#", "-",
                          "1.", ">", "<", "&amp;", "&#x0;", "&lt;b&gt;", "\\", "|", "~", "!", "http://y.example"};
  std::mt19937 random(20261129);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(1, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string html;
    for (int i = length(random); i > 0; --i) html += pieces[pick(random)];
    for (bool wp : {false, true}) {
      const std::string markdown = html_to_markdown(html, {.newlines_are_breaks = wp});
      auto out = markup::render_html(markdown);
      ASSERT_TRUE(out) << html;
      ASSERT_TRUE(markup::testing::allow_list_violations(*out).empty()) << html << "\n-> " << markdown << "\n-> " << *out;
    }
  }
}

TEST(HtmlToMarkdownTest, DeepNestingNeitherRecursesNorExplodes) {
  std::string html;
  for (int i = 0; i < 100'000; ++i) html += "<blockquote><b><ul><li>";
  html += "deep";
  const std::string out = html_to_markdown(html);
  EXPECT_NE(out.find("deep"), std::string::npos);
  EXPECT_LT(out.size(), 1000u);
}

}  // namespace
}  // namespace sala::transfer
