#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {

#define SALA_ACCOUNT_COLUMNS "id, name, role, created, password_changed, alert_email"

Account read_account(const Rows& r, int i) {
  Account a;
  a.id = AccountId{r.int64(i, 0)};
  a.name = r.text(i, 1);
  a.role = parse_role(r.text(i, 2)).value_or(Role::moderator);
  a.created = Timestamp{r.int64(i, 3)};
  a.password_changed = Timestamp{r.int64(i, 4)};
  a.alert_email = r.text(i, 5);
  return a;
}

Result<void> load_sites(Connection& c, Account& account) {
  auto rows = c.query("SELECT site FROM account_sites WHERE account = $1 ORDER BY site",
                      Params().add(account.id.value));
  if (!rows) return rows.error();
  for (int i = 0; i < rows->size(); ++i) account.sites.push_back(SiteId{rows->text(i, 0)});
  return {};
}

}  // namespace

Result<AccountId> PgAccountRepo::add(const NewAccount& n) {
  return write<AccountId>(access_, [&](Connection& c) -> Result<AccountId> {
    for (const SiteId& site : n.sites) {
      auto exists = c.query("SELECT 1 FROM sites WHERE id = $1", Params().add(site.value));
      if (!exists) return exists.error();
      if (exists->empty()) return Error::unprocessable("site_not_found", "no site '" + site.value + "'");
    }
    // DO NOTHING rather than a caught violation, which would abort the transaction.
    auto rows = c.query(
        "INSERT INTO accounts (name, role, password_hash, created, password_changed, alert_email) "
        "VALUES ($1, $2, $3, $4, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING id",
        Params().add(n.name).add(to_string(n.role)).add(n.password_hash).add(n.created.ms).add(n.alert_email));
    if (!rows) return rows.error();
    if (rows->empty()) return Error::conflict("account_exists", "an account named '" + n.name + "' already exists");
    const AccountId id{rows->int64(0, 0)};
    for (const SiteId& site : n.sites) {
      auto added = run(c, "INSERT INTO account_sites (account, site) VALUES ($1, $2)",
                       Params().add(id.value).add(site.value));
      if (!added) return added.error();
    }
    return id;
  });
}

Result<std::optional<store::StoredAccount>> PgAccountRepo::find_by_name(const std::string& name) {
  using Out = std::optional<store::StoredAccount>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto rows = c.query("SELECT " SALA_ACCOUNT_COLUMNS ", password_hash FROM accounts WHERE name = $1",
                        Params().add(name));
    if (!rows) return rows.error();
    if (rows->empty()) return Out{};
    store::StoredAccount out{read_account(*rows, 0), rows->text(0, 6)};
    if (auto sites = load_sites(c, out.account); !sites) return sites.error();
    return Out{std::move(out)};
  });
}

Result<std::optional<Account>> PgAccountRepo::get(AccountId id) {
  return read<std::optional<Account>>(access_, [&](Connection& c) -> Result<std::optional<Account>> {
    auto rows = c.query("SELECT " SALA_ACCOUNT_COLUMNS " FROM accounts WHERE id = $1", Params().add(id.value));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Account>{};
    Account account = read_account(*rows, 0);
    if (auto sites = load_sites(c, account); !sites) return sites.error();
    return std::optional<Account>{std::move(account)};
  });
}

Result<std::vector<Account>> PgAccountRepo::list() {
  return read<std::vector<Account>>(access_, [&](Connection& c) -> Result<std::vector<Account>> {
    auto rows = c.query("SELECT " SALA_ACCOUNT_COLUMNS " FROM accounts ORDER BY name");
    if (!rows) return rows.error();
    std::vector<Account> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(read_account(*rows, i));
    for (Account& account : out) {
      if (auto sites = load_sites(c, account); !sites) return sites.error();
    }
    return out;
  });
}

Result<void> PgAccountRepo::set_password(AccountId id, const std::string& hash, Timestamp at) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto rows = c.query("UPDATE accounts SET password_hash = $1, password_changed = $2 WHERE id = $3",
                        Params().add(hash).add(at.ms).add(id.value));
    if (!rows) return rows.error();
    if (rows->affected() == 0) return Error::not_found("account");
    return run(c, "DELETE FROM sessions WHERE account = $1", Params().add(id.value));
  });
}

Result<void> PgAccountRepo::set_alert_email(AccountId id, const std::string& email) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto rows = c.query("UPDATE accounts SET alert_email = $1 WHERE id = $2", Params().add(email).add(id.value));
    if (!rows) return rows.error();
    if (rows->affected() == 0) return Error::not_found("account");
    return {};
  });
}

Result<void> PgAccountRepo::add_session(const Session& s) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    if (auto swept = run(c, "DELETE FROM sessions WHERE expires <= $1", Params().add(s.created.ms)); !swept) {
      return swept.error();
    }
    return run(c,
               "INSERT INTO sessions (token_digest, account, csrf_token, created, expires) "
               "VALUES ($1, $2, $3, $4, $5)",
               Params().add_bytea(s.token_digest).add(s.account.value).add(s.csrf_token).add(s.created.ms).add(
                   s.expires.ms));
  });
}

Result<std::optional<Session>> PgAccountRepo::find_session(const std::string& digest, Timestamp now) {
  return read<std::optional<Session>>(access_, [&](Connection& c) -> Result<std::optional<Session>> {
    auto rows = c.query(
        "SELECT token_digest, account, csrf_token, created, expires FROM sessions "
        "WHERE token_digest = $1 AND expires > $2",
        Params().add_bytea(digest).add(now.ms));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Session>{};
    return std::optional<Session>{Session{rows->bytea(0, 0), AccountId{rows->int64(0, 1)}, rows->text(0, 2),
                                          Timestamp{rows->int64(0, 3)}, Timestamp{rows->int64(0, 4)}}};
  });
}

Result<void> PgAccountRepo::remove_session(const std::string& digest) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM sessions WHERE token_digest = $1", Params().add_bytea(digest));
  });
}

}  // namespace sala::pg
