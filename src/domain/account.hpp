#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// Admins manage every site, accounts and the audit log; moderators moderate
// the sites they are given.
enum class Role { moderator, admin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct Account {
  AccountId id;
  std::string name;  // the login name, also shown as the staff name
  Role role = Role::moderator;
  std::vector<SiteId> sites;  // for moderators; admins have all
  Timestamp created;
  Timestamp password_changed;
  // Where alerts about comments waiting for moderation go, for every site the
  // account moderates; empty: none. Shown to nobody, not even in the dashboard.
  std::string alert_email;

  bool may_moderate(const SiteId& site) const;
};

struct NewAccount {
  std::string name;
  Role role = Role::moderator;
  std::vector<SiteId> sites;
  std::string password_hash;  // Argon2id, in libsodium's string form
  Timestamp created;
  std::string alert_email;  // empty: none
};

// A signed-in staff session. Only the digest of its bearer token is stored.
struct Session {
  std::string token_digest;
  AccountId account;
  std::string csrf_token;  // sent back by the dashboard on every change
  Timestamp created;
  Timestamp expires;
};

}  // namespace sala
