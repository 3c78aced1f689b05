#include "store/text_lines.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {
using store::join_lines;
using store::split_lines;

namespace {

#define SALA_SITE_COLUMNS \
  "id, origins, premoderate, created, premoderate_links, premoderate_first, slow_mode_seconds, " \
  "edit_window_seconds, challenge, anonymous"

Site read_site(const Rows& r, int i) {
  Site site{SiteId{r.text(i, 0)}, split_lines(r.text(i, 1)), r.boolean(i, 2), Timestamp{r.int64(i, 3)}};
  site.premoderate_links = r.boolean(i, 4);
  site.premoderate_first = r.boolean(i, 5);
  site.slow_mode_seconds = r.int64(i, 6);
  site.edit_window_seconds = r.optional_int64(i, 7);
  // The column's CHECK allows nothing else.
  site.challenge = parse_challenge_mode(r.text(i, 8)).value_or(ChallengeMode::off);
  site.anonymous = r.boolean(i, 9);
  return site;
}

Params site_params(const Site& site) {
  return std::move(Params()
                       .add(site.id.value)
                       .add(join_lines(site.origins))
                       .add(site.premoderate)
                       .add(site.created.ms));
}

}  // namespace

Result<void> PgSiteRepo::add(const Site& site) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    // DO NOTHING instead of catching the violation: a failed statement would
    // abort the whole transaction in PostgreSQL, not just itself.
    auto rows = c.query(
        "INSERT INTO sites (id, origins, premoderate, created) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (id) DO NOTHING",
        site_params(site));
    if (!rows) return rows.error();
    if (rows->affected() == 0) {
      return Error::conflict("site_exists", "a site with id '" + site.id.value + "' already exists");
    }
    return {};
  });
}

Result<void> PgSiteRepo::put(const Site& site) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "INSERT INTO sites (id, origins, premoderate, created) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (id) DO UPDATE SET origins = excluded.origins, "
               "premoderate = excluded.premoderate",
               site_params(site));
  });
}

Result<std::optional<Site>> PgSiteRepo::find(const SiteId& id) {
  return read<std::optional<Site>>(access_, [&](Connection& c) -> Result<std::optional<Site>> {
    auto rows = c.query("SELECT " SALA_SITE_COLUMNS " FROM sites WHERE id = $1",
                        Params().add(id.value));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Site>{};
    return std::optional<Site>{read_site(*rows, 0)};
  });
}

Result<std::vector<Site>> PgSiteRepo::list() {
  return read<std::vector<Site>>(access_, [&](Connection& c) -> Result<std::vector<Site>> {
    auto rows = c.query("SELECT " SALA_SITE_COLUMNS " FROM sites ORDER BY id");
    if (!rows) return rows.error();
    std::vector<Site> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(read_site(*rows, i));
    return out;
  });
}

}  // namespace sala::pg
