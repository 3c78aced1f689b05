#include "core/text.hpp"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace sala::text {
namespace {

using std::string_view_literals::operator""sv;

// Test names print as hex so that failures involving control or ill-formed
// bytes stay readable.
std::string hex(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02X ", c);
    out += buf;
  }
  return out;
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

template <class T>
std::string code_of(const Result<T>& r) {
  return r ? std::string("ok") : std::string(r.error().wire_code());
}

struct Accepted {
  std::string input;
  std::string expected;
};

struct Rejected {
  std::string input;
  std::string code;
};

// SECURITY.md 2.5: every ill-formed sequence, and the noncharacters.
const std::vector<std::string> kIllFormed = {
    "\xC0\xAF",              // overlong '/'
    "\xC1\xBF",              // overlong
    "\xE0\x80\xAF",          // overlong '/'
    "\xF0\x80\x80\xAF",      // overlong '/'
    "\xED\xA0\x80",          // high surrogate U+D800
    "\xED\xBF\xBF",          // low surrogate U+DFFF
    "\xF4\x90\x80\x80",      // U+110000
    "\xF5\x80\x80\x80",      // lead byte F5
    "\xF8\x88\x80\x80\x80",  // five-byte form
    "\xFE",
    "\xFF",
    "\xE2\x82",              // truncated euro sign
    "\xC3",                  // truncated at end
    "\x80",                  // lone continuation
    "a\xC3(",                // bad continuation
    "\xE2\x28\xA1",
    "\xEF\xBF\xBF",          // U+FFFF
    "\xEF\xBF\xBE",          // U+FFFE
    "\xEF\xB7\x90",          // U+FDD0
    "\xEF\xB7\xAF",          // U+FDEF
    "\xF0\x9F\xBF\xBF",      // U+1FFFF
    "\xF4\x8F\xBF\xBF",      // U+10FFFF
};

TEST(TextTest, Utf8AcceptsWellFormedEdges) {
  for (std::string_view ok : {""sv, "abc"sv, "\x00"sv, "\x7F"sv, "\xC2\x80"sv, "\xC3\xA9"sv,
                              "\xDF\xBF"sv, "\xE0\xA0\x80"sv, "\xE2\x82\xAC"sv, "\xED\x9F\xBF"sv,
                              "\xEE\x80\x80"sv, "\xEF\xB7\x8F"sv, "\xEF\xB7\xB0"sv,
                              "\xEF\xBF\xBD"sv, "\xF0\x90\x80\x80"sv, "\xF0\x9D\x84\x9E"sv,
                              "\xF4\x8F\xBF\xBD"sv}) {
    EXPECT_TRUE(is_valid_utf8(ok)) << hex(ok);
  }
}

TEST(TextTest, Utf8RejectsIllFormedAndNoncharacters) {
  for (const std::string& bad : kIllFormed) {
    EXPECT_FALSE(is_valid_utf8(bad)) << hex(bad);
    EXPECT_FALSE(is_valid_utf8("ok " + bad + " ok")) << hex(bad);
  }
}

TEST(TextTest, CountsCodePoints) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("\u00E9"), 1u);
  EXPECT_EQ(count_code_points("\U0001D11Ea"), 2u);
  EXPECT_EQ(count_code_points("សុខ ចាន់"), 8u);
}

TEST(TextTest, NameAcceptsRealNamesAndNormalizes) {
  const std::vector<Accepted> cases = {
      {"Alice", "Alice"},
      {"  Alice Smith \t", "Alice Smith"},
      {"\u3000Alice\u00A0", "Alice"},
      {"e\u0301", "\u00E9"},
      {"Zoe\u0308", "Zo\u00EB"},
      {"សុខ ចាន់", "សុខ ចាន់"},
      {"محمد علي", "محمد علي"},
      {"مُحَمَّد", "مُحَمَّد"},
      {"דוד לוי", "דוד לוי"},
      {"王小明", "王小明"},
      {"देवनागरी", "देवनागरी"},
      {"O'Brien", "O'Brien"},
      {"\u0430dmin", "\u0430dmin"},  // homoglyphs are the reserved-name check's job
      {"\"><svg onload=alert(1)>", "\"><svg onload=alert(1)>"},
      {"' onmouseover='alert(1)", "' onmouseover='alert(1)"},
      {"</span><svg/onload=alert('xss')>", "</span><svg/onload=alert('xss')>"},
      {"x" + repeat("\u0301", 8), "x" + repeat("\u0301", 8)},
      {repeat("\u00E9", 64), repeat("\u00E9", 64)},
      {repeat("e\u0301", 64), repeat("\u00E9", 64)},  // counted after NFC
  };
  for (const auto& c : cases) {
    auto r = clean_name(c.input);
    ASSERT_TRUE(r) << c.input << ": " << code_of(r);
    EXPECT_EQ(*r, c.expected) << c.input;
  }
  EXPECT_EQ(*clean_name("e\u0301"), *clean_name("\u00E9"));
}

