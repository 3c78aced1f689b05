// The fixture of the Store contract suite, shared by its files; the suite is
// instantiated for every backend in store_contract_test.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/store_backends.hpp"

namespace sala::test {

class StoreContractTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string why_not;
    bool must_fail = false;
    store_ = GetParam().open(dir_, why_not, must_fail);
    if (!store_) {
      if (must_fail) GTEST_FAIL() << why_not;
      GTEST_SKIP() << why_not;
    }
    ASSERT_TRUE(store_->sites().add({SiteId{"news"}, {"https://news.example"}, false, {1}}));
  }

  Thread thread(const std::string& key) {
    auto t = store_->threads().find_or_create({SiteId{"news"}, key, "Title " + key, "", {1}});
    EXPECT_TRUE(t) << t.error().detail;
    return *t;
  }

  static NewComment draft(ThreadId thread, std::int64_t created, std::optional<CommentId> parent = {},
                          CommentState state = CommentState::approved) {
    NewComment n;
    n.thread = thread;
    n.parent = parent;
    n.author_name = "Reader";
    n.author_email = "reader@example.org";
    n.body_markdown = "body " + std::to_string(created);
    n.body_html = "<p>body</p>";
    n.renderer_version = 1;
    n.state = state;
    n.created = Timestamp{created};
    n.edit_token_hash = std::string("\x01\x00\x02", 3);
    return n;
  }

  CommentId comment(ThreadId thread, std::int64_t created, std::optional<CommentId> parent = {},
                    CommentState state = CommentState::approved) {
    auto id = store_->comments().insert(draft(thread, created, parent, state));
    EXPECT_TRUE(id) << id.error().detail;
    return *id;
  }

  std::vector<std::int64_t> all_pages(ThreadId t, Sort sort, int limit) {
    std::vector<std::int64_t> ids;
    std::optional<PageCursor> after;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = store_->comments().page({.thread = t, .sort = sort, .after = after, .limit = limit});
      EXPECT_TRUE(page);
      if (!page) break;
      for (auto& c : page->top_level) ids.push_back(c.id.value);
      if (!page->has_more) break;
      const auto& last = page->top_level.back();
      after = PageCursor{sort, sort == Sort::votes ? last.score() : last.created.ms, last.id};
    }
    return ids;
  }

  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace sala::test
