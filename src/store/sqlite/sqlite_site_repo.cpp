#include "store/text_lines.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
using store::join_lines;
using store::split_lines;

namespace {

constexpr std::string_view kColumns =
    "id, origins, premoderate, created, premoderate_links, premoderate_first, slow_mode_seconds, "
    "edit_window_seconds, challenge, anonymous";

Site read_site(const Statement& s) {
  Site site{SiteId{s.text(0)}, split_lines(s.text(1)), s.int64(2) != 0, Timestamp{s.int64(3)}};
  site.premoderate_links = s.int64(4) != 0;
  site.premoderate_first = s.int64(5) != 0;
  site.slow_mode_seconds = s.int64(6);
  site.edit_window_seconds = s.optional_int64(7);
  // The column's CHECK allows nothing else.
  site.challenge = parse_challenge_mode(s.text(8)).value_or(ChallengeMode::off);
  site.anonymous = s.int64(9) != 0;
  return site;
}

Result<void> write_site(Connection& c, const Site& site, std::string_view sql) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  (*st)->bind(1, site.id.value)
      .bind(2, join_lines(site.origins))
      .bind(3, std::int64_t{site.premoderate})
      .bind(4, site.created.ms);
  return (*st)->run();
}

}  // namespace

Result<void> SqliteSiteRepo::add(const Site& site) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto done = write_site(
        c, site, "INSERT INTO sites (id, origins, premoderate, created) VALUES (?, ?, ?, ?)");
    if (!done && done.error().code == Errc::conflict) {
      return Error::conflict("site_exists", "a site with id '" + site.id.value + "' already exists");
    }
    return done;
  });
}

Result<void> SqliteSiteRepo::put(const Site& site) {
  return write_void(access_, [&](Connection& c) {
    return write_site(c, site,
                      "INSERT INTO sites (id, origins, premoderate, created) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (id) DO UPDATE SET origins = excluded.origins, "
                      "premoderate = excluded.premoderate");
  });
}

Result<std::optional<Site>> SqliteSiteRepo::find(const SiteId& id) {
  return read<std::optional<Site>>(access_, [&](Connection& c) -> Result<std::optional<Site>> {
    auto st = c.prepare("SELECT " + std::string(kColumns) + " FROM sites WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Site>{};
    return std::optional<Site>{read_site(**st)};
  });
}

Result<std::vector<Site>> SqliteSiteRepo::list() {
  return read<std::vector<Site>>(access_, [&](Connection& c) -> Result<std::vector<Site>> {
    auto st = c.prepare("SELECT " + std::string(kColumns) + " FROM sites ORDER BY id");
    if (!st) return st.error();
    std::vector<Site> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(read_site(**st));
    }
  });
}

}  // namespace sala::sqlite
