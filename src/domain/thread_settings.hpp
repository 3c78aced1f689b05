#pragma once

#include <cstdint>
#include <optional>

#include "domain/site.hpp"

namespace sala {

// A thread's own moderation settings. Each one left unset follows the site's,
// so a change of the site's settings still reaches every thread that did not
// choose otherwise.
struct ThreadSettings {
  std::optional<bool> premoderate{};
  std::optional<bool> premoderate_links{};
  std::optional<bool> premoderate_first{};
  std::optional<std::int64_t> slow_mode_seconds{};
  bool operator==(const ThreadSettings&) const = default;
};

// The site's settings with the thread's choices put over them: what a new
// comment in that thread is held to.
Site with_thread_settings(Site site, const ThreadSettings& thread);

}  // namespace sala
