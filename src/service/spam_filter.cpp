#include "service/spam_filter.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/text.hpp"

namespace sala::service {
namespace {

constexpr std::string_view kHref = "href=\"";

}  // namespace

int link_count(const std::string& html) {
  int n = 0;
  for (std::size_t at = html.find(kHref); at != std::string::npos; at = html.find(kHref, at + 1)) ++n;
  return n;
}

std::vector<std::string> spam_tokens(const std::string& markdown, const std::string& html) {
  std::set<std::string> tokens;
  for (std::string& word : text::comparable_words(markdown)) tokens.insert(std::move(word));
  for (std::size_t at = html.find(kHref); at != std::string::npos; at = html.find(kHref, at + 1)) {
    const std::size_t start = at + kHref.size();
    const std::size_t scheme = html.find("://", start);
    const std::size_t quote = html.find('"', start);
    if (scheme == std::string::npos || quote == std::string::npos || scheme > quote) continue;
    const std::size_t host_start = scheme + 3;
    const std::size_t host_end = std::min(html.find_first_of("/\"?#:", host_start), quote);
    tokens.insert("link:" + text::lower_ascii(html.substr(host_start, host_end - host_start)));
  }
  return {tokens.begin(), tokens.end()};
}

std::optional<double> spam_probability(const SpamEvidence& e, const SpamSignals& signals) {
  if (e.spam_comments < kSpamMinExamples || e.ham_comments < kSpamMinExamples) return std::nullopt;
  const auto spam_n = static_cast<double>(e.spam_comments);
  const auto ham_n = static_cast<double>(e.ham_comments);
  double log_odds = std::log((spam_n + 1) / (ham_n + 1));
  // Only tokens the filter has seen speak: an unknown word says nothing.
  for (const auto& [token, counts] : e.tokens) {
    const double in_spam = (static_cast<double>(counts.first) + 1) / (spam_n + 2);
    const double in_ham = (static_cast<double>(counts.second) + 1) / (ham_n + 2);
    log_odds += std::log(in_spam / in_ham);
  }
  // Signals the filter cannot learn from words alone.
  log_odds += 0.7 * std::max(0, signals.links - 1);
  if (signals.is_new_author) log_odds += 0.5;
  return 1.0 / (1.0 + std::exp(-log_odds));
}

}  // namespace sala::service
