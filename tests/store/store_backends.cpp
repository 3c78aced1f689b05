#include "store/store_backends.hpp"

#include "store/sqlite/open_store.hpp"

namespace sala::test {

std::unique_ptr<store::Store> open_temp_sqlite_store(const TempDir& dir) {
  auto store = sqlite::open_store({.path = dir.file("contract.db")});
  if (!store) return nullptr;
  return std::move(*store);
}

}  // namespace sala::test
