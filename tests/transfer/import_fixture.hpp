#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "store/store_backends.hpp"
#include "transfer/importer.hpp"

namespace sala::transfer {

// A fresh SQLite file with one site, "news", and helpers to import into it
// and read back everything the site holds.
class ImportTest : public testing::Test {
 protected:
  void SetUp() override;

  Result<ImportSummary> import(SourceKind kind, const std::string& path, bool pingbacks = false);
  static std::string data(const std::string& name) { return std::string(SALA_IMPORT_DATA) + "/" + name; }
  // Writes `content` to a file in the test's directory and returns its path.
  std::string file(const std::string& name, const std::string& content) const;

  struct Row {
    Thread thread;
    store::StoredComment stored;
    const Comment& c() const { return stored.comment; }
  };
  std::vector<Thread> threads(const std::string& site = "news");
  std::vector<Row> comments(const std::string& site = "news");
  // The first comment whose Markdown contains `needle`.
  const Row* find(const std::vector<Row>& rows, std::string_view needle) const;

  FakeClock clock_{Timestamp{1'800'000'000'000}};
  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace sala::transfer
