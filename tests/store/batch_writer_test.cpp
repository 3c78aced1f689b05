#include "store/batch_writer.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/store_backends.hpp"

namespace sala::store {
namespace {

// Group commit rests on the backend's transact and savepoint; every backend
// must give it the same behaviour.
class BatchWriterTest : public testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    std::string why_not;
    bool must_fail = false;
    store_ = GetParam().open(dir_, why_not, must_fail);
    if (!store_) {
      if (must_fail) GTEST_FAIL() << why_not;
      GTEST_SKIP() << why_not;
    }
    ASSERT_TRUE(store_->sites().add({SiteId{"s"}, {}, false, {1}}));
    auto t = store_->threads().find_or_create({SiteId{"s"}, "/t", "", "", {1}});
    ASSERT_TRUE(t);
    thread_ = t->id;
  }

  std::int64_t count() {
    auto t = store_->threads().get(thread_);
    return t && *t ? (*t)->comment_count : -1;
  }

  test::TempDir dir_;
  std::unique_ptr<Store> store_;
  ThreadId thread_;
};

TEST_P(BatchWriterTest, EveryJobIsAcknowledgedAfterItsCommit) {
  BatchWriter writer(*store_);
  constexpr int kThreads = 8, kJobs = 200;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&] {
      for (int i = 0; i < kJobs; ++i) {
        std::promise<bool> acked;
        writer.submit([&](Store& tx) { return tx.threads().add_to_count(thread_, 1, std::nullopt); },
                      [&](const Result<void>& r) { acked.set_value(r.has_value()); });
        if (acked.get_future().get()) ++ok;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), kThreads * kJobs);
  EXPECT_EQ(count(), kThreads * kJobs);
}

TEST_P(BatchWriterTest, AFailingJobUndoesOnlyItself) {
  std::promise<void> release;
  auto gate = release.get_future().share();
  BatchWriter writer(*store_);
  std::vector<std::promise<bool>> acks(3);
  // The first job holds the writer so the next three land in one batch.
  writer.submit([gate](Store&) -> Result<void> { gate.wait(); return {}; }, [](const Result<void>&) {});
  for (int i = 0; i < 3; ++i) {
    writer.submit(
        [&, i](Store& tx) -> Result<void> {
          auto added = tx.threads().add_to_count(thread_, 10, std::nullopt);
          if (!added) return added;
          if (i == 1) return Error::invalid("nope", "fails on purpose");
          return {};
        },
        [&, i](const Result<void>& r) { acks[i].set_value(r.has_value()); });
  }
  release.set_value();
  EXPECT_TRUE(acks[0].get_future().get());
  EXPECT_FALSE(acks[1].get_future().get());
  EXPECT_TRUE(acks[2].get_future().get());
  EXPECT_EQ(count(), 20);
}

TEST_P(BatchWriterTest, QueuedJobsRunOnStopAndLaterOnesAreRefused) {
  BatchWriter writer(*store_);
  std::atomic<int> acked{0};
  for (int i = 0; i < 50; ++i) {
    writer.submit([&](Store& tx) { return tx.threads().add_to_count(thread_, 1, std::nullopt); },
                  [&](const Result<void>& r) { acked += r.has_value(); });
  }
  writer.stop();
  EXPECT_EQ(acked.load(), 50);
  std::promise<Errc> refused;
  writer.submit([](Store&) -> Result<void> { return {}; },
                [&](const Result<void>& r) { refused.set_value(r ? Errc::internal : r.error().code); });
  EXPECT_EQ(refused.get_future().get(), Errc::unavailable);
  EXPECT_EQ(count(), 50);
}

TEST_P(BatchWriterTest, AJobWhoseStatementFailsUndoesOnlyItself) {
  // A statement the database refuses (here a foreign key) aborts the whole
  // transaction in PostgreSQL unless its savepoint is rolled back.
  std::promise<void> release;
  auto gate = release.get_future().share();
  BatchWriter writer(*store_);
  std::vector<std::promise<bool>> acks(3);
  writer.submit([gate](Store&) -> Result<void> { gate.wait(); return {}; }, [](const Result<void>&) {});
  for (int i = 0; i < 3; ++i) {
    writer.submit(
        [&, i](Store& tx) -> Result<void> {
          if (i == 1) {
            NewComment orphan;
            orphan.thread = ThreadId{999999};
            orphan.author_name = "x";
            orphan.body_markdown = orphan.body_html = "x";
            auto id = tx.comments().insert(orphan);
            if (!id) return id.error();
          }
          return tx.threads().add_to_count(thread_, 1, std::nullopt);
        },
        [&, i](const Result<void>& r) { acks[i].set_value(r.has_value()); });
  }
  release.set_value();
  EXPECT_TRUE(acks[0].get_future().get());
  EXPECT_FALSE(acks[1].get_future().get());
  EXPECT_TRUE(acks[2].get_future().get());
  EXPECT_EQ(count(), 2);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, BatchWriterTest,
                         testing::Values(test::Backend{"sqlite", test::open_temp_sqlite_store},
                                         test::Backend{"postgres", test::open_temp_postgres_store}),
                         [](const testing::TestParamInfo<test::Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace sala::store
