#include "store/migration_plan.hpp"

#include <string>

namespace sala::store {

Result<std::vector<Migration>> missing_migrations(const std::vector<Migration>& all,
                                                  const std::set<std::int64_t>& applied) {
  std::set<std::int64_t> known;
  for (const auto& m : all) known.insert(m.version);
  for (std::int64_t version : applied) {
    if (!known.contains(version)) {
      return Error{Errc::unavailable, "the database was written by a newer version of Sala",
                   "schema version " + std::to_string(version) + " is unknown to this binary, which knows up to " +
                       std::to_string(known.empty() ? 0 : *known.rbegin()),
                   "database_too_new"};
    }
  }
  std::vector<Migration> out;
  for (const auto& m : all) {
    if (!applied.contains(m.version)) out.push_back(m);
  }
  return out;
}

}  // namespace sala::store
