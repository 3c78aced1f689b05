#pragma once

#include <chrono>
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
  // The token's own id, for signing out of it: server-signed tokens only.
  std::string token_id;
};

// A sign-in link mailed to a reader, waiting to be opened. Only digests of
// its code and of the browser's binding are kept, and no address: the
// account is a keyed hash of it.
struct ReaderSignin {
  std::string digest;   // of the code in the link
  SiteId site;
  std::string account;  // "email:" + hex keyed hash of the address
  std::string name;     // the name the reader chose, checked when asked for
  std::string binding;  // digest of the secret the asking browser keeps
  Timestamp created;
  Timestamp expires;
};

// What the mail with a sign-in link says.
struct SigninMail {
  SiteId site;
  std::string name;
  std::string link;  // the page, with the code in its fragment
  std::chrono::minutes lifetime;
};

}  // namespace sala
