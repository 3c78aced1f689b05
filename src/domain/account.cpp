#include "domain/account.hpp"

#include <algorithm>

namespace sala {

std::string_view to_string(Role role) { return role == Role::admin ? "admin" : "moderator"; }

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::admin;
  if (text == "moderator") return Role::moderator;
  return std::nullopt;
}

bool Account::may_moderate(const SiteId& site) const {
  return role == Role::admin || std::find(sites.begin(), sites.end(), site) != sites.end();
}

}  // namespace sala