TEST(TextTest, NameRejectsTricks) {
  std::vector<Rejected> cases = {
      {"", "author_required"},
      {"   ", "author_required"},
      {"\u3000\u00A0", "author_required"},
      {"\u202Enimda", "author_invalid_characters"},
      {"a\u202Ab", "author_invalid_characters"},
      {"\u2066admin\u2069", "author_invalid_characters"},
      {"\u2067x", "author_invalid_characters"},
      {"\u200E\u200F", "author_invalid_characters"},
      {"\u061Cx", "author_invalid_characters"},
      {"ad\u200Bmin", "author_invalid_characters"},
      {"a\u200Cb", "author_invalid_characters"},
      {"a\u200Db", "author_invalid_characters"},
      {"a\u2060b", "author_invalid_characters"},
      {"\uFEFFAlice", "author_invalid_characters"},
      {"admin\U000E0041\U000E0042", "author_invalid_characters"},
      {"a\U000E0000", "author_invalid_characters"},
      {"a\U000E0001", "author_invalid_characters"},
      {"a\U000E007F", "author_invalid_characters"},
      {std::string("a\0b", 3), "author_invalid_characters"},
      {"a\x01" "b", "author_invalid_characters"},
      {"a\nb", "author_invalid_characters"},
      {"a\rb", "author_invalid_characters"},
      {"a\tb", "author_invalid_characters"},
      {"a\x7F" "b", "author_invalid_characters"},
      {"a\u0085b", "author_invalid_characters"},
      {"a\u009Bb", "author_invalid_characters"},
      {"a\u2028b", "author_invalid_characters"},
      {"a\u2029b", "author_invalid_characters"},
      {"x" + repeat("\u0301", 9), "author_invalid_characters"},
      {"Z" + repeat("\u0301\u0316\u0350", 333) + "\u0301", "author_invalid_characters"},
      {repeat("a", 65), "author_too_long"},
      {repeat("\u00E9", 65), "author_too_long"},
      {std::string(200 * 1024, 'x'), "author_too_long"},
  };
  for (const std::string& bad : kIllFormed) cases.push_back({"Al" + bad + "ice", "invalid_utf8"});
  for (const auto& c : cases) {
    auto r = clean_name(c.input);
    EXPECT_EQ(code_of(r), c.code) << hex(c.input);
    if (!r) {
      const Errc expected = c.code == "invalid_utf8" ? Errc::invalid_argument : Errc::unprocessable;
      EXPECT_EQ(r.error().code, expected) << hex(c.input);
    }
  }
}

TEST(TextTest, NameUsesTheFieldName) {
  EXPECT_EQ(code_of(clean_name("", "name")), "name_required");
  auto r = clean_name(repeat("a", 65), "name");
  ASSERT_FALSE(r);
  EXPECT_EQ(std::string(r.error().wire_code()), "name_too_long");
  EXPECT_EQ(r.error().message, "name must be at most 64 characters");
  EXPECT_EQ(code_of(clean_name("\u202Ex", "name")), "name_invalid_characters");
}

TEST(TextTest, LineAllowsEmptyAndTakesALimit) {
  EXPECT_EQ(*clean_line("", "title", 10), "");
  EXPECT_EQ(*clean_line(" \u3000 ", "title", 10), "");
  EXPECT_EQ(*clean_line("  Breaking news ", "title", 20), "Breaking news");
  EXPECT_EQ(*clean_line("Cafe\u0301", "title", 4), "Caf\u00E9");
  EXPECT_EQ(*clean_line("<img onerror=alert(1)>", "title", 100), "<img onerror=alert(1)>");
  EXPECT_EQ(code_of(clean_line(repeat("a", 11), "title", 10)), "title_too_long");
  EXPECT_EQ(code_of(clean_line("a\u202Eb", "title", 10)), "title_invalid_characters");
  EXPECT_EQ(code_of(clean_line("a\nb", "title", 10)), "title_invalid_characters");
  EXPECT_EQ(code_of(clean_line("a\u200Bb", "title", 10)), "title_invalid_characters");
  EXPECT_EQ(code_of(clean_line("a\xED\xA0\x80", "title", 10)), "invalid_utf8");
}

