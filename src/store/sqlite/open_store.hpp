#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/store.hpp"

namespace sala::sqlite {

struct OpenOptions {
  std::string path;            // a file; created with the schema if missing
  bool synchronous_full = true;  // FULL: a committed write survives power loss
  int busy_timeout_ms = 5000;
};

// Opens (and migrates) a SQLite database in WAL mode: one writer connection,
// a pool of reader connections. The only way into this backend.
[[nodiscard]] Result<std::unique_ptr<store::Store>> open_store(const OpenOptions& options);

}  // namespace sala::sqlite
