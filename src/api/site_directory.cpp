#include "api/site_directory.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace sala::api {

std::shared_ptr<const std::vector<Site>> SiteDirectory::sites() {
  const Timestamp now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    if (sites_ && now - loaded_at_ < refresh_) return sites_;
  }
  auto loaded = store_.sites().list();
  std::lock_guard lock(mutex_);
  if (loaded) {
    sites_ = std::make_shared<const std::vector<Site>>(std::move(*loaded));
    loaded_at_ = now;
  } else {
    // Keep serving the last known list; the store will be asked again next time.
    spdlog::warn("could not reload sites: {}", loaded.error().detail);
    if (!sites_) sites_ = std::make_shared<const std::vector<Site>>();
  }
  return sites_;
}

void SiteDirectory::refresh() {
  std::lock_guard lock(mutex_);
  sites_.reset();
}

bool SiteDirectory::allows(std::string_view origin, const std::optional<std::string>& site) {
  auto all = sites();
  return std::any_of(all->begin(), all->end(), [&](const Site& s) {
    if (site && s.id.value != *site) return false;
    return std::find(s.origins.begin(), s.origins.end(), origin) != s.origins.end();
  });
}

bool SiteDirectory::has(std::string_view site) {
  auto all = sites();
  return std::any_of(all->begin(), all->end(), [&](const Site& s) { return s.id.value == site; });
}

}  // namespace sala::api
