#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<bool> SqliteReaderSigninRepo::put(const ReaderSignin& s, Timestamp not_before) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare(
        "INSERT INTO reader_signins (digest, site, account, name, binding, created, expires) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (site, account) DO UPDATE SET digest = excluded.digest, name = excluded.name, "
        "binding = excluded.binding, created = excluded.created, expires = excluded.expires "
        "WHERE reader_signins.created < ?8");
    if (!st) return st.error();
    (*st)->bind_blob(1, s.digest).bind(2, s.site.value).bind(3, s.account).bind(4, s.name)
        .bind_blob(5, s.binding).bind(6, s.created.ms).bind(7, s.expires.ms).bind(8, not_before.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<std::optional<ReaderSignin>> SqliteReaderSigninRepo::find(const std::string& digest, Timestamp now) {
  return read<std::optional<ReaderSignin>>(access_, [&](Connection& c) -> Result<std::optional<ReaderSignin>> {
    auto st = c.prepare(
        "SELECT site, account, name, binding, created, expires FROM reader_signins "
        "WHERE digest = ? AND expires > ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest).bind(2, now.ms);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<ReaderSignin>{};
    return std::optional<ReaderSignin>(ReaderSignin{digest, SiteId{(*st)->text(0)}, (*st)->text(1),
                                                    (*st)->text(2), (*st)->blob(3),
                                                    Timestamp{(*st)->int64(4)}, Timestamp{(*st)->int64(5)}});
  });
}

Result<bool> SqliteReaderSigninRepo::consume(const std::string& digest) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("DELETE FROM reader_signins WHERE digest = ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<void> SqliteReaderSigninRepo::erase_expired(Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    for (const char* sql : {"DELETE FROM reader_signins WHERE expires <= ?",
                            "DELETE FROM revoked_reader_tokens WHERE expires <= ?"}) {
      auto st = c.prepare(sql);
      if (!st) return st.error();
      (*st)->bind(1, now.ms);
      if (auto done = (*st)->run(); !done) return done.error();
    }
    return {};
  });
}

Result<void> SqliteReaderSigninRepo::revoke(const std::string& token_digest, Timestamp expires) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO revoked_reader_tokens (digest, expires) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING");
    if (!st) return st.error();
    (*st)->bind_blob(1, token_digest).bind(2, expires.ms);
    return (*st)->run();
  });
}

Result<bool> SqliteReaderSigninRepo::is_revoked(const std::string& token_digest) {
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("SELECT 1 FROM revoked_reader_tokens WHERE digest = ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, token_digest);
    auto row = (*st)->step();
    if (!row) return row.error();
    return *row;
  });
}

}  // namespace sala::sqlite
