#include "markup/url_policy.hpp"

#include <array>

namespace sala::markup {
namespace {

constexpr std::array<std::string_view, 3> kAllowedSchemes = {"http", "https", "mailto"};

// Lets a short comment reuse a long reference a few hundred times.
constexpr std::size_t kMinLinkTargetBudget = 64 * 1024;

bool is_c0_or_space(char c) { return static_cast<unsigned char>(c) <= 0x20; }

bool is_tab_or_newline(char c) { return c == '\t' || c == '\n' || c == '\r'; }

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_scheme_char(char c) {
  return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

bool is_slash(char c) { return c == '/' || c == '\\'; }

// Never locale-dependent: a scheme is ASCII by definition, and a non-ASCII
// character simply ends it.
bool equals_ascii_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

std::string browser_view(std::string_view url) {
  std::size_t begin = 0;
  std::size_t end = url.size();
  while (begin < end && is_c0_or_space(url[begin])) ++begin;
  while (end > begin && is_c0_or_space(url[end - 1])) --end;
  std::string cleaned;
  cleaned.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    if (!is_tab_or_newline(url[i])) cleaned.push_back(url[i]);
  }
  return cleaned;
}

// The scheme as the URL parser's "scheme state" sees it; empty when the
// reference has none, in which case browsers resolve it against the page.
std::string_view scheme_of(std::string_view url) {
  if (url.empty() || !is_ascii_alpha(url.front())) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    if (url[i] == ':') return url.substr(0, i);
    if (!is_scheme_char(url[i])) return {};
  }
  return {};
}

}  // namespace

std::optional<std::string> allowed_link_target(std::string_view url) {
  std::string cleaned = browser_view(url);
  if (cleaned.empty()) return std::nullopt;
  std::string_view scheme = scheme_of(cleaned);
  if (scheme.empty()) {
    // Pages are served over http(s), where browsers treat '\' as '/'.
    if (cleaned.size() >= 2 && is_slash(cleaned[0]) && is_slash(cleaned[1])) return std::nullopt;
    return cleaned;
  }
  for (std::string_view allowed : kAllowedSchemes) {
    if (equals_ascii_ci(scheme, allowed)) return cleaned;
  }
  return std::nullopt;
}

std::size_t link_target_budget(std::size_t source_bytes) {
  return 2 * source_bytes + kMinLinkTargetBudget;
}

}  // namespace sala::markup
