#pragma once

#include "core/error.hpp"
#include "store/sqlite/connection.hpp"

namespace sala::sqlite {

// Applies the numbered migrations embedded in the binary that the database
// has not seen yet, each in its own transaction, recording them in
// schema_migrations. A database from a newer Sala is refused, not guessed at.
[[nodiscard]] Result<void> migrate(Connection& connection);

}  // namespace sala::sqlite
