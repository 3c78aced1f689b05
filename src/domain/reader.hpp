#pragma once

#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// A reader whose identity someone vouches for: the publisher, through a token
// signed with the site's key (SSO), or this server, after an email sign-in.
struct VerifiedReader {
  SiteId site;
  // Stable and unique within the site: "sso:" + the publisher's user id, or
  // "email:" + a keyed hash of the address (never the address itself).
  std::string account;
  std::string name;   // shown as the author's name; reserved against lookalikes
  std::string badge;  // shown beside the name; may be empty
  Timestamp expires;
};

}  // namespace sala
