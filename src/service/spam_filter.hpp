#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/moderation.hpp"

namespace sala::service {

// A naive Bayes spam filter per site, trained only by that site's
// moderators: approving teaches "fine", marking spam teaches "spam". No
// third party sees a comment. A high score holds a comment for a moderator;
// it never throws one away.

// Until the filter has seen this many of each, it says nothing.
inline constexpr std::int64_t kSpamMinExamples = 5;
// At or above this probability a comment waits for a moderator.
inline constexpr double kSpamHoldAt = 0.9;

// What the filter looks at: the comment's distinct comparable words and, for
// each link, "link:HOST".
std::vector<std::string> spam_tokens(const std::string& markdown, const std::string& html);

// Counted from the rendered HTML.
int link_count(const std::string& html);

struct SpamSignals {
  int links = 0;
  bool is_new_author = false;
};

// The probability that a comment with these tokens is spam, from the
// evidence and the signals; none while the filter is still learning.
std::optional<double> spam_probability(const SpamEvidence& evidence, const SpamSignals& signals);

}  // namespace sala::service
