#pragma once

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "domain/site.hpp"

namespace sala::store {

// Sites and their embedding origins.
class SiteRepo {
 public:
  virtual ~SiteRepo() = default;

  // Errc::conflict (code "site_exists") when the id is taken.
  [[nodiscard]] virtual Result<void> add(const Site& site) = 0;
  // Inserts or replaces origins and policy; used to apply a config file.
  [[nodiscard]] virtual Result<void> put(const Site& site) = 0;
  [[nodiscard]] virtual Result<std::optional<Site>> find(const SiteId& id) = 0;
  [[nodiscard]] virtual Result<std::vector<Site>> list() = 0;
};

}  // namespace sala::store
