#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/store.hpp"

namespace sala::pg {

struct OpenOptions {
  std::string url;              // a libpq connection URI: postgresql://user@host:port/db?...
  std::size_t pool_size = 8;    // connections for reads and writes together
  int acquire_timeout_ms = 5000;  // waiting longer for a free connection is Errc::unavailable
  // A hot standby of `url` for thread reads (Store::reads_of); empty: none.
  // Its pool has `pool_size` connections of its own.
  std::string replica_url = {};
};

// Connects to PostgreSQL, applies the migrations this database has not seen,
// and returns a Store over a pool of connections. Several processes may open
// the same database: they share one schema and announce their changes to
// each other (Store::announce, Store::watch). The only way into this backend.
[[nodiscard]] Result<std::unique_ptr<store::Store>> open_store(const OpenOptions& options);

// True for the URLs this backend takes.
bool is_postgres_url(std::string_view url);

}  // namespace sala::pg
