#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

struct sqlite3_stmt;
struct sqlite3;

namespace sala::sqlite {

// A prepared statement. Parameters bind by position from 1; columns read by
// position from 0. Every bind is by value: SQL text never contains input.
// Text with a NUL binds, but step() refuses to run the statement.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void reset();
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::int64_t>& value);

  // true: a row is ready; false: done. Errors come back as values.
  [[nodiscard]] Result<bool> step();
  // Steps to completion, expecting no rows.
  [[nodiscard]] Result<void> run();

  std::int64_t int64(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  bool is_null(int column) const;
  int changes() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool has_nul_text_ = false;
};

}  // namespace sala::sqlite
