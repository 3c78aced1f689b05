#include "store/postgres/rows.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace sala::pg {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Rows::~Rows() { PQclear(result_); }

Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int Rows::size() const { return result_ ? PQntuples(result_) : 0; }

std::int64_t Rows::affected() const {
  const char* n = result_ ? PQcmdTuples(result_) : "";
  std::int64_t out = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), out);
  return out;
}

bool Rows::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::int64_t Rows::int64(int row, int column) const {
  const char* p = PQgetvalue(result_, row, column);
  std::int64_t out = 0;
  std::from_chars(p, p + PQgetlength(result_, row, column), out);
  return out;
}

std::optional<std::int64_t> Rows::optional_int64(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return int64(row, column);
}

bool Rows::boolean(int row, int column) const { return PQgetvalue(result_, row, column)[0] == 't'; }

std::string Rows::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::string Rows::bytea(int row, int column) const {
  if (is_null(row, column)) return {};
  // bytea_output = hex (set on every connection): "\x" then two digits a byte.
  const char* p = PQgetvalue(result_, row, column);
  const int n = PQgetlength(result_, row, column);
  std::string out;
  if (n < 2 || p[0] != '\\' || p[1] != 'x') return out;
  out.reserve(static_cast<std::size_t>(n - 2) / 2);
  for (int i = 2; i + 1 < n; i += 2) {
    out += static_cast<char>(hex_value(p[i]) * 16 + hex_value(p[i + 1]));
  }
  return out;
}

}  // namespace sala::pg
