#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {

// A backend the contract suite runs against. `open` returns nullptr when the
// backend is not configured on this machine (the suite then skips, saying so).
struct Backend {
  std::string name;
  std::function<std::unique_ptr<store::Store>(const TempDir&)> open;
  friend void PrintTo(const Backend& b, std::ostream* os) { *os << b.name; }
};

std::unique_ptr<store::Store> open_temp_sqlite_store(const TempDir& dir);

}  // namespace sala::test