TEST(TextTest, BodyAcceptsAndNormalizes) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
  const std::string england =
      "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F";
  const std::vector<Accepted> cases = {
      {"hello", "hello"},
      {"line1\r\nline2\rline3\n", "line1\nline2\nline3"},
      {"a\r\r\nb", "a\n\nb"},
      {"    indented code\n\n", "    indented code"},
      {"tab\tinside", "tab\tinside"},
      {"trailing \u3000 \t\n", "trailing"},
      {"e\u0301", "\u00E9"},
      {"\u202Ereversed", "\u202Ereversed"},
      {"\u05E9\u05DC\u05D5\u05DD \u2067abc\u2069\u200F \n", "\u05E9\u05DC\u05D5\u05DD \u2067abc\u2069\u200F"},
      {"zero\u200Bwidth\uFEFF", "zero\u200Bwidth\uFEFF"},
      {family, family},
      {"\U0001F3F3\uFE0F\u200D\U0001F308", "\U0001F3F3\uFE0F\u200D\U0001F308"},
      {repeat("\U0001F468\u200D", 300) + "\U0001F468", repeat("\U0001F468\u200D", 300) + "\U0001F468"},
      {"a\U000E0041\U000E007Fb", "ab"},
      {england, "\U0001F3F4"},
      {"x" + repeat("\u0301", 32), "x" + repeat("\u0301", 32)},
      {"<script>alert(1)</script>", "<script>alert(1)</script>"},
      {"[x](javascript:alert(1))", "[x](javascript:alert(1))"},
      {"a\u2028b", "a\u2028b"},
      {repeat("a", 10000), repeat("a", 10000)},
      {repeat("\u20AC", 10000), repeat("\u20AC", 10000)},  // 30,000 bytes
  };
  for (const auto& c : cases) {
    auto r = clean_body(c.input);
    ASSERT_TRUE(r) << hex(c.input.substr(0, 64)) << ": " << code_of(r);
    EXPECT_EQ(*r, c.expected) << hex(c.input.substr(0, 64));
  }
}

TEST(TextTest, BodyRejects) {
  std::vector<Rejected> cases = {
      {"", "body_required"},
      {" \t\r\n\u3000", "body_required"},
      {"\U000E0041\U000E007F", "body_required"},
      {std::string("a\0b", 3), "body_invalid_characters"},
      {"a\x01" "b", "body_invalid_characters"},
      {"\x1B[31mred", "body_invalid_characters"},
      {"a\x08" "b", "body_invalid_characters"},
      {"a\x7F" "b", "body_invalid_characters"},
      {"a\u0085b", "body_invalid_characters"},
      {"a\u009Bb", "body_invalid_characters"},
      {"x" + repeat("\u0301", 33), "body_invalid_characters"},
      {"Z" + repeat("\u0301", 1000), "body_invalid_characters"},
      {repeat("a", 10001), "body_too_long"},
      {repeat("\U0001D11E", 9000), "body_too_long"},  // 36,000 bytes
      {std::string(10 * 1024 * 1024, 'x'), "body_too_long"},
  };
  for (const std::string& bad : kIllFormed) cases.push_back({"text " + bad, "invalid_utf8"});
  for (const auto& c : cases) {
    auto r = clean_body(c.input);
    EXPECT_EQ(code_of(r), c.code) << hex(c.input.substr(0, 64));
  }
}

TEST(TextTest, BodyLimitsApplyAfterNormalization) {
  EXPECT_EQ(code_of(clean_body("abcdef", 5)), "body_too_long");
  EXPECT_EQ(code_of(clean_body("abcde", 5)), "ok");
  EXPECT_EQ(code_of(clean_body("\u00E9\u00E9\u00E9", 100, 5)), "body_too_long");
  // Nine bytes as sent, six after NFC.
  EXPECT_EQ(code_of(clean_body("e\u0301e\u0301e\u0301", 100, 6)), "ok");
  EXPECT_EQ(code_of(clean_body("abc\r\n", 3, 3)), "ok");
}

