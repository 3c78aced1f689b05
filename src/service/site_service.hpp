#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/site.hpp"
#include "store/store.hpp"

namespace sala::service {

// Site ids are short lower-case names: letters, digits, '-' and '_', 1 to 64.
[[nodiscard]] Result<SiteId> parse_site_id(std::string_view raw);

// An embedding origin exactly as browsers send it: scheme://host[:port], no
// path, lower-case. "https://News.Example/" is accepted as "https://news.example".
[[nodiscard]] Result<std::string> parse_origin(std::string_view raw);

struct SiteSpec {
  std::string id;
  std::vector<std::string> origins;
  bool premoderate = false;
};

class SiteService {
 public:
  SiteService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // A new site; Errc::conflict "site_exists" when the id is taken.
  [[nodiscard]] Result<Site> add(const SiteSpec& spec);
  // Creates or updates a site (what a config file's [[sites]] entry does).
  [[nodiscard]] Result<Site> put(const SiteSpec& spec);

 private:
  [[nodiscard]] Result<Site> validate(const SiteSpec& spec) const;

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace sala::service
