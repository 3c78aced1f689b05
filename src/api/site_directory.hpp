#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "domain/site.hpp"
#include "store/store.hpp"

namespace sala::api {

// The sites and their origins as the HTTP layer needs them on every request
// (CORS, origin checks), kept in memory and re-read from the store every few
// seconds so `sala site add` takes effect on a running server. Thread-safe.
class SiteDirectory {
 public:
  SiteDirectory(store::Store& store, const Clock& clock,
                std::chrono::milliseconds refresh = std::chrono::seconds(5))
      : store_(store), clock_(clock), refresh_(refresh) {}

  // Whether `origin` may embed `site`; with no site, whether it may embed any.
  bool allows(std::string_view origin, const std::optional<std::string>& site = std::nullopt);
  bool has(std::string_view site);
  // Forces the next call to re-read the store.
  void refresh();

 private:
  std::shared_ptr<const std::vector<Site>> sites();

  store::Store& store_;
  const Clock& clock_;
  const std::chrono::milliseconds refresh_;
  std::mutex mutex_;
  std::shared_ptr<const std::vector<Site>> sites_;
  Timestamp loaded_at_;
};

}  // namespace sala::api
