#include "service/site_service.hpp"

#include <algorithm>

#include <boost/url/parse.hpp>

#include "service/post_validation.hpp"

namespace sala::service {

Result<SiteId> parse_site_id(std::string_view raw) {
  const bool ok = !raw.empty() && raw.size() <= 64 &&
                  std::all_of(raw.begin(), raw.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                  });
  if (!ok) {
    return Error::invalid("invalid_site",
                          "a site id is 1 to 64 characters: a-z, 0-9, '-' and '_'");
  }
  return SiteId{std::string(raw)};
}

Result<std::string> parse_origin(std::string_view raw) {
  auto parsed = boost::urls::parse_absolute_uri(raw);
  // Anything beyond the origin (a path, a query, user info) means a typo or a trick.
  const bool is_bare = parsed && parsed->has_authority() && !parsed->has_userinfo() &&
                       !parsed->has_query() && !parsed->has_fragment() &&
                       (parsed->encoded_path().empty() || parsed->encoded_path() == "/");
  auto origin = is_bare ? origin_of(raw) : std::nullopt;
  if (!origin) {
    return Error::invalid("invalid_origin", "'" + std::string(raw) +
                                                "' is not an origin like https://news.example");
  }
  return *origin;
}

Result<Site> SiteService::validate(const SiteSpec& spec) const {
  auto id = parse_site_id(spec.id);
  if (!id) return id.error();
  Site site{*id, {}, spec.premoderate, clock_.now()};
  for (const auto& raw : spec.origins) {
    auto origin = parse_origin(raw);
    if (!origin) return origin.error();
    if (std::find(site.origins.begin(), site.origins.end(), *origin) == site.origins.end()) {
      site.origins.push_back(*origin);
    }
  }
  return site;
}

Result<Site> SiteService::add(const SiteSpec& spec) {
  auto site = validate(spec);
  if (!site) return site.error();
  auto added = store_.sites().add(*site);
  if (!added) return added.error();
  return site;
}

Result<Site> SiteService::put(const SiteSpec& spec) {
  auto site = validate(spec);
  if (!site) return site.error();
  auto stored = store_.sites().put(*site);
  if (!stored) return stored.error();
  return site;
}

}  // namespace sala::service
