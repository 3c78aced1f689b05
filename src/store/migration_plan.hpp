#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sala::store {

// One numbered schema change of a backend, compiled into the binary.
struct Migration {
  std::int64_t version;
  std::string_view sql;
};

// The migrations a database that recorded `applied` still needs, in version
// order. Every missing one, not only those above the highest applied: work
// developed side by side can land with a lower number after a higher one.
// A recorded version this binary does not know means a newer Sala wrote the
// database: Errc::unavailable "database_too_new".
[[nodiscard]] Result<std::vector<Migration>> missing_migrations(const std::vector<Migration>& all,
                                                                const std::set<std::int64_t>& applied);

}  // namespace sala::store
