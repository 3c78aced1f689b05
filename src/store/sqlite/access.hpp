#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "core/error.hpp"
#include "store/sqlite/connection.hpp"

namespace sala::sqlite {

// How a repository reaches a connection. The top-level store lends a pooled
// reader for reads and the writer (under its lock) for single writes; a
// transaction's store lends its own connection for both.
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

// Runs `fn` on the writer. At top level the call is its own transaction,
// rolled back if `fn` fails; inside a transaction it joins it.
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

}  // namespace sala::sqlite
