#pragma once

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "service/comment_service.hpp"
#include "service/reader_identity.hpp"
#include "service/site_service.hpp"
#include "service/thread_reader.hpp"
#include "service/vote_service.hpp"
#include "store/store_backends.hpp"

namespace sala::service {

// Services over a fresh SQLite file, a pinned clock and one site "news".
class ServiceTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    store_ = test::open_sqlite_for_test(dir_);
    ASSERT_TRUE(store_);
    SiteService sites(*store_, clock_);
    ASSERT_TRUE(sites.add({"news", {"https://news.example"}, false}));
  }

  PostInput input(std::string body, std::optional<CommentId> parent = {}) {
    PostInput in;
    in.site = SiteId{"news"};
    in.thread_key = "/story";
    in.author = "Sokha";
    in.body = std::move(body);
    in.parent = parent;
    return in;
  }

  Result<Posted> post(const PostInput& in) {
    auto draft = comments_.prepare_post(*store_, in);
    if (!draft) return draft.error();
    std::optional<Result<Posted>> out;
    auto done = store_->transact([&](store::Store& tx) -> Result<void> {
      out.emplace(comments_.commit_post(tx, *draft));
      if (!*out) return out->error();
      return {};
    });
    if (!done) return done.error();
    return std::move(*out);
  }

  template <class T, class F>
  Result<T> in_tx(F&& f) {
    std::optional<Result<T>> out;
    auto done = store_->transact([&](store::Store& tx) -> Result<void> {
      out.emplace(f(tx));
      if (!*out) return out->error();
      return {};
    });
    if (!done) return done.error();
    return std::move(*out);
  }

  ThreadView page(Sort sort = Sort::oldest) {
    auto view = reader_.page(*store_, {SiteId{"news"}, "/story", sort, std::nullopt, std::nullopt});
    EXPECT_TRUE(view) << view.error().message;
    return view ? std::move(*view) : ThreadView{};
  }

  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  FakeClock clock_;
  ReaderIdentity identity_{clock_};
  CommentService comments_{clock_, identity_, CommentPolicy{}};
  ThreadReader reader_{CommentPolicy{}};
  VoteService votes_{clock_};
};

}  // namespace sala::service
