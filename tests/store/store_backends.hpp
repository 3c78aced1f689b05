#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {

// A backend the contract suite runs against. `open` returns nullptr when the
// backend cannot be used here; it then sets `why_not`, and `must_fail` when
// the suite must fail rather than skip (see support/pg_schema.hpp).
struct Backend {
  std::string name;
  std::function<std::unique_ptr<store::Store>(const TempDir&, std::string& why_not, bool& must_fail)>
      open;
  friend void PrintTo(const Backend& b, std::ostream* os) { *os << b.name; }
};

std::unique_ptr<store::Store> open_temp_sqlite_store(const TempDir& dir, std::string& why_not,
                                                     bool& must_fail);
// The same, for tests that only ever use SQLite; nullptr on failure.
std::unique_ptr<store::Store> open_sqlite_for_test(const TempDir& dir);
// A fresh schema on the server named by SALA_TEST_PG_URL, dropped with the store.
std::unique_ptr<store::Store> open_temp_postgres_store(const TempDir& dir, std::string& why_not,
                                                       bool& must_fail);

}  // namespace sala::test
