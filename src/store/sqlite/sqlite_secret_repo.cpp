#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<std::string> SqliteSecretRepo::get_or_put(const std::string& name,
                                                 const std::string& candidate, Timestamp now) {
  return write<std::string>(access_, [&](Connection& c) -> Result<std::string> {
    auto insert = c.prepare(
        "INSERT INTO secrets (name, value, created) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");
    if (!insert) return insert.error();
    (*insert)->bind(1, name).bind_blob(2, candidate).bind(3, now.ms);
    if (auto done = (*insert)->run(); !done) return done.error();
    auto select = c.prepare("SELECT value FROM secrets WHERE name = ?");
    if (!select) return select.error();
    (*select)->bind(1, name);
    auto row = (*select)->step();
    if (!row) return row.error();
    if (!*row) return Error::internal("secret vanished after insert");
    return (*select)->blob(0);
  });
}

Result<void> SqliteSecretRepo::put(const std::string& name, const std::string& value, Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO secrets (name, value, created) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (name) DO UPDATE SET value = ?2, created = ?3");
    if (!st) return st.error();
    (*st)->bind(1, name).bind_blob(2, value).bind(3, now.ms);
    return (*st)->run();
  });
}

Result<std::optional<std::string>> SqliteSecretRepo::find(const std::string& name) {
  return read<std::optional<std::string>>(access_, [&](Connection& c) -> Result<std::optional<std::string>> {
    auto st = c.prepare("SELECT value FROM secrets WHERE name = ?");
    if (!st) return st.error();
    (*st)->bind(1, name);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{(*st)->blob(0)};
  });
}

Result<void> SqliteSecretRepo::erase_older(const std::string& prefix, Timestamp before) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    // substr() instead of LIKE: the prefix is data, never a pattern.
    auto st = c.prepare("DELETE FROM secrets WHERE substr(name, 1, ?) = ? AND created < ?");
    if (!st) return st.error();
    (*st)->bind(1, static_cast<std::int64_t>(prefix.size())).bind(2, prefix).bind(3, before.ms);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
