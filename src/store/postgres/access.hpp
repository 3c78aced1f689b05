#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "core/error.hpp"
#include "store/postgres/connection.hpp"

namespace sala::pg {

// How a repository reaches a connection. The top-level store lends a pooled
// connection: as is for reads, inside a transaction of its own for writes;
// a transaction's store lends its own connection for both.
class Access {
 public:
  virtual ~Access() = default;
  [[nodiscard]] virtual Result<void> with_reader(
      const std::function<Result<void>(Connection&)>& fn) = 0;
  [[nodiscard]] virtual Result<void> with_writer(
      const std::function<Result<void>(Connection&)>& fn) = 0;
};

template <class T, class F>
[[nodiscard]] Result<T> read(Access& access, F&& fn) {
  std::optional<Result<T>> out;
  auto done = access.with_reader([&](Connection& c) -> Result<void> {
    out.emplace(fn(c));
    return {};
  });
  if (!done) return done.error();
  return std::move(*out);
}

// Runs `fn` as a write. At top level the call is its own transaction, rolled
// back if `fn` fails; inside a transaction it joins it.
template <class T, class F>
[[nodiscard]] Result<T> write(Access& access, F&& fn) {
  std::optional<Result<T>> out;
  auto done = access.with_writer([&](Connection& c) -> Result<void> {
    out.emplace(fn(c));
    if (!*out) return out->error();
    return {};
  });
  if (!done) return done.error();
  return std::move(*out);
}

template <class F>
[[nodiscard]] Result<void> write_void(Access& access, F&& fn) {
  return access.with_writer([&](Connection& c) -> Result<void> { return fn(c); });
}

// Runs a statement whose rows the caller does not need.
[[nodiscard]] inline Result<void> run(Connection& c, std::string_view sql, const Params& params) {
  auto rows = c.query(sql, params);
  if (!rows) return rows.error();
  return {};
}

}  // namespace sala::pg