TEST(TextTest, EmailAcceptsAndLowerCasesTheDomain) {
  const std::string local64 = repeat("l", 64);
  const std::string domain189 = repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 61);
  const std::vector<Accepted> cases = {
      {"a@b.co", "a@b.co"},
      {"  User.Name+tag@Example.COM\t", "User.Name+tag@example.com"},
      {"o'brien@news-site.example", "o'brien@news-site.example"},
      {"x_y-z@sub.domain.example", "x_y-z@sub.domain.example"},
      {"a@xn--mnchen-3ya.de", "a@xn--mnchen-3ya.de"},
      {"a@b2.c3", "a@b2.c3"},
      {local64 + "@b.co", local64 + "@b.co"},
      {local64 + "@" + domain189, local64 + "@" + domain189},
  };
  for (const auto& c : cases) {
    auto r = clean_email(c.input);
    ASSERT_TRUE(r) << c.input;
    EXPECT_EQ(*r, c.expected);
  }
}

TEST(TextTest, EmailRejects) {
  const std::vector<std::string> cases = {
      "",
      "a",
      "@b.co",
      "a@",
      "a@@b.co",
      "a@b@c.co",
      "a@b.c\r\nBcc: x@y.z",
      "a@b.co\r\n",
      "a@b.co\n",
      "\"a\n\"@b.c",
      "\"a\"@b.co",
      "a b@c.de",
      "a@b .de",
      std::string("a\0@b.de", 7),
      "a\x01@b.de",
      "a,b@c.de",
      "<a@b.de>",
      ".a@b.de",
      "a.@b.de",
      "a..b@c.de",
      "a@[127.0.0.1]",
      "a@127.0.0.1",
      "a@localhost",
      "a@-b.de",
      "a@b-.de",
      "a@b..de",
      "a@.b.de",
      "a@b.de.",
      "a@b_c.de",
      "a@m\u00FCnchen.de",
      "\u00FCser@b.de",
      repeat("l", 65) + "@b.co",
      "a@" + repeat("d", 64) + ".co",
      repeat("l", 64) + "@" + repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 62),
      repeat("a", 5000) + "@b.co",
  };
  for (const auto& bad : cases) {
    auto r = clean_email(bad);
    EXPECT_EQ(code_of(r), "email_invalid") << hex(bad.substr(0, 80));
    if (!r) {
      EXPECT_EQ(r.error().code, Errc::unprocessable);
    }
  }
}

TEST(TextTest, UrlAcceptsHttpAndNormalizes) {
  const std::vector<Accepted> cases = {
      {"https://news.example/article?id=1#c", "https://news.example/article?id=1#c"},
      {"http://news.example", "http://news.example"},
      {"HTTPS://News.Example/A/../b", "https://news.example/b"},
      {"  https://a.example/  ", "https://a.example/"},
      {"https://a.example/%7Euser", "https://a.example/~user"},
      {"https://a.example/%0A", "https://a.example/%0A"},
      {"http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"},
      {"https://[::1]/", "https://[::1]/"},
      {"https://a.example/" + repeat("p", 2048 - 18), "https://a.example/" + repeat("p", 2048 - 18)},
  };
  for (const auto& c : cases) {
    auto r = clean_http_url(c.input, "website");
    ASSERT_TRUE(r) << c.input;
    EXPECT_EQ(*r, c.expected);
  }
}

TEST(TextTest, UrlRejects) {
  const std::vector<std::string> cases = {
      "",
      "javascript:alert(localStorage.getItem('t'));//://",
      "javascript://%0Aalert(1)",
      "JaVaScRiPt:alert(1)",
      "//evil.example",
      "data:text/html,<script>alert(1)</script>",
      "https://user:pass@evil.example",
      "https://user@evil.example",
      "https://@evil.example",
      "ftp://a.example/",
      "file:///etc/passwd",
      "https:///path",
      "https://",
      "http:a.example",
      "news.example",
      "/relative",
      "https://news.example\u202E/lmth.live",
      "https://b\u00FCcher.example/",
      "https://a.example/\nx",
      "https://a.example/ x",
      "https://a.example/\tx",
      "https://a.example/\x7F",
      std::string("https://a.example/\0", 19),
      "https://[v1.x]/",
      "https://a.example/" + repeat("p", 2048 - 17),
  };
  for (const auto& bad : cases) {
    auto r = clean_http_url(bad, "website");
    EXPECT_EQ(code_of(r), "website_invalid") << bad.substr(0, 80);
    if (!r) {
      EXPECT_EQ(r.error().code, Errc::unprocessable);
    }
  }
}

}  // namespace
}  // namespace sala::text
