#include "store/postgres/wal_position.hpp"

namespace sala::pg {
namespace {

Result<WalPosition> position(Connection& c, std::string_view sql) {
  auto rows = c.query(sql);
  if (!rows) return rows.error();
  if (rows->empty() || rows->is_null(0, 0)) {
    return Error::invalid("not_a_replica",
                          "the read replica is not a standby in recovery (pg_last_wal_replay_lsn() is "
                          "NULL): --db-replica must name a hot standby of the --db server");
  }
  return static_cast<WalPosition>(rows->int64(0, 0));
}

}  // namespace

Result<WalPosition> insert_position(Connection& primary) {
  return position(primary, "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint");
}

Result<WalPosition> replay_position(Connection& standby) {
  return position(standby, "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint");
}

}  // namespace sala::pg
