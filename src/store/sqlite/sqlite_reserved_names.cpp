// Verified readers' names, reserved against lookalikes.
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<void> SqliteModerationRepo::reserve_name(const SiteId& site, const std::string& account,
                                                const std::string& skeleton, Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO reserved_names (site, account, skeleton, last_used) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (site, account) DO UPDATE SET skeleton = ?3, last_used = ?4");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, account).bind(3, skeleton).bind(4, now.ms);
    return (*st)->run();
  });
}

Result<bool> SqliteModerationRepo::is_name_reserved(const SiteId& site, const std::string& skeleton,
                                                    const std::string& except_account) {
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare(
        "SELECT 1 FROM reserved_names WHERE site = ? AND skeleton = ? AND account != ? LIMIT 1");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, skeleton).bind(3, except_account);
    auto row = (*st)->step();
    if (!row) return row.error();
    return *row;
  });
}

}  // namespace sala::sqlite
