// One suite, every backend: whatever passes here may be swapped for another.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "store/store_backends.hpp"

namespace sala {
namespace {

using test::Backend;

class StoreContractTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_);
    if (!store_) GTEST_SKIP() << GetParam().name << " backend not configured here";
    ASSERT_TRUE(store_->sites().add({SiteId{"news"}, {"https://news.example"}, false, {1}}));
  }

  Thread thread(const std::string& key) {
    auto t = store_->threads().find_or_create({SiteId{"news"}, key, "Title " + key, "", {1}});
    EXPECT_TRUE(t) << t.error().detail;
    return *t;
  }

  CommentId comment(ThreadId thread, std::int64_t created, std::optional<CommentId> parent = {},
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
    auto id = store_->comments().insert(n);
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

TEST_P(StoreContractTest, SitesAreAddedOnceAndUpdatedByPut) {
  auto again = store_->sites().add({SiteId{"news"}, {}, false, {2}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_STREQ(again.error().wire_code(), "site_exists");

  ASSERT_TRUE(store_->sites().put({SiteId{"news"}, {"https://a.example", "https://b.example"}, true, {3}}));
  auto found = store_->sites().find(SiteId{"news"});
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_TRUE((*found)->premoderate);
  auto missing = store_->sites().find(SiteId{"nope"});
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
  auto all = store_->sites().list();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(StoreContractTest, FindOrCreateReturnsTheSameThread) {
  Thread a = thread("/a");
  Thread again = thread("/a");
  EXPECT_EQ(a.id, again.id);
  EXPECT_EQ(again.title, "Title /a");
  auto byId = store_->threads().get(a.id);
  ASSERT_TRUE(byId && *byId);
  EXPECT_EQ((*byId)->key, "/a");
  auto none = store_->threads().find(SiteId{"news"}, "/b");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

TEST_P(StoreContractTest, CountsFollowAddToCountAndSkipUnknownKeys) {
  Thread a = thread("/a");
  thread("/b");
  ASSERT_TRUE(store_->threads().add_to_count(a.id, 3, Timestamp{50}));
  ASSERT_TRUE(store_->threads().add_to_count(a.id, -1, std::nullopt));
  auto counts = store_->threads().counts(SiteId{"news"}, {"/a", "/b", "/missing"});
  ASSERT_TRUE(counts);
  EXPECT_EQ(*counts, (std::vector<std::pair<std::string, std::int64_t>>{{"/a", 2}, {"/b", 0}}));
  auto t = store_->threads().get(a.id);
  ASSERT_TRUE(t && *t);
  EXPECT_EQ((*t)->last_comment_at, Timestamp{50});
}

TEST_P(StoreContractTest, ClosingAThreadIsStored) {
  Thread a = thread("/a");
  ASSERT_TRUE(store_->threads().set_closed(a.id, true));
  auto t = store_->threads().get(a.id);
  ASSERT_TRUE(t && *t);
  EXPECT_TRUE((*t)->is_closed);
}

TEST_P(StoreContractTest, MostDiscussedCountsRecentApprovedCommentsPerSite) {
  Thread a = thread("/a");
  Thread b = thread("/b");
  Thread c = thread("/c");
  comment(a.id, 100);
  comment(a.id, 200);
  comment(b.id, 150);
  comment(b.id, 160);
  comment(b.id, 170);
  comment(b.id, 180, {}, CommentState::pending);
  comment(c.id, 10);  // too old
  ASSERT_TRUE(store_->sites().add({SiteId{"other"}, {}, false, {1}}));
  auto elsewhere = store_->threads().find_or_create({SiteId{"other"}, "/x", "", "", {1}});
  ASSERT_TRUE(elsewhere);
  for (int i = 0; i < 5; ++i) comment(elsewhere->id, 300 + i);

  auto top = store_->threads().most_discussed(SiteId{"news"}, Timestamp{100}, 10);
  ASSERT_TRUE(top) << top.error();
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].key, "/b");
  EXPECT_EQ((*top)[0].recent_count, 3);
  EXPECT_EQ((*top)[1].key, "/a");
  EXPECT_EQ((*top)[1].recent_count, 2);
  auto one = store_->threads().most_discussed(SiteId{"news"}, Timestamp{0}, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
}

TEST_P(StoreContractTest, RepliesKnowTheirRootAndDepth) {
  Thread a = thread("/a");
  CommentId top = comment(a.id, 10);
  CommentId reply = comment(a.id, 20, top);
  CommentId deeper = comment(a.id, 30, reply);
  auto got = store_->comments().get(deeper);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->root, top);
  EXPECT_EQ((*got)->depth, 2);
  EXPECT_EQ((*got)->parent, reply);
  auto root = store_->comments().get(top);
  ASSERT_TRUE(root && *root);
  EXPECT_EQ((*root)->root, top);
  EXPECT_EQ((*root)->depth, 0);
}

TEST_P(StoreContractTest, AParentFromAnotherThreadIsRefused) {
  Thread a = thread("/a");
  Thread b = thread("/b");
  CommentId inA = comment(a.id, 10);
  NewComment n;
  n.thread = b.id;
  n.parent = inA;
  n.author_name = "x";
  n.body_markdown = n.body_html = "x";
  n.created = Timestamp{20};
  auto id = store_->comments().insert(n);
  ASSERT_FALSE(id);
  EXPECT_STREQ(id.error().wire_code(), "parent_not_found");
  n.parent = CommentId{999999};
  EXPECT_FALSE(store_->comments().insert(n));
}

TEST_P(StoreContractTest, KeysetPagesVisitEveryTopLevelCommentOnceInOrder) {
  Thread a = thread("/a");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 23; ++i) ids.push_back(comment(a.id, 1000 + (i / 2)).value);  // equal times too
  comment(a.id, 5000, CommentId{ids[3]});  // replies are not top-level
  comment(a.id, 6000, {}, CommentState::pending);

  auto oldest = all_pages(a.id, Sort::oldest, 5);
  EXPECT_EQ(oldest, ids);
  auto newest = all_pages(a.id, Sort::newest, 4);
  std::vector<std::int64_t> reversed(ids.rbegin(), ids.rend());
  EXPECT_EQ(newest, reversed);
}

TEST_P(StoreContractTest, VotesOrderByScoreThenNewestId) {
  Thread a = thread("/a");
  CommentId low = comment(a.id, 1);
  CommentId high = comment(a.id, 2);
  CommentId mid = comment(a.id, 3);
  CommentId mid2 = comment(a.id, 4);
  ASSERT_TRUE(store_->comments().add_votes(high, 5, 1));
  ASSERT_TRUE(store_->comments().add_votes(mid, 2, 0));
  ASSERT_TRUE(store_->comments().add_votes(mid2, 3, 1));
  ASSERT_TRUE(store_->comments().add_votes(low, 0, 2));
  auto order = all_pages(a.id, Sort::votes, 1);
  EXPECT_EQ(order, (std::vector<std::int64_t>{high.value, mid2.value, mid.value, low.value}));
}

TEST_P(StoreContractTest, APageCarriesTheRepliesOfItsTopLevelComments) {
  Thread a = thread("/a");
  CommentId first = comment(a.id, 1);
  CommentId second = comment(a.id, 2);
  CommentId r1 = comment(a.id, 3, first);
  CommentId r2 = comment(a.id, 4, r1);
  comment(a.id, 5, second);
  auto page = store_->comments().page({.thread = a.id, .sort = Sort::oldest, .after = {}, .limit = 1});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->top_level.size(), 1u);
  EXPECT_TRUE(page->has_more);
  std::vector<CommentId> replies;
  for (auto& c : page->replies) replies.push_back(c.id);
  EXPECT_EQ(replies, (std::vector<CommentId>{r1, r2}));
}

TEST_P(StoreContractTest, DeletingWipesTheTextAndEraseRemovesTheRow) {
  Thread a = thread("/a");
  CommentId top = comment(a.id, 1);
  CommentId reply = comment(a.id, 2, top);
  ASSERT_TRUE(store_->votes().put(reply, "voter", 1));
  auto children = store_->comments().child_count(top);
  ASSERT_TRUE(children);
  EXPECT_EQ(*children, 1);

  ASSERT_TRUE(store_->comments().mark_deleted(top));
  auto wiped = store_->comments().get(top);
  ASSERT_TRUE(wiped && *wiped);
  EXPECT_EQ((*wiped)->state, CommentState::deleted);
  EXPECT_EQ((*wiped)->author_name, "");
  EXPECT_EQ((*wiped)->body_markdown, "");
  auto token = store_->comments().edit_token_hash(top);
  ASSERT_TRUE(token);
  EXPECT_EQ(*token, "");

  ASSERT_TRUE(store_->comments().erase(reply));
  auto gone = store_->comments().get(reply);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
  auto vote = store_->votes().get(reply, "voter");
  ASSERT_TRUE(vote);
  EXPECT_EQ(*vote, 0);
}

TEST_P(StoreContractTest, EditsReplaceTheBodyAndRecordTheTime) {
  Thread a = thread("/a");
  CommentId id = comment(a.id, 1);
  ASSERT_TRUE(store_->comments().update_body(id, "new *text*", "<p>new <em>text</em></p>", 1, {99}));
  auto got = store_->comments().get(id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->body_markdown, "new *text*");
  EXPECT_EQ((*got)->edited, Timestamp{99});
  auto token = store_->comments().edit_token_hash(id);
  ASSERT_TRUE(token);
  EXPECT_EQ(*token, std::string("\x01\x00\x02", 3));
}

TEST_P(StoreContractTest, OneVotePerVoterAndComment) {
  Thread a = thread("/a");
  CommentId id = comment(a.id, 1);
  ASSERT_TRUE(store_->votes().put(id, "v1", 1));
  ASSERT_TRUE(store_->votes().put(id, "v1", -1));
  ASSERT_TRUE(store_->votes().put(id, "v2", 1));
  auto v1 = store_->votes().get(id, "v1");
  ASSERT_TRUE(v1);
  EXPECT_EQ(*v1, -1);
  ASSERT_TRUE(store_->votes().put(id, "v1", 0));
  v1 = store_->votes().get(id, "v1");
  ASSERT_TRUE(v1);
  EXPECT_EQ(*v1, 0);
}

TEST_P(StoreContractTest, HostileTextIsStoredLiterally) {
  Thread a = thread("'; DROP TABLE comments; --");
  NewComment n;
  n.thread = a.id;
  n.author_name = "Robert'); DROP TABLE threads;--";
  n.body_markdown = std::string("a\0b ' \" \\ % _", 13);
  n.body_html = "<p>x</p>";
  n.created = Timestamp{1};
  auto id = store_->comments().insert(n);
  ASSERT_TRUE(id);
  auto got = store_->comments().get(*id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->author_name, n.author_name);
  EXPECT_EQ((*got)->body_markdown, n.body_markdown);
  auto found = store_->threads().find(SiteId{"news"}, "'; DROP TABLE comments; --");
  ASSERT_TRUE(found && *found);
}

TEST_P(StoreContractTest, AFailedTransactionLeavesNoRows) {
  Thread a = thread("/a");
  auto outcome = store_->transact([&](store::Store& tx) -> Result<void> {
    NewComment n;
    n.thread = a.id;
    n.author_name = "x";
    n.body_markdown = n.body_html = "doomed";
    n.created = Timestamp{1};
    auto id = tx.comments().insert(n);
    if (!id) return id.error();
    return Error::invalid("abort", "abort on purpose");
  });
  ASSERT_FALSE(outcome);
  EXPECT_TRUE(all_pages(a.id, Sort::oldest, 10).empty());
}

TEST_P(StoreContractTest, ASavepointUndoesOnlyItsOwnWork) {
  Thread a = thread("/a");
  auto outcome = store_->transact([&](store::Store& tx) -> Result<void> {
    auto kept = tx.savepoint([&](store::Store& s) -> Result<void> {
      return s.threads().add_to_count(a.id, 1, std::nullopt);
    });
    if (!kept) return kept.error();
    auto undone = tx.savepoint([&](store::Store& s) -> Result<void> {
      auto added = s.threads().add_to_count(a.id, 100, std::nullopt);
      if (!added) return added.error();
      return Error::invalid("abort", "abort on purpose");
    });
    EXPECT_FALSE(undone);
    return {};
  });
  ASSERT_TRUE(outcome);
  auto t = store_->threads().get(a.id);
  ASSERT_TRUE(t && *t);
  EXPECT_EQ((*t)->comment_count, 1);
}

TEST_P(StoreContractTest, SecretsKeepTheFirstValueAndAgeOut) {
  auto first = store_->secrets().get_or_put("fingerprint:1", "aaaa", {10});
  auto second = store_->secrets().get_or_put("fingerprint:1", "bbbb", {20});
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, "aaaa");
  EXPECT_EQ(*second, "aaaa");
  ASSERT_TRUE(store_->secrets().get_or_put("avatar", "cccc", {10}));
  ASSERT_TRUE(store_->secrets().erase_older("fingerprint:", {15}));
  auto replaced = store_->secrets().get_or_put("fingerprint:1", "dddd", {30});
  ASSERT_TRUE(replaced);
  EXPECT_EQ(*replaced, "dddd");
  auto kept = store_->secrets().get_or_put("avatar", "eeee", {30});
  ASSERT_TRUE(kept);
  EXPECT_EQ(*kept, "cccc");
}

