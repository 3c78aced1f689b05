#pragma once

#include <string>

#include "core/error.hpp"

namespace sala::sqlite {

// Copies the database at `source` to `destination` with SQLite's online
// backup API, from one read snapshot: a running server keeps reading and
// writing meanwhile (WAL readers do not block the writer) and the copy is
// the database as of one commit. The copy is written beside `destination`
// under a temporary name, checked (quick_check) and renamed into place, so
// `destination` is either the old file or a whole new copy. A destination
// that is the source itself is refused.
[[nodiscard]] Result<void> backup(const std::string& source, const std::string& destination);

}  // namespace sala::sqlite
