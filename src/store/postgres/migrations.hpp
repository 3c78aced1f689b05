#pragma once

#include "core/error.hpp"
#include "store/postgres/connection.hpp"

namespace sala::pg {

// Applies the numbered migrations embedded in the binary that the database
// has not seen yet, all in one transaction, recording them in
// schema_migrations. An advisory lock makes instances that start together
// take turns: the first migrates, the others find nothing left to do. A
// database from a newer Sala is refused, not guessed at.
[[nodiscard]] Result<void> migrate(Connection& connection);

}  // namespace sala::pg