TEST_P(StoreContractTest, AnInsertKeepsTheIdItIsGivenAndRefusesATakenOne) {
  Thread a = thread("/a");
  NewComment n;
  n.id = CommentId{4242};
  n.thread = a.id;
  n.author_name = "Imported";
  n.body_markdown = n.body_html = "old";
  n.created = Timestamp{5};
  n.state = CommentState::spam;
  auto id = store_->comments().insert(n);
  ASSERT_TRUE(id) << id.error().detail;
  EXPECT_EQ(id->value, 4242);
  auto got = store_->comments().get(*id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->root.value, 4242);
  EXPECT_EQ((*got)->created.ms, 5);
  EXPECT_EQ((*got)->state, CommentState::spam);

  n.parent = CommentId{4242};
  n.id = CommentId{7};
  auto reply = store_->comments().insert(n);
  ASSERT_TRUE(reply) << reply.error().detail;
  EXPECT_EQ(reply->value, 7);
  auto stored_reply = store_->comments().get(*reply);
  ASSERT_TRUE(stored_reply && *stored_reply);
  EXPECT_EQ((*stored_reply)->root.value, 4242);
  EXPECT_EQ((*stored_reply)->depth, 1);

  auto taken = store_->comments().insert(n);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, Errc::conflict);
}

