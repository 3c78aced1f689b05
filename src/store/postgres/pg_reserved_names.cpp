// Verified readers' names, reserved against lookalikes.
#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<void> PgModerationRepo::reserve_name(const SiteId& site, const std::string& account,
                                            const std::string& skeleton, Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto rows = c.query(
        "INSERT INTO reserved_names (site, account, skeleton, last_used) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (site, account) DO UPDATE SET skeleton = $3, last_used = $4",
        Params().add(site.value).add(account).add(skeleton).add(now.ms));
    if (!rows) return rows.error();
    return {};
  });
}

Result<bool> PgModerationRepo::is_name_reserved(const SiteId& site, const std::string& skeleton,
                                                const std::string& except_account) {
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("SELECT 1 FROM reserved_names WHERE site = $1 AND skeleton = $2 AND account <> $3 LIMIT 1",
                        Params().add(site.value).add(skeleton).add(except_account));
    if (!rows) return rows.error();
    return !rows->empty();
  });
}

}  // namespace sala::pg
