#include "markup/markdown.hpp"

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "markup/tag_scanner.hpp"

namespace sala::markup {
namespace {

// Escaping quadruples '<' and sextuples '"', and a short autolink gains an
// href and a rel; nothing legitimate goes past this. Unbounded reference
// expansion would (a 1 KB target reused 9,000 times is 150x).
constexpr std::size_t kMaxGrowth = 16;
constexpr std::size_t kSlack = 4096;

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

struct Vector {
  std::string_view name;
  std::function<std::string()> make;
};

// SECURITY.md 2.17, plus the reference-expansion and cmark-gfm pathological
// shapes. No timing here: the point is that each one renders, stays
// proportionate, and stays well-formed.
const std::vector<Vector>& vectors() {
  static const std::vector<Vector> all = {
      {"Underscores", [] { return repeat("_", 10000) + "." + repeat("_", 10000); }},
      {"QuotesThenEmphasis", [] { return repeat(">", 10000) + repeat("a*", 10000); }},
      {"DashesThenBlankLines", [] { return repeat(" -", 10000) + "x" + repeat("\n", 10000); }},
      {"OrderedContinuations", [] { return "1.\n" + repeat(" 2.\n", 10000); }},
      {"OpenBrackets", [] { return repeat("[", 50000); }},
      {"Stars", [] { return repeat("*", 50000); }},
      {"LessThan", [] { return repeat("<", 50000); }},
      {"ImageOpeners", [] { return repeat("![", 20000); }},
      {"Backticks", [] { return repeat("`", 50000); }},
      {"Backslashes", [] { return repeat("\\", 50000); }},
      {"GreaterThan", [] { return repeat(">", 50000); }},
      {"DoubleQuotes", [] { return repeat("\"", 50000); }},
      {"LongWordThenBang", [] { return repeat("a", 50000) + "!"; }},
      {"EmailDomainDots", [] { return "a@" + repeat("a.", 30000); }},
      {"UrlDomainDots", [] { return "http://" + repeat("a.", 30000); }},
      {"ManyWwwAutolinks", [] { return repeat("www.a.bc ", 7000); }},
      {"ManyEmailAutolinks", [] { return repeat("a@b.cd ", 9000); }},
      {"NestedBrackets", [] { return repeat("[", 20000) + "a" + repeat("]", 20000); }},
      {"NestedImages", [] { return repeat("![", 5000) + "x" + repeat("](https://a.example/b)", 5000); }},
      {"ImageCloseBrackets", [] { return repeat("![[]()", 10000); }},
      {"UnclosedLinkDestinations", [] { return repeat("[a](<b", 10000); }},
      {"NestedEmphasis", [] { return repeat("*a **a ", 4000) + "b" + repeat(" a** a*", 4000); }},
      {"QuotedListMarkers", [] { return repeat("> - ", 10000) + "x"; }},
      {"IndentedListStaircase",
       [] {
         std::string s;
         for (std::size_t i = 0; i < 200; ++i) s += std::string(i, '\t') + "- x\n";
         return s + repeat("\n", 20000);
       }},
      {"NulBytes", [] { return repeat(std::string("ab\0c", 4), 10000); }},
      {"ReferenceExpansion",
       [] { return "[r]: https://a.example/" + repeat("a", 1000) + "\n\n" + repeat("[x][r] ", 9000); }},
      {"EmptyReferenceExpansion",
       [] { return "[r]: https://a.example/" + repeat("a", 1000) + "\n\n" + repeat("[][r] ", 10000); }},
  };
  return all;
}

TEST(PathologicalInputTest, RendersProportionatelyAndWellFormed) {
  for (const Vector& vector : vectors()) {
    SCOPED_TRACE(vector.name);
    std::string markdown = vector.make();
    Result<std::string> html = render_html(markdown);
    ASSERT_TRUE(html) << html.error().detail;
    EXPECT_LE(html->size(), kMaxGrowth * markdown.size() + kSlack);
    EXPECT_EQ(testing::allow_list_violations(*html), std::vector<std::string>());

    Result<std::string> text = render_plain_text(markdown);
    ASSERT_TRUE(text) << text.error().detail;
    EXPECT_LE(text->size(), kMaxGrowth * markdown.size() + kSlack);
  }
}

TEST(PathologicalInputTest, ReferenceExpansionIsCappedNearTheInputSize) {
  std::string markdown =
      "[r]: https://a.example/" + repeat("a", 1000) + "\n\n" + repeat("[x][r] ", 9000);
  Result<std::string> html = render_html(markdown);
  ASSERT_TRUE(html);
  EXPECT_LE(html->size(), 4 * markdown.size());
}

// cmark-gfm keeps per-process parser state; concurrent renders must still all
// produce the single-threaded result.
TEST(ConcurrencyTest, ParallelRendersAgree) {
  const std::array<std::string, 3> bodies = {
      "~~struck~~ and www.example.com and a@example.com",
      "> quote with ~~del~~\n\n1. https://example.com/x\n2. *em*",
      repeat("~~a~~ www.b.example ", 200),
  };
  std::array<std::string, 3> expected;
  for (std::size_t i = 0; i < bodies.size(); ++i) expected[i] = render_html(bodies[i]).value();

  constexpr int kThreads = 4;
  constexpr int kRounds = 100;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        std::size_t i = static_cast<std::size_t>(round + t) % bodies.size();
        Result<std::string> html = render_html(bodies[i]);
        if (!html || *html != expected[i]) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace sala::markup
