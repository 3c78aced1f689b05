#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {

#define SALA_ACCOUNT_COLUMNS "id, name, role, created, password_changed, alert_email"

Account read_account(const Statement& s) {
  Account a;
  a.id = AccountId{s.int64(0)};
  a.name = s.text(1);
  a.role = parse_role(s.text(2)).value_or(Role::moderator);
  a.created = Timestamp{s.int64(3)};
  a.password_changed = Timestamp{s.int64(4)};
  a.alert_email = s.text(5);
  return a;
}

Result<void> load_sites(Connection& c, Account& account) {
  auto st = c.prepare("SELECT site FROM account_sites WHERE account = ? ORDER BY site");
  if (!st) return st.error();
  (*st)->bind(1, account.id.value);
  for (;;) {
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return {};
    account.sites.push_back(SiteId{(*st)->text(0)});
  }
}

}  // namespace

Result<AccountId> SqliteAccountRepo::add(const NewAccount& n) {
  return write<AccountId>(access_, [&](Connection& c) -> Result<AccountId> {
    for (const SiteId& site : n.sites) {
      auto exists = c.prepare("SELECT 1 FROM sites WHERE id = ?");
      if (!exists) return exists.error();
      (*exists)->bind(1, site.value);
      auto row = (*exists)->step();
      if (!row) return row.error();
      if (!*row) return Error::unprocessable("site_not_found", "no site '" + site.value + "'");
    }
    auto st = c.prepare(
        "INSERT INTO accounts (name, role, password_hash, created, password_changed, alert_email) "
        "VALUES (?, ?, ?, ?, ?4, ?5)");
    if (!st) return st.error();
    (*st)->bind(1, n.name).bind(2, to_string(n.role)).bind(3, n.password_hash).bind(4, n.created.ms).bind(
        5, n.alert_email);
    if (auto done = (*st)->run(); !done) {
      if (done.error().code == Errc::conflict) {
        return Error::conflict("account_exists", "an account named '" + n.name + "' already exists");
      }
      return done.error();
    }
    const AccountId id{c.last_insert_id()};
    for (const SiteId& site : n.sites) {
      auto add_site = c.prepare("INSERT INTO account_sites (account, site) VALUES (?, ?)");
      if (!add_site) return add_site.error();
      (*add_site)->bind(1, id.value).bind(2, site.value);
      if (auto done = (*add_site)->run(); !done) return done.error();
    }
    return id;
  });
}

Result<std::optional<store::StoredAccount>> SqliteAccountRepo::find_by_name(const std::string& name) {
  using Out = std::optional<store::StoredAccount>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto st = c.prepare("SELECT " SALA_ACCOUNT_COLUMNS ", password_hash FROM accounts WHERE name = ?");
    if (!st) return st.error();
    (*st)->bind(1, name);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return Out{};
    store::StoredAccount out{read_account(**st), (*st)->text(6)};
    if (auto sites = load_sites(c, out.account); !sites) return sites.error();
    return Out{std::move(out)};
  });
}

Result<std::optional<Account>> SqliteAccountRepo::get(AccountId id) {
  return read<std::optional<Account>>(access_, [&](Connection& c) -> Result<std::optional<Account>> {
    auto st = c.prepare("SELECT " SALA_ACCOUNT_COLUMNS " FROM accounts WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Account>{};
    Account account = read_account(**st);
    if (auto sites = load_sites(c, account); !sites) return sites.error();
    return std::optional<Account>{std::move(account)};
  });
}

Result<std::vector<Account>> SqliteAccountRepo::list() {
  return read<std::vector<Account>>(access_, [&](Connection& c) -> Result<std::vector<Account>> {
    auto st = c.prepare("SELECT " SALA_ACCOUNT_COLUMNS " FROM accounts ORDER BY name");
    if (!st) return st.error();
    std::vector<Account> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) break;
      out.push_back(read_account(**st));
    }
    for (Account& account : out) {
      if (auto sites = load_sites(c, account); !sites) return sites.error();
    }
    return out;
  });
}

Result<void> SqliteAccountRepo::set_password(AccountId id, const std::string& hash, Timestamp at) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("UPDATE accounts SET password_hash = ?, password_changed = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, hash).bind(2, at.ms).bind(3, id.value);
    if (auto done = (*st)->run(); !done) return done.error();
    if ((*st)->changes() == 0) return Error::not_found("account");
    auto end = c.prepare("DELETE FROM sessions WHERE account = ?");
    if (!end) return end.error();
    (*end)->bind(1, id.value);
    return (*end)->run();
  });
}

Result<void> SqliteAccountRepo::set_alert_email(AccountId id, const std::string& email) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("UPDATE accounts SET alert_email = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, email).bind(2, id.value);
    if (auto done = (*st)->run(); !done) return done.error();
    if ((*st)->changes() == 0) return Error::not_found("account");
    return {};
  });
}

Result<void> SqliteAccountRepo::add_session(const Session& s) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    // Expired sessions go whenever a new one starts: the table stays small
    // without a sweeper.
    auto sweep = c.prepare("DELETE FROM sessions WHERE expires <= ?");
    if (!sweep) return sweep.error();
    (*sweep)->bind(1, s.created.ms);
    if (auto done = (*sweep)->run(); !done) return done.error();
    auto st = c.prepare(
        "INSERT INTO sessions (token_digest, account, csrf_token, created, expires) VALUES (?, ?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind_blob(1, s.token_digest)
        .bind(2, s.account.value)
        .bind(3, s.csrf_token)
        .bind(4, s.created.ms)
        .bind(5, s.expires.ms);
    return (*st)->run();
  });
}

Result<std::optional<Session>> SqliteAccountRepo::find_session(const std::string& digest, Timestamp now) {
  return read<std::optional<Session>>(access_, [&](Connection& c) -> Result<std::optional<Session>> {
    auto st = c.prepare(
        "SELECT token_digest, account, csrf_token, created, expires FROM sessions "
        "WHERE token_digest = ? AND expires > ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest).bind(2, now.ms);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Session>{};
    const Statement& s = **st;
    return std::optional<Session>{
        Session{s.blob(0), AccountId{s.int64(1)}, s.text(2), Timestamp{s.int64(3)}, Timestamp{s.int64(4)}}};
  });
}

Result<void> SqliteAccountRepo::remove_session(const std::string& digest) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM sessions WHERE token_digest = ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
