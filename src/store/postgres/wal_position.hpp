#pragma once

#include <cstdint>

#include "core/error.hpp"
#include "store/postgres/connection.hpp"

namespace sala::pg {

// A position in the primary's write-ahead log, in bytes from its start (an
// LSN as a number).
using WalPosition = std::uint64_t;

// Where the primary's log ends now (pg_current_wal_insert_lsn). Read after a
// COMMIT has returned, it is at or past the end of that commit's record, so
// a standby that has replayed up to it shows the commit. (Read inside the
// transaction it would fall short of the commit record.)
[[nodiscard]] Result<WalPosition> insert_position(Connection& primary);

// How far a standby has replayed the primary's log (pg_last_wal_replay_lsn);
// Errc::invalid when the server is not a standby.
[[nodiscard]] Result<WalPosition> replay_position(Connection& standby);

}  // namespace sala::pg
