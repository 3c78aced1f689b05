#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<bool> PgReaderSigninRepo::put(const ReaderSignin& s, Timestamp not_before) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query(
        "INSERT INTO reader_signins (digest, site, account, name, binding, created, expires) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (site, account) DO UPDATE SET digest = excluded.digest, name = excluded.name, "
        "binding = excluded.binding, created = excluded.created, expires = excluded.expires "
        "WHERE reader_signins.created < $8",
        Params().add_bytea(s.digest).add(s.site.value).add(s.account).add(s.name).add_bytea(s.binding)
            .add(s.created.ms).add(s.expires.ms).add(not_before.ms));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<std::optional<ReaderSignin>> PgReaderSigninRepo::find(const std::string& digest, Timestamp now) {
  return read<std::optional<ReaderSignin>>(access_, [&](Connection& c) -> Result<std::optional<ReaderSignin>> {
    auto rows = c.query(
        "SELECT site, account, name, binding, created, expires FROM reader_signins "
        "WHERE digest = $1 AND expires > $2",
        Params().add_bytea(digest).add(now.ms));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<ReaderSignin>{};
    return std::optional<ReaderSignin>(ReaderSignin{digest, SiteId{rows->text(0, 0)}, rows->text(0, 1),
                                                    rows->text(0, 2), rows->bytea(0, 3),
                                                    Timestamp{rows->int64(0, 4)}, Timestamp{rows->int64(0, 5)}});
  });
}

Result<bool> PgReaderSigninRepo::consume(const std::string& digest) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("DELETE FROM reader_signins WHERE digest = $1", Params().add_bytea(digest));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<void> PgReaderSigninRepo::erase_expired(Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    if (auto done = run(c, "DELETE FROM reader_signins WHERE expires <= $1", Params().add(now.ms)); !done) {
      return done;
    }
    return run(c, "DELETE FROM revoked_reader_tokens WHERE expires <= $1", Params().add(now.ms));
  });
}

Result<void> PgReaderSigninRepo::revoke(const std::string& token_digest, Timestamp expires) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "INSERT INTO revoked_reader_tokens (digest, expires) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING",
               Params().add_bytea(token_digest).add(expires.ms));
  });
}

Result<bool> PgReaderSigninRepo::is_revoked(const std::string& token_digest) {
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("SELECT 1 FROM revoked_reader_tokens WHERE digest = $1", Params().add_bytea(token_digest));
    if (!rows) return rows.error();
    return !rows->empty();
  });
}

}  // namespace sala::pg
