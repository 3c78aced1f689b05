#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace sala {

// Strong id types: a CommentId cannot be passed where a ThreadId is expected.
struct CommentId {
  std::int64_t value = 0;
  auto operator<=>(const CommentId&) const = default;
};

struct ThreadId {
  std::int64_t value = 0;
  auto operator<=>(const ThreadId&) const = default;
};

// A moderator's or admin's account.
struct AccountId {
  std::int64_t value = 0;
  auto operator<=>(const AccountId&) const = default;
};

// A site is named by its operator ("demo", "daily-news").
struct SiteId {
  std::string value;
  auto operator<=>(const SiteId&) const = default;
};

}  // namespace sala
