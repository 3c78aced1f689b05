#include "app/app.hpp"
#include "service/site_service.hpp"
#include "store/sqlite/backup.hpp"
#include "store/postgres/open_store.hpp"
#include "store/sqlite/open_store.hpp"

namespace sala::app {

Result<std::unique_ptr<store::Store>> open_database(const config::Options& options) {
  constexpr std::string_view kSqlite = "sqlite:";
  const std::string_view url = options.db;
  if (url.substr(0, kSqlite.size()) == kSqlite && url.size() > kSqlite.size()) {
    if (!options.db_replica.empty()) {
      return Error::invalid("invalid_database",
                            "a read replica (db_replica, --db-replica) needs a PostgreSQL --db");
    }
    return sqlite::open_store(
        {.path = std::string(url.substr(kSqlite.size())),
         .synchronous_full = options.sqlite_synchronous_full});
  }
  if (pg::is_postgres_url(url)) {
    // The readers, the writer and a few direct calls (health, site lookups)
    // each hold one connection at a time; the replica's pool is as large.
    return pg::open_store({.url = options.db,
                           .pool_size = options.read_threads + 4,
                           .replica_url = options.db_replica});
  }
  return Error::invalid("invalid_database",
                        "--db must look like sqlite:PATH or postgresql://..., got '" + options.db + "'");
}

Result<void> backup_database(const config::Options& options, const std::string& destination) {
  constexpr std::string_view kSqlite = "sqlite:";
  const std::string_view url = options.db;
  if (url.substr(0, kSqlite.size()) == kSqlite && url.size() > kSqlite.size()) {
    return sqlite::backup(std::string(url.substr(kSqlite.size())), destination);
  }
  if (pg::is_postgres_url(url)) {
    return Error::invalid("unsupported_database",
                          "sala backup copies SQLite databases; back PostgreSQL up with its own tools "
                          "(pg_dump), or take a portable copy of each site with sala export");
  }
  return Error::invalid("invalid_database", "--db must look like sqlite:PATH, got '" + options.db + "'");
}

Result<void> apply_sites(store::Store& store, const Clock& clock, const config::Options& options) {
  service::SiteService sites(store, clock);
  for (const auto& site : options.sites) {
    auto done = sites.put({site.id, site.origins, site.premoderate});
    if (!done) {
      Error e = done.error();
      e.message = "site '" + site.id + "' in the config file: " + e.message;
      return e;
    }
  }
  return {};
}

}  // namespace sala::app
