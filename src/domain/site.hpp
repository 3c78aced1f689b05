#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// When a post must carry a solved proof-of-work challenge (service/post_challenge.hpp):
// never, always, or only while its thread receives comments fast.
enum class ChallengeMode { off, always, attack };

inline const char* challenge_mode_name(ChallengeMode mode) {
  switch (mode) {
    case ChallengeMode::always: return "always";
    case ChallengeMode::attack: return "attack";
    case ChallengeMode::off: break;
  }
  return "off";
}

inline std::optional<ChallengeMode> parse_challenge_mode(std::string_view name) {
  if (name == "off") return ChallengeMode::off;
  if (name == "always") return ChallengeMode::always;
  if (name == "attack") return ChallengeMode::attack;
  return std::nullopt;
}

// One publication. `origins` are the exact origins ("https://news.example",
// scheme://host[:port]) allowed to embed it and call the API from a browser.
struct Site {
  SiteId id;
  std::vector<std::string> origins;
  bool premoderate = false;  // every comment waits for a moderator
  Timestamp created;
  // Moderation settings a moderator can change on a running server.
  bool premoderate_links = false;   // comments with a link wait
  bool premoderate_first = false;   // an author's first comment waits (see Comment::author_fingerprint)
  std::int64_t slow_mode_seconds = 0;  // per author and thread; 0 = off
  // How long authors may edit or delete their comments; unset: the server's
  // [comments] edit_window.
  std::optional<std::int64_t> edit_window_seconds{};
  ChallengeMode challenge = ChallengeMode::off;
  // Readers may comment under a name without signing in; off, only verified
  // readers (sign-in by e-mail, the publisher's login) may.
  bool anonymous = true;
};

}  // namespace sala
