#include "markup/url_policy.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace sala::markup {
namespace {

struct UrlCase {
  std::string_view name;
  std::string_view url;
  std::optional<std::string_view> target;  // nullopt: rendered as text only
};

constexpr std::array kUrlCases = {
    UrlCase{"Https", "https://example.com/a?b#c", "https://example.com/a?b#c"},
    UrlCase{"Http", "http://example.com", "http://example.com"},
    UrlCase{"Mailto", "mailto:a@example.com", "mailto:a@example.com"},
    UrlCase{"SchemeCaseInsensitive", "HtTpS://example.com", "HtTpS://example.com"},
    UrlCase{"AbsolutePath", "/comments/12", "/comments/12"},
    UrlCase{"Fragment", "#c12", "#c12"},
    UrlCase{"Query", "?page=2", "?page=2"},
    UrlCase{"BarePath", "docs/page.html", "docs/page.html"},
    UrlCase{"ColonAfterSlashIsAPath", "a/b:c", "a/b:c"},
    UrlCase{"NonAsciiBeforeColonIsAPath", "\xE2\x80\x8Bjavascript:alert(1)",
            "\xE2\x80\x8Bjavascript:alert(1)"},
    UrlCase{"LeadingSpaceStripped", "  https://example.com ", "https://example.com"},
    UrlCase{"Empty", "", std::nullopt},
    UrlCase{"OnlyControls", " \t\x01", std::nullopt},
    UrlCase{"Javascript", "javascript:alert(1)", std::nullopt},
    UrlCase{"JavascriptMixedCase", "JaVaScRiPt:alert(1)", std::nullopt},
    UrlCase{"JavascriptTab", "java\tscript:alert(1)", std::nullopt},
    UrlCase{"JavascriptNewlines", "jav\r\nascript:alert(1)", std::nullopt},
    UrlCase{"JavascriptLeadingControl", "\x01javascript:alert(1)", std::nullopt},
    UrlCase{"JavascriptLeadingSpace", " javascript:alert(1)", std::nullopt},
    UrlCase{"JavascriptLeadingNul", std::string_view("\0javascript:alert(1)", 20), std::nullopt},
    UrlCase{"Vbscript", "vbscript:msgbox(1)", std::nullopt},
    UrlCase{"Data", "data:text/html;base64,PHNjcmlwdD4=", std::nullopt},
    UrlCase{"File", "file:///etc/passwd", std::nullopt},
    UrlCase{"Ftp", "ftp://example.com", std::nullopt},
    UrlCase{"HttpLookalikeScheme", "https+evil:x", std::nullopt},
    UrlCase{"ProtocolRelative", "//evil.example", std::nullopt},
    UrlCase{"ProtocolRelativeAfterSpace", " //evil.example", std::nullopt},
    UrlCase{"ProtocolRelativeWithTab", "/\t/evil.example", std::nullopt},
    UrlCase{"SlashBackslash", "/\\evil.example", std::nullopt},
    UrlCase{"BackslashBackslash", "\\\\evil.example", std::nullopt},
};

class UrlPolicyTest : public ::testing::TestWithParam<UrlCase> {};

TEST_P(UrlPolicyTest, AllowsOnlyHttpHttpsMailtoAndRelative) {
  std::optional<std::string> target = allowed_link_target(GetParam().url);
  if (GetParam().target) {
    ASSERT_TRUE(target);
    EXPECT_EQ(*target, *GetParam().target);
  } else {
    EXPECT_FALSE(target) << *target;
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, UrlPolicyTest, ::testing::ValuesIn(kUrlCases),
                         [](const ::testing::TestParamInfo<UrlCase>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(UrlPolicyTest, TargetIsWhatTheBrowserWouldFollow) {
  EXPECT_EQ(allowed_link_target("\x01 http\ts://exa\nmple.com/\r\n"), "https://example.com/");
}

TEST(UrlPolicyTest, LinkBudgetGrowsWithTheBody) {
  EXPECT_LT(link_target_budget(1000), link_target_budget(100000));
  EXPECT_GE(link_target_budget(100000), 2u * 100000u);
}

}  // namespace
}  // namespace sala::markup
