#include "transfer/import_fixture.hpp"

#include <fstream>

#include "crypto/crypto.hpp"

namespace sala::transfer {

void ImportTest::SetUp() {
  ASSERT_TRUE(crypto::init());
  store_ = test::open_sqlite_for_test(dir_);
  ASSERT_TRUE(store_);
  ASSERT_TRUE(store_->sites().add({SiteId{"news"}, {"https://news.example"}, false, {1}}));
}

Result<ImportSummary> ImportTest::import(SourceKind kind, const std::string& path, bool pingbacks) {
  ImportRequest request;
  request.kind = kind;
  request.path = path;
  request.site = SiteId{"news"};
  request.include_pingbacks = pingbacks;
  return run_import(*store_, clock_, request);
}

std::string ImportTest::file(const std::string& name, const std::string& content) const {
  const std::string path = dir_.file(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::vector<Thread> ImportTest::threads(const std::string& site) {
  std::vector<Thread> out;
  ThreadId after{0};
  for (;;) {
    auto page = store_->transfers().threads_after(SiteId{site}, after, 100);
    EXPECT_TRUE(page);
    if (!page || page->empty()) return out;
    out.insert(out.end(), page->begin(), page->end());
    after = page->back().id;
  }
}

std::vector<ImportTest::Row> ImportTest::comments(const std::string& site) {
  std::vector<Row> out;
  for (const Thread& t : threads(site)) {
    CommentId after{0};
    for (;;) {
      auto page = store_->transfers().comments_after(t.id, after, 100);
      EXPECT_TRUE(page);
      if (!page || page->empty()) break;
      for (auto& c : *page) out.push_back({t, c});
      after = page->back().comment.id;
    }
  }
  return out;
}

const ImportTest::Row* ImportTest::find(const std::vector<Row>& rows, std::string_view needle) const {
  for (const auto& r : rows) {
    if (r.c().body_markdown.find(needle) != std::string::npos) return &r;
  }
  return nullptr;
}

}  // namespace sala::transfer
