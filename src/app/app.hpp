#pragma once

#include <memory>
#include <string>

#include "config/options.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace sala::app {

// The composition root: the only place that names a storage backend.

// Opens the database named by options.db ("sqlite:PATH" or
// "postgresql://..."), creating and migrating it as needed.
[[nodiscard]] Result<std::unique_ptr<store::Store>> open_database(const config::Options& options);

// Copies the database named by options.db to `destination` while a server
// may be using it: a consistent copy as of one commit (sqlite::backup).
[[nodiscard]] Result<void> backup_database(const config::Options& options, const std::string& destination);

// Writes the config file's [[sites]] into the database.
[[nodiscard]] Result<void> apply_sites(store::Store& store, const Clock& clock,
                                       const config::Options& options);

struct ServeFlags {
  bool demo = false;
  std::string ready_file;  // written with the base URL once the server listens
};

// Runs the server until SIGTERM or SIGINT, then shuts down gracefully:
// requests in flight are answered and queued writes committed.
[[nodiscard]] Result<void> serve(const config::Options& options, const ServeFlags& flags);

}  // namespace sala::app
