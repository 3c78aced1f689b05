#pragma once

#include <cstdint>
#include <optional>
#include <string>

struct pg_result;

namespace sala::pg {

// The rows of one statement's result, in text format. Owns the PGresult.
// Rows and columns count from 0.
class Rows {
 public:
  explicit Rows(pg_result* result) : result_(result) {}
  ~Rows();
  Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Rows& operator=(Rows&& other) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  int size() const;
  bool empty() const { return size() == 0; }
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;

  bool is_null(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  std::optional<std::int64_t> optional_int64(int row, int column) const;
  bool boolean(int row, int column) const;
  std::string text(int row, int column) const;
  // A bytea column, decoded from PostgreSQL's hex output; empty for NULL.
  std::string bytea(int row, int column) const;

 private:
  pg_result* result_;
};

}  // namespace sala::pg
