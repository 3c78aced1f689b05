#include "store/postgres/connection.hpp"

#include <libpq-fe.h>

#include "store/stored_text.hpp"

namespace sala::pg {
namespace {

std::string trimmed(const char* message) {
  std::string out = message ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Maps a failure to an Error the way the SQLite backend does: a lost or
// refused connection, or a transaction that had to give way, is unavailable
// (retrying may help); a unique violation is a conflict; the rest internal.
Error to_error(std::string_view sqlstate, bool is_connection_lost, std::string detail) {
  if (is_connection_lost || sqlstate.starts_with("08") || sqlstate.starts_with("57P") ||
      sqlstate.starts_with("53") || is_retryable(sqlstate)) {
    return Error::unavailable(std::move(detail));
  }
  if (sqlstate == "23505") {
    Error e = Error::conflict("conflict", "that already exists");
    e.detail = std::move(detail);
    return e;
  }
  return Error::internal(std::move(detail));
}

}  // namespace

bool is_retryable(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  // Later keywords override what the URL says: the encoding is not the
  // operator's choice; the name and timeout are, so they come first.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                            "client_encoding", nullptr};
  const char* values[] = {"10", "sala", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return Error::unavailable("postgres: out of memory for a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e = Error::unavailable("postgres: " + trimmed(PQerrorMessage(conn)));
    PQfinish(conn);
    return e;
  }
  // Notices ("already exists, skipping") are for people at a psql prompt,
  // not for a server's stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto c = std::unique_ptr<Connection>(new Connection(conn));
  // Rows.bytea() reads hex; timestamps are plain integers, so no time zone matters.
  if (auto done = c->exec("SET bytea_output = 'hex'"); !done) return done.error();
  return c;
}

Connection::~Connection() { PQfinish(conn_); }

Error Connection::failure(PGresult* result, std::string_view context) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  std::string detail = "postgres: ";
  detail += result ? trimmed(PQresultErrorMessage(result)) : trimmed(PQerrorMessage(conn_));
  if (detail == "postgres: ") detail += trimmed(PQerrorMessage(conn_));
  detail += " [";
  detail += context.substr(0, 120);
  detail += "]";
  return to_error(last_sqlstate_, is_broken(), std::move(detail));
}

Result<void> Connection::exec(std::string_view sql) {
  const std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = failure(result, sql);
    PQclear(result);
    return e;
  }
  PQclear(result);
  last_sqlstate_.clear();
  return {};
}

Result<std::string> Connection::prepared_name(std::string_view sql, int parameter_count) {
  const std::string text(sql);
  if (auto it = prepared_.find(text); it != prepared_.end()) return it->second;
  std::string name = "sala_" + std::to_string(prepared_.size() + 1);
  PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), parameter_count, nullptr);
  if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) {
    Error e = failure(result, sql);
    PQclear(result);
    return e;
  }
  PQclear(result);
  prepared_.emplace(text, name);
  return name;
}

Result<Rows> Connection::query(std::string_view sql, const Params& params) {
  // A text parameter is read up to its first NUL: refuse rather than cut.
  if (params.has_nul_text()) return store::nul_in_text();
  auto name = prepared_name(sql, params.size());
  if (!name) return name.error();
  const auto values = params.value_pointers();
  PGresult* result = PQexecPrepared(conn_, name->c_str(), params.size(), values.data(),
                                    params.lengths().data(), params.formats().data(), 0);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = failure(result, sql);
    PQclear(result);
    return e;
  }
  last_sqlstate_.clear();
  return Rows(result);
}

bool Connection::is_broken() const { return PQstatus(conn_) != CONNECTION_OK; }

bool Connection::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

}  // namespace sala::pg
