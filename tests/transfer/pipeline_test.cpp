// The two-thread import: either side's failure stops both, without a hang,
// and leaves nothing behind.
#include "service/reader_identity.hpp"
#include "transfer/import_fixture.hpp"
#include "transfer/pipeline.hpp"

namespace sala::transfer {
namespace {

class PipelineTest : public ImportTest {
 protected:
  // Feeds `n` top-level comments to the sink, then fails if asked to.
  static Result<void> feed(CommentSink& sink, int n, bool fail_at_end) {
    SourceThread t;
    t.ref = t.key = "/t";
    if (auto done = sink.thread(t); !done) return done;
    for (int i = 0; i < n; ++i) {
      SourceComment c;
      c.ref = std::to_string(i);
      c.thread_ref = "/t";
      c.parent_ref = i % 2 ? std::optional<std::string>("missing-" + std::to_string(i)) : std::nullopt;
      c.author = "A";
      c.body_markdown = "comment " + std::to_string(i);
      c.created = Timestamp{i};
      if (auto done = sink.comment(std::move(c)); !done) return done;
    }
    if (fail_at_end) return Error::invalid("reader_failed", "the reader failed");
    return {};
  }

  Result<ImportSummary> run(int n, bool fail_at_end, std::size_t max_waiting_bytes) {
    service::ReaderIdentity identity(clock_);
    EXPECT_TRUE(identity.avatar_seed(*store_, SiteId{"news"}, ""));
    ImportSummary summary;
    auto done = store_->transact([&](store::Store& tx) -> Result<void> {
      ImportWriter writer(tx, identity,
                          {.site = SiteId{"news"}, .source = "test", .max_waiting_bytes = max_waiting_bytes},
                          summary);
      auto read = read_in_parallel(writer, [&](CommentSink& sink) { return feed(sink, n, fail_at_end); });
      if (!read) return read.error();
      return writer.finish();
    });
    if (!done) return done.error();
    return summary;
  }
};

TEST_F(PipelineTest, EverythingArrivesInOrder) {
  auto summary = run(5000, false, 64u << 20);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 2500);
  EXPECT_EQ(summary->skipped["reply to a missing comment"], 2500);
  auto rows = comments();
  ASSERT_EQ(rows.size(), 2500u);
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LT(rows[i - 1].c().created, rows[i].c().created);
}

TEST_F(PipelineTest, AWriterFailureStopsTheReader) {
  // Orphans pile up past a tiny limit long before the reader is done.
  auto summary = run(200'000, false, 10'000);
  ASSERT_FALSE(summary);
  EXPECT_STREQ(summary.error().wire_code(), "import_too_many_orphans");
  EXPECT_TRUE(comments().empty());
}

TEST_F(PipelineTest, AReaderFailureUndoesWhatWasWritten) {
  auto summary = run(3000, true, 64u << 20);
  ASSERT_FALSE(summary);
  EXPECT_STREQ(summary.error().wire_code(), "reader_failed");
  EXPECT_TRUE(comments().empty());
  EXPECT_TRUE(threads().empty());
}

}  // namespace
}  // namespace sala::transfer
