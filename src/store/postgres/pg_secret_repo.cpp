#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<std::string> PgSecretRepo::get_or_put(const std::string& name, const std::string& candidate,
                                             Timestamp now) {
  return write<std::string>(access_, [&](Connection& c) -> Result<std::string> {
    auto inserted = run(c,
                        "INSERT INTO secrets (name, value, created) VALUES ($1, $2, $3) "
                        "ON CONFLICT (name) DO NOTHING",
                        Params().add(name).add_bytea(candidate).add(now.ms));
    if (!inserted) return inserted.error();
    auto rows = c.query("SELECT value FROM secrets WHERE name = $1", Params().add(name));
    if (!rows) return rows.error();
    if (rows->empty()) return Error::internal("secret vanished after insert");
    return rows->bytea(0, 0);
  });
}

Result<void> PgSecretRepo::put(const std::string& name, const std::string& value, Timestamp now) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "INSERT INTO secrets (name, value, created) VALUES ($1, $2, $3) "
               "ON CONFLICT (name) DO UPDATE SET value = $2, created = $3",
               Params().add(name).add_bytea(value).add(now.ms));
  });
}

Result<std::optional<std::string>> PgSecretRepo::find(const std::string& name) {
  return read<std::optional<std::string>>(access_, [&](Connection& c) -> Result<std::optional<std::string>> {
    auto rows = c.query("SELECT value FROM secrets WHERE name = $1", Params().add(name));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<std::string>{};
    return std::optional<std::string>{rows->bytea(0, 0)};
  });
}

Result<void> PgSecretRepo::erase_older(const std::string& prefix, Timestamp before) {
  return write_void(access_, [&](Connection& c) {
    // starts_with() instead of LIKE: the prefix is data, never a pattern.
    return run(c, "DELETE FROM secrets WHERE starts_with(name, $1) AND created < $2",
               Params().add(prefix).add(before.ms));
  });
}

}  // namespace sala::pg