TEST_P(StoreContractTest, ImportRecordsFindTheirCommentAndGoWithIt) {
  Thread a = thread("/a");
  const CommentId c = comment(a.id, 1);
  auto& transfers = store_->transfers();
  auto none = transfers.find_imported(SiteId{"news"}, "wxr", "10/2");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  ASSERT_TRUE(transfers.remember_imported(SiteId{"news"}, "wxr", "10/2", c));
  auto found = transfers.find_imported(SiteId{"news"}, "wxr", "10/2");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ(**found, c);
  // The same ref from another source, or for another site, is another comment.
  auto other_source = transfers.find_imported(SiteId{"news"}, "disqus", "10/2");
  ASSERT_TRUE(other_source);
  EXPECT_FALSE(*other_source);
  auto again = transfers.remember_imported(SiteId{"news"}, "wxr", "10/2", c);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);

  ASSERT_TRUE(store_->comments().erase(c));
  auto gone = transfers.find_imported(SiteId{"news"}, "wxr", "10/2");
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

TEST_P(StoreContractTest, ExportWalksVisitEveryThreadAndCommentOnceInIdOrder) {
  ASSERT_TRUE(store_->sites().add({SiteId{"other"}, {}, false, {1}}));
  std::vector<ThreadId> mine;
  for (int i = 0; i < 5; ++i) mine.push_back(thread("/t" + std::to_string(i)).id);
  ASSERT_TRUE(store_->threads().find_or_create({SiteId{"other"}, "/t0", "", "", {1}}));

  std::vector<ThreadId> walked;
  ThreadId after{0};
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store_->transfers().threads_after(SiteId{"news"}, after, 2);
    ASSERT_TRUE(page);
    if (page->empty()) break;
    for (const auto& t : *page) {
      EXPECT_EQ(t.site.value, "news");
      walked.push_back(t.id);
    }
    after = page->back().id;
  }
  EXPECT_EQ(walked, mine);

  const CommentId top = comment(mine[0], 10);
  const CommentId pending = comment(mine[0], 20, top, CommentState::pending);
  const CommentId spam = comment(mine[0], 30, std::nullopt, CommentState::spam);
  comment(mine[1], 40);
  std::vector<std::int64_t> ids;
  CommentId cursor{0};
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store_->transfers().comments_after(mine[0], cursor, 2);
    ASSERT_TRUE(page);
    if (page->empty()) break;
    for (const auto& c : *page) {
      ids.push_back(c.comment.id.value);
      EXPECT_EQ(c.author_email, "reader@example.org");
    }
    cursor = page->back().comment.id;
  }
  EXPECT_EQ(ids, (std::vector<std::int64_t>{top.value, pending.value, spam.value}));
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreContractTest,
                         testing::Values(Backend{"sqlite", test::open_temp_sqlite_store}),
                         [](const testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace sala
