// One suite, every backend: whatever passes here may be swapped for another.
#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "store/store_contract_fixture.hpp"

namespace sala {
namespace {

using test::Backend;
using test::StoreContractTest;

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

TEST_P(StoreContractTest, AnchoredCommentsAreListedInArticleOrderAndFilterTheTopLevel) {
  const Thread t = thread("anchors");
  auto anchored = [&](std::int64_t created, std::int64_t start, const std::string& quote,
                      CommentState state = CommentState::approved, std::optional<CommentId> parent = {}) {
    NewComment n;
    n.thread = t.id;
    n.parent = parent;
    n.author_name = "Reader";
    n.body_markdown = "on a passage";
    n.body_html = "<p>on a passage</p>";
    n.state = state;
    n.created = Timestamp{created};
    n.anchor = Anchor{quote, "before ", " after", start, start + static_cast<std::int64_t>(quote.size())};
    auto id = store_->comments().insert(n);
    EXPECT_TRUE(id) << id.error().detail;
    return *id;
  };
  const CommentId plain = comment(t.id, 1);
  const CommentId late = anchored(2, 500, "second passage");
  const CommentId early = anchored(3, 20, "first passage");
  anchored(4, 30, "held passage", CommentState::pending);
  const CommentId reply = anchored(5, 40, "a reply's passage", CommentState::approved, early);
  comment(t.id, 6, plain);

  auto rows = store_->comments().anchored(t.id, 10);
  ASSERT_TRUE(rows) << rows.error().detail;
  ASSERT_EQ(rows->size(), 3u);  // the pending one is not counted
  EXPECT_EQ((*rows)[0].id, early);
  EXPECT_EQ((*rows)[1].id, reply);
  EXPECT_EQ((*rows)[2].id, late);
  EXPECT_EQ((*rows)[0].anchor, (Anchor{"first passage", "before ", " after", 20, 33}));
  auto capped = store_->comments().anchored(t.id, 2);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->size(), 2u);

  auto page = store_->comments().page(
      {.thread = t.id, .sort = Sort::oldest, .after = {}, .limit = 10, .anchored_only = true});
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->top_level.size(), 2u);
  EXPECT_EQ(page->top_level[0].id, late);
  EXPECT_EQ(page->top_level[1].id, early);
  ASSERT_EQ(page->replies.size(), 1u);  // replies come with their anchored root
  EXPECT_EQ(page->replies[0].id, reply);

  auto first = store_->comments().page(
      {.thread = t.id, .sort = Sort::newest, .after = {}, .limit = 1, .anchored_only = true});
  ASSERT_TRUE(first);
  ASSERT_EQ(first->top_level.size(), 1u);
  EXPECT_TRUE(first->has_more);
  const Comment& last = first->top_level.back();
  auto second = store_->comments().page({.thread = t.id, .sort = Sort::newest,
                                         .after = PageCursor{Sort::newest, last.created.ms, last.id},
                                         .limit = 1, .anchored_only = true});
  ASSERT_TRUE(second);
  ASSERT_EQ(second->top_level.size(), 1u);
  EXPECT_EQ(second->top_level[0].id, late);
  EXPECT_FALSE(second->has_more);

  auto everything = store_->comments().page({.thread = t.id, .sort = Sort::oldest, .after = {}, .limit = 10});
  ASSERT_TRUE(everything);
  EXPECT_EQ(everything->top_level.size(), 3u);
}

TEST_P(StoreContractTest, ARejectedCommentStaysAsThePlaceOfItsApprovedReplies) {
  const Thread t = thread("verdicts");
  const CommentId root = comment(t.id, 1);
  const CommentId reply = comment(t.id, 2, root);
  const CommentId alone = comment(t.id, 3);
  const CommentId spam_root = comment(t.id, 4);
  comment(t.id, 5, spam_root, CommentState::pending);  // a held reply keeps nothing up
  ASSERT_TRUE(store_->moderation().set_state(root, CommentState::rejected));
  ASSERT_TRUE(store_->moderation().set_state(alone, CommentState::spam));
  ASSERT_TRUE(store_->moderation().set_state(spam_root, CommentState::spam));

  auto page = store_->comments().page({.thread = t.id, .sort = Sort::oldest, .after = {}, .limit = 10});
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->top_level.size(), 1u);
  EXPECT_EQ(page->top_level[0].id, root);
  EXPECT_EQ(page->top_level[0].state, CommentState::rejected);
  ASSERT_EQ(page->replies.size(), 1u);
  EXPECT_EQ(page->replies[0].id, reply);
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
  auto replaced = store_->votes().put(id, "v1", 0);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(*replaced, -1);
  v1 = store_->votes().get(id, "v1");
  ASSERT_TRUE(v1);
  EXPECT_EQ(*v1, 0);
  auto first = store_->votes().put(id, "v3", -1);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 0);
  auto same = store_->votes().put(id, "v3", -1);
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, -1);
}

TEST_P(StoreContractTest, VoteCountersStayExactUnderContention) {
  // Many writers change the same voters' votes at once, each in its own
  // transaction, and keep the counters from the vote each one replaced (as
  // VoteService does). The counters must match the stored votes exactly.
  Thread a = thread("/a");
  CommentId id = comment(a.id, 1);
  constexpr int kWriters = 6, kRounds = 40, kVoters = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int r = 0; r < kRounds; ++r) {
        const std::string voter = "voter" + std::to_string((w + r) % kVoters);
        const int value = (w + r) % 3 - 1;
        auto done = store_->transact([&](store::Store& tx) -> Result<void> {
          auto previous = tx.votes().put(id, voter, value);
          if (!previous) return previous.error();
          return tx.comments().add_votes(id, (value == 1) - (*previous == 1),
                                         (value == -1) - (*previous == -1));
        });
        if (!done) ++failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::int64_t up = 0, down = 0;
  for (int v = 0; v < kVoters; ++v) {
    auto value = store_->votes().get(id, "voter" + std::to_string(v));
    ASSERT_TRUE(value);
    up += *value == 1;
    down += *value == -1;
  }
  auto got = store_->comments().get(id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->upvotes, up);
  EXPECT_EQ((*got)->downvotes, down);
}

TEST_P(StoreContractTest, AnnouncingIsAllowedAtTopLevelAndInATransaction) {
  // Whether anyone hears it is the backend's business (see the PostgreSQL
  // tests); announcing must never disturb the write it belongs to.
  Thread a = thread("/a");
  ASSERT_TRUE(store_->announce({SiteId{"news"}, "/a", std::nullopt}));
  auto done = store_->transact([&](store::Store& tx) -> Result<void> {
    auto counted = tx.threads().add_to_count(a.id, 1, std::nullopt);
    if (!counted) return counted.error();
    return tx.announce({SiteId{"news"}, "/a", CommentId{1}});
  });
  ASSERT_TRUE(done) << done.error();
  auto t = store_->threads().get(a.id);
  ASSERT_TRUE(t && *t);
  EXPECT_EQ((*t)->comment_count, 1);
}

TEST_P(StoreContractTest, HostileTextIsStoredLiterally) {
  Thread a = thread("'; DROP TABLE comments; --");
  NewComment n;
  n.thread = a.id;
  n.author_name = "Robert'); DROP TABLE threads;--";
  n.body_markdown = "a ' \" \\ % _ $1 ? {\"x\",y} \\x00";
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

TEST_P(StoreContractTest, TextWithANulIsRefusedNotCut) {
  Thread a = thread("/a");
  NewComment n;
  n.thread = a.id;
  n.author_name = "x";
  n.body_markdown = std::string("before\0after", 12);
  n.body_html = "<p>x</p>";
  n.created = Timestamp{1};
  auto id = store_->comments().insert(n);
  ASSERT_FALSE(id);
  EXPECT_STREQ(id.error().wire_code(), "invalid_text");
  auto counts = store_->threads().counts(SiteId{"news"}, {std::string("/a\0b", 4)});
  ASSERT_FALSE(counts);
  EXPECT_STREQ(counts.error().wire_code(), "invalid_text");
  // Binary values are not text: a digest may hold any byte.
  ASSERT_TRUE(store_->votes().put(comment(a.id, 2), std::string("\0\0", 2), 1));
}

TEST_P(StoreContractTest, CountsKeepTheOrderAskedAndQuoteKeys) {
  thread("/b");
  thread("/a,\"{}\\");
  auto counts = store_->threads().counts(SiteId{"news"}, {"/a,\"{}\\", "/none", "/b"});
  ASSERT_TRUE(counts) << counts.error();
  EXPECT_EQ(*counts, (std::vector<std::pair<std::string, std::int64_t>>{{"/a,\"{}\\", 0}, {"/b", 0}}));
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

// ---- Staff accounts and moderation ----------------------------------------------------------

TEST_P(StoreContractTest, AccountsHaveUniqueNamesAndTheirSites) {
  auto id = store_->accounts().add({"Desk", Role::moderator, {SiteId{"news"}}, "hash-1", {5}});
  ASSERT_TRUE(id) << id.error().detail;
  auto again = store_->accounts().add({"Desk", Role::admin, {}, "hash-2", {6}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_STREQ(again.error().wire_code(), "account_exists");
  auto unknown_site = store_->accounts().add({"Other", Role::moderator, {SiteId{"nosuch"}}, "h", {6}});
  ASSERT_FALSE(unknown_site);
  EXPECT_STREQ(unknown_site.error().wire_code(), "site_not_found");

  auto found = store_->accounts().find_by_name("Desk");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->account.id, *id);
  EXPECT_EQ((*found)->account.role, Role::moderator);
  EXPECT_EQ((*found)->account.sites, std::vector<SiteId>{SiteId{"news"}});
  EXPECT_EQ((*found)->password_hash, "hash-1");
  auto by_id = store_->accounts().get(*id);
  ASSERT_TRUE(by_id && *by_id);
  EXPECT_EQ((*by_id)->name, "Desk");
  auto missing = store_->accounts().find_by_name("desk");  // names are exact
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
  auto all = store_->accounts().list();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1U);
}

TEST_P(StoreContractTest, SessionsExpireAndEndWithAPasswordChange) {
  auto id = store_->accounts().add({"Desk", Role::admin, {}, "hash", {1}});
  ASSERT_TRUE(id);
  const std::string digest("\x00\x01\xff", 3);
  ASSERT_TRUE(store_->accounts().add_session({digest, *id, "csrf", {100}, {200}}));
  auto live = store_->accounts().find_session(digest, {150});
  ASSERT_TRUE(live && *live);
  EXPECT_EQ((*live)->account, *id);
  EXPECT_EQ((*live)->csrf_token, "csrf");
  auto expired = store_->accounts().find_session(digest, {200});
  ASSERT_TRUE(expired);
  EXPECT_FALSE(*expired);

  ASSERT_TRUE(store_->accounts().add_session({"other", *id, "c2", {160}, {1000}}));
  ASSERT_TRUE(store_->accounts().set_password(*id, "new-hash", {170}));
  auto after = store_->accounts().find_session("other", {171});
  ASSERT_TRUE(after);
  EXPECT_FALSE(*after) << "a password change signs every session out";
  auto stored = store_->accounts().find_by_name("Desk");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->password_hash, "new-hash");

  ASSERT_TRUE(store_->accounts().add_session({"third", *id, "c3", {180}, {1000}}));
  ASSERT_TRUE(store_->accounts().remove_session("third"));
  auto gone = store_->accounts().find_session("third", {181});
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

TEST_P(StoreContractTest, TheQueueShowsPendingReportedAndSpamNewestFirst) {
  const Thread t = thread("/q");
  const CommentId pending_old = comment(t.id, 10, {}, CommentState::pending);
  const CommentId pending_new = comment(t.id, 20, {}, CommentState::pending);
  const CommentId spam = comment(t.id, 30, {}, CommentState::spam);
  const CommentId reported = comment(t.id, 40);
  comment(t.id, 50);  // approved, unreported: in no queue
  ASSERT_TRUE(store_->reports().add({reported, "r1", "rude", {41}}));
  ASSERT_TRUE(store_->reports().add({reported, "r2", "off topic", {42}}));

  auto pending = store_->moderation().queue({SiteId{"news"}, QueueKind::pending, std::nullopt, 10});
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2U);
  EXPECT_EQ((*pending)[0].comment.id, pending_new);
  EXPECT_EQ((*pending)[1].comment.id, pending_old);
  EXPECT_EQ((*pending)[0].thread_key, "/q");
  auto older = store_->moderation().queue({SiteId{"news"}, QueueKind::pending, pending_new, 10});
  ASSERT_TRUE(older);
  ASSERT_EQ(older->size(), 1U);
  EXPECT_EQ((*older)[0].comment.id, pending_old);

  auto spam_queue = store_->moderation().queue({SiteId{"news"}, QueueKind::spam, std::nullopt, 10});
  ASSERT_TRUE(spam_queue);
  ASSERT_EQ(spam_queue->size(), 1U);
  EXPECT_EQ((*spam_queue)[0].comment.id, spam);

  auto reports = store_->moderation().queue({SiteId{"news"}, QueueKind::reported, std::nullopt, 10});
  ASSERT_TRUE(reports);
  ASSERT_EQ(reports->size(), 1U);
  EXPECT_EQ((*reports)[0].comment.id, reported);
  EXPECT_EQ((*reports)[0].report_count, 2);
  EXPECT_EQ((*reports)[0].report_reasons, (std::vector<std::string>{"off topic", "rude"}));

  EXPECT_EQ(store_->moderation().queue_size(SiteId{"news"}, QueueKind::pending).value(), 2);
  EXPECT_EQ(store_->moderation().queue_size(SiteId{"news"}, QueueKind::reported).value(), 1);
  ASSERT_TRUE(store_->moderation().clear_reports(reported));
  EXPECT_EQ(store_->moderation().queue_size(SiteId{"news"}, QueueKind::reported).value(), 0);

  ASSERT_TRUE(store_->moderation().set_state(pending_new, CommentState::approved));
  EXPECT_EQ(store_->comments().get(pending_new).value()->state, CommentState::approved);
  EXPECT_EQ(store_->moderation().queue_size(SiteId{"news"}, QueueKind::pending).value(), 1);
  auto missing = store_->moderation().set_state(CommentId{999999}, CommentState::approved);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
}

TEST_P(StoreContractTest, AuthorsAreKnownByFingerprintOrEmail) {
  const Thread t = thread("/authors");
  NewComment n;
  n.thread = t.id;
  n.author_name = "Ada";
  n.author_email = "Ada@Example.org";
  n.body_markdown = "x";
  n.body_html = "<p>x</p>";
  n.renderer_version = 1;
  n.created = {100};
  n.author_fingerprint = std::string("\x00fp1", 4);
  auto id = store_->comments().insert(n);
  ASSERT_TRUE(id);
  auto keys = store_->moderation().author_keys(*id);
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys->fingerprint, n.author_fingerprint);
  EXPECT_EQ(keys->email, "Ada@Example.org");
  EXPECT_EQ(keys->account, "");

  EXPECT_TRUE(store_->moderation().is_known_author(SiteId{"news"}, n.author_fingerprint, "").value());
  EXPECT_TRUE(store_->moderation().is_known_author(SiteId{"news"}, "other", "ada@example.org").value());
  EXPECT_FALSE(store_->moderation().is_known_author(SiteId{"news"}, "other", "").value());
  EXPECT_FALSE(store_->moderation().is_known_author(SiteId{"news"}, "other", "bob@example.org").value());

  auto last = store_->moderation().last_post_by(t.id, n.author_fingerprint);
  ASSERT_TRUE(last && *last);
  EXPECT_EQ((*last)->ms, 100);
  auto none = store_->moderation().last_post_by(t.id, "other");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

TEST_P(StoreContractTest, BansHoldUntilTheyExpireOrAreLifted) {
  auto by = store_->accounts().add({"Desk", Role::admin, {}, "h", {1}});
  ASSERT_TRUE(by);
  const std::string fingerprint("\x00\x01\x02", 3);
  auto timed = store_->moderation().add_ban({0, SiteId{"news"}, BanKind::fingerprint, fingerprint, Timestamp{500},
                                            "spam", *by, {100}});
  ASSERT_TRUE(timed);
  auto forever = store_->moderation().add_ban({0, SiteId{"news"}, BanKind::email, "troll@example.org",
                                              std::nullopt, "abuse", *by, {100}});
  ASSERT_TRUE(forever);

  auto active = store_->moderation().active_ban(SiteId{"news"}, BanKind::fingerprint, fingerprint, {499});
  ASSERT_TRUE(active && *active);
  EXPECT_EQ((*active)->reason, "spam");
  EXPECT_FALSE(store_->moderation().active_ban(SiteId{"news"}, BanKind::fingerprint, fingerprint, {500}).value());
  EXPECT_FALSE(store_->moderation().active_ban(SiteId{"news"}, BanKind::email, fingerprint, {100}).value())
      << "a ban holds against its own kind of key only";
  EXPECT_TRUE(store_->moderation().active_ban(SiteId{"news"}, BanKind::email, "troll@example.org", {1'000'000}).value());

  auto listed = store_->moderation().bans(SiteId{"news"}, {200});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 2U);
  EXPECT_EQ(store_->moderation().bans(SiteId{"news"}, {600}).value().size(), 1U);

  EXPECT_FALSE(store_->moderation().remove_ban(SiteId{"other"}, *forever).value()) << "only on its own site";
  EXPECT_TRUE(store_->moderation().remove_ban(SiteId{"news"}, *forever).value());
  EXPECT_FALSE(store_->moderation().active_ban(SiteId{"news"}, BanKind::email, "troll@example.org", {100}).value());
}

TEST_P(StoreContractTest, SettingsAreSavedAndReadWithTheSite) {
  Site site{SiteId{"news"}, {"https://news.example"}, true, {1}};
  site.premoderate_links = true;
  site.premoderate_first = true;
  site.slow_mode_seconds = 30;
  EXPECT_EQ(site.challenge, ChallengeMode::off) << "the default asks nothing of existing sites";
  site.challenge = ChallengeMode::attack;
  ASSERT_TRUE(store_->moderation().save_settings(site));
  auto found = store_->sites().find(SiteId{"news"});
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->premoderate);
  EXPECT_TRUE((*found)->premoderate_links);
  EXPECT_TRUE((*found)->premoderate_first);
  EXPECT_EQ((*found)->slow_mode_seconds, 30);
  EXPECT_EQ((*found)->challenge, ChallengeMode::attack);
  site.id = SiteId{"nosuch"};
  auto missing = store_->moderation().save_settings(site);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
}

TEST_P(StoreContractTest, TheAuditLogIsReadNewestFirstAndCannotBeRewritten) {
  for (int i = 1; i <= 3; ++i) {
    auto id = store_->moderation().append_audit({0, Timestamp{i * 10}, AccountId{1}, "Desk",
                                                 SiteId{i == 2 ? "other" : "news"}, "approve",
                                                 "comment " + std::to_string(i), "ok"});
    ASSERT_TRUE(id);
  }
  auto all = store_->moderation().audit(std::nullopt, std::nullopt, 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[0].target, "comment 3");
  auto news = store_->moderation().audit(SiteId{"news"}, std::nullopt, 10);
  ASSERT_TRUE(news);
  ASSERT_EQ(news->size(), 2U);
  auto older = store_->moderation().audit(std::nullopt, (*all)[0].id, 1);
  ASSERT_TRUE(older);
  ASSERT_EQ(older->size(), 1U);
  EXPECT_EQ((*older)[0].target, "comment 2");
}


TEST_P(StoreContractTest, WordListsAreReplacedWhole) {
  EXPECT_EQ(store_->moderation().word_lists(SiteId{"news"}).value(), WordLists{});
  ASSERT_TRUE(store_->moderation().set_word_lists(SiteId{"news"}, {{"free money", "spam"}, {"crypto"}}));
  EXPECT_EQ(store_->moderation().word_lists(SiteId{"news"}).value(), (WordLists{{"free money", "spam"}, {"crypto"}}));
  ASSERT_TRUE(store_->moderation().set_word_lists(SiteId{"news"}, {{}, {"crypto", "crypto"}}));
  EXPECT_EQ(store_->moderation().word_lists(SiteId{"news"}).value(), (WordLists{{}, {"crypto"}}));
}

TEST_P(StoreContractTest, TheSpamFilterLearnsEachCommentOnceAndCanChangeItsMind) {
  const SiteId news{"news"};
  ASSERT_TRUE(store_->moderation().train_spam(news, CommentId{1}, {"casino", "bonus"}, SpamLabel::spam));
  ASSERT_TRUE(store_->moderation().train_spam(news, CommentId{2}, {"casino", "river"}, SpamLabel::ham));
  ASSERT_TRUE(store_->moderation().train_spam(news, CommentId{1}, {"casino", "bonus"}, SpamLabel::spam));  // again: nothing
  auto e = store_->moderation().spam_evidence(news, {"casino", "bonus", "river", "unseen"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->spam_comments, 1);
  EXPECT_EQ(e->ham_comments, 1);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts(e->tokens.begin(), e->tokens.end());
  EXPECT_EQ(counts.size(), 3U) << "an unseen token is absent";
  EXPECT_EQ(counts["casino"], std::make_pair(std::int64_t{1}, std::int64_t{1}));
  EXPECT_EQ(counts["bonus"], std::make_pair(std::int64_t{1}, std::int64_t{0}));

  // A moderator changes their mind: comment 1 was fine after all.
  ASSERT_TRUE(store_->moderation().train_spam(news, CommentId{1}, {"casino", "bonus"}, SpamLabel::ham));
  auto after = store_->moderation().spam_evidence(news, {"casino", "bonus"});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->spam_comments, 0);
  EXPECT_EQ(after->ham_comments, 2);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> moved(after->tokens.begin(), after->tokens.end());
  EXPECT_EQ(moved["casino"], std::make_pair(std::int64_t{0}, std::int64_t{2}));
  EXPECT_EQ(moved["bonus"], std::make_pair(std::int64_t{0}, std::int64_t{1}));

  auto other = store_->moderation().spam_evidence(SiteId{"other"}, {"casino"});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->ham_comments, 0) << "each site has its own filter";
  EXPECT_TRUE(other->tokens.empty());
}

// --- Notifications and feeds ---

CommentId comment_by(store::Store& s, ThreadId thread, std::string email, std::int64_t created,
                     std::optional<CommentId> parent = {}, CommentState state = CommentState::approved) {
  NewComment n;
  n.thread = thread;
  n.parent = parent;
  n.author_name = "Author " + email;
  n.author_email = std::move(email);
  n.body_markdown = "b";
  n.body_html = "<p>b</p>";
  n.renderer_version = 1;
  n.state = state;
  n.created = Timestamp{created};
  auto id = s.comments().insert(n);
  EXPECT_TRUE(id) << id.error().detail;
  return *id;
}

TEST_P(StoreContractTest, FeedsShowOnlyApprovedCommentsNewestFirst) {
  const Thread a = thread("/a");
  const Thread b = thread("/b");
  const CommentId a1 = comment(a.id, 10);
  comment(a.id, 20, std::nullopt, CommentState::pending);
  comment(a.id, 30, std::nullopt, CommentState::spam);
  const CommentId b1 = comment(b.id, 40);
  const CommentId deleted = comment(b.id, 50);
  ASSERT_TRUE(store_->comments().mark_deleted(deleted));

  auto site = store_->feeds().recent(SiteId{"news"}, std::nullopt, 10);
  ASSERT_TRUE(site);
  ASSERT_EQ(site->size(), 2u);
  EXPECT_EQ((*site)[0].id, b1);
  EXPECT_EQ((*site)[0].thread_key, "/b");
  EXPECT_EQ((*site)[1].id, a1);
  auto one = store_->feeds().recent(SiteId{"news"}, std::string("/a"), 10);
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].thread_title, "Title /a");
  auto limited = store_->feeds().recent(SiteId{"news"}, std::nullopt, 1);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->size(), 1u);
  auto other = store_->feeds().recent(SiteId{"other"}, std::nullopt, 10);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
}

TEST_P(StoreContractTest, SubscriptionsAreAddedOnceAndConfirmedUpToATime) {
  auto& subs = store_->subscriptions();
  const Thread t = thread("/a");
  auto r = subs.recipient("ann@example.org", {1});
  auto again = subs.recipient("ann@example.org", {2});
  ASSERT_TRUE(r && again);
  EXPECT_EQ(*r, *again);
  auto s1 = subs.add({*r, t.id, SubscriptionKind::thread, std::nullopt, {10}});
  auto s1b = subs.add({*r, t.id, SubscriptionKind::thread, std::nullopt, {11}});
  const CommentId c = comment(t.id, 5);
  auto s2 = subs.add({*r, t.id, SubscriptionKind::replies, c, {20}});
  ASSERT_TRUE(s1 && s1b && s2);
  EXPECT_EQ(*s1, *s1b);
  EXPECT_NE(*s1, *s2);

  auto first = subs.claim_confirmation(*r, {100}, {0});
  auto second = subs.claim_confirmation(*r, {101}, {0});
  auto later = subs.claim_confirmation(*r, {200}, {150});
  ASSERT_TRUE(first && second && later);
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second) << "one confirmation per interval";
  EXPECT_TRUE(*later);

  auto pending = subs.pending(*r, {15});
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].thread_key, "/a");
  auto confirmed = subs.confirm(*r, {15});
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(*confirmed, 1);
  auto all = subs.list(*r);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_TRUE((*all)[0].confirmed);
  EXPECT_FALSE((*all)[1].confirmed);
  EXPECT_EQ((*all)[1].kind, SubscriptionKind::replies);
}

TEST_P(StoreContractTest, MatchingFindsThreadAndReplySubscribersButNotTheAuthor) {
  auto& subs = store_->subscriptions();
  const Thread t = thread("/a");
  const Thread other = thread("/b");
  const CommentId by_ann = comment_by(*store_, t.id, "ann@example.org", 10);
  const CommentId by_bob = comment_by(*store_, t.id, "bob@example.org", 11);
  auto ann = subs.recipient("ann@example.org", {1});
  auto bob = subs.recipient("bob@example.org", {1});
  auto cat = subs.recipient("cat@example.org", {1});
  auto dan = subs.recipient("dan@example.org", {1});
  ASSERT_TRUE(ann && bob && cat && dan);
  auto ann_replies = subs.add({*ann, t.id, SubscriptionKind::replies, std::nullopt, {2}});
  auto ann_thread = subs.add({*ann, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  auto bob_thread = subs.add({*bob, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  auto cat_on_bob = subs.add({*cat, t.id, SubscriptionKind::replies, by_bob, {2}});
  auto dan_other = subs.add({*dan, other.id, SubscriptionKind::thread, std::nullopt, {2}});
  ASSERT_TRUE(ann_replies && ann_thread && bob_thread && cat_on_bob && dan_other);
  for (auto r : {*ann, *bob, *cat, *dan}) ASSERT_TRUE(subs.confirm(r, {5}));

  // Bob replies to Ann: Ann (as a reply), not Bob himself, not Cat (who follows Bob's comment).
  const CommentId reply = comment_by(*store_, t.id, "bob@example.org", 20, by_ann);
  auto stored = store_->comments().get(reply);
  ASSERT_TRUE(stored && *stored);
  auto m = subs.matching(**stored);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].recipient, *ann);
  EXPECT_EQ((*m)[0].kind, SubscriptionKind::replies);
  EXPECT_EQ((*m)[0].email, "ann@example.org");

  // Eve replies to Bob: Ann and Bob follow the thread; Cat follows Bob's comment.
  const CommentId to_bob = comment_by(*store_, t.id, "eve@example.org", 21, by_bob);
  stored = store_->comments().get(to_bob);
  ASSERT_TRUE(stored && *stored);
  m = subs.matching(**stored);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 3u);
  std::map<std::int64_t, SubscriptionKind> kinds;
  for (const auto& x : *m) kinds[x.recipient.value] = x.kind;
  EXPECT_EQ(kinds[ann->value], SubscriptionKind::thread);
  EXPECT_EQ(kinds[bob->value], SubscriptionKind::thread);
  EXPECT_EQ(kinds[cat->value], SubscriptionKind::replies);

  // Unconfirmed subscriptions never match.
  auto eve = subs.recipient("eve2@example.org", {1});
  ASSERT_TRUE(eve && subs.add({*eve, t.id, SubscriptionKind::thread, std::nullopt, {2}}));
  m = subs.matching(**stored);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->size(), 3u);
}

TEST_P(StoreContractTest, TokensServeOnePurposeUntilTheyExpire) {
  auto& subs = store_->subscriptions();
  const Thread t = thread("/a");
  auto r = subs.recipient("ann@example.org", {1});
  ASSERT_TRUE(r);
  auto s = subs.add({*r, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  ASSERT_TRUE(s);
  ASSERT_TRUE(subs.add_token({std::string("\x01\x02", 2), TokenPurpose::unsubscribe, *r, *s, {10}, {100}}));
  ASSERT_TRUE(subs.add_token({"manage-digest", TokenPurpose::manage, *r, std::nullopt, {10}, {100}}));
  auto found = subs.find_token(std::string("\x01\x02", 2), TokenPurpose::unsubscribe, {50});
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->subscription, *s);
  EXPECT_EQ((*found)->recipient, *r);
  auto wrong_purpose = subs.find_token(std::string("\x01\x02", 2), TokenPurpose::manage, {50});
  ASSERT_TRUE(wrong_purpose);
  EXPECT_FALSE(*wrong_purpose);
  auto expired = subs.find_token("manage-digest", TokenPurpose::manage, {100});
  ASSERT_TRUE(expired);
  EXPECT_FALSE(*expired);
  ASSERT_TRUE(subs.erase_expired_tokens({100}));
  auto gone = subs.find_token("manage-digest", TokenPurpose::manage, {50});
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

TEST_P(StoreContractTest, TheAddressGoesWithItsLastSubscription) {
  auto& subs = store_->subscriptions();
  const Thread t = thread("/a");
  auto r = subs.recipient("ann@example.org", {1});
  ASSERT_TRUE(r);
  auto s1 = subs.add({*r, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  auto s2 = subs.add({*r, t.id, SubscriptionKind::replies, std::nullopt, {2}});
  ASSERT_TRUE(s1 && s2);
  ASSERT_TRUE(subs.add_token({"d", TokenPurpose::manage, *r, std::nullopt, {1}, {1000}}));
  ASSERT_TRUE(store_->outbox().queue({SiteId{"news"}, *r, MailKind::notification, "ann@example.org",
                                      "m1@x", "message", {5}}));
  auto removed = subs.remove(*r, *s1);
  ASSERT_TRUE(removed);
  EXPECT_TRUE(*removed);
  auto not_yet = subs.erase_if_unused(*r);
  ASSERT_TRUE(not_yet);
  EXPECT_FALSE(*not_yet);
  auto stranger = subs.remove(RecipientId{r->value + 100}, *s2);
  ASSERT_TRUE(stranger);
  EXPECT_FALSE(*stranger) << "a subscription is removed only by its owner";
  ASSERT_TRUE(subs.remove_all(*r));
  auto erased = subs.erase_if_unused(*r);
  ASSERT_TRUE(erased);
  EXPECT_TRUE(*erased);
  auto email = subs.email(*r);
  ASSERT_TRUE(email);
  EXPECT_FALSE(*email);
  auto token = subs.find_token("d", TokenPurpose::manage, {10});
  ASSERT_TRUE(token);
  EXPECT_FALSE(*token);
  auto queued = store_->outbox().queued();
  ASSERT_TRUE(queued);
  EXPECT_EQ(*queued, 0) << "mails to a forgotten address are not sent";
}

TEST_P(StoreContractTest, OutboxEventsAndMailsWithLeasesAndRetries) {
  auto& outbox = store_->outbox();
  ASSERT_TRUE(outbox.add_event(NotifyEventKind::comment_visible, 7, {1}));
  ASSERT_TRUE(outbox.add_event(NotifyEventKind::comment_pending, 8, {2}));
  ASSERT_TRUE(outbox.add_event(NotifyEventKind::comment_visible, 9, {3}));
  auto visible = outbox.events(NotifyEventKind::comment_visible, 10);
  ASSERT_TRUE(visible);
  ASSERT_EQ(visible->size(), 2u);
  EXPECT_EQ((*visible)[0].subject, 7);
  EXPECT_EQ((*visible)[1].subject, 9);
  auto taken = outbox.take_event((*visible)[0].id);
  ASSERT_TRUE(taken);
  EXPECT_TRUE(*taken);
  taken = outbox.take_event((*visible)[0].id);
  ASSERT_TRUE(taken);
  EXPECT_FALSE(*taken) << "an event is taken once";
  visible = outbox.events(NotifyEventKind::comment_visible, 10);
  ASSERT_TRUE(visible);
  EXPECT_EQ(visible->size(), 1u);

  ASSERT_TRUE(outbox.queue({SiteId{"news"}, std::nullopt, MailKind::moderation, "ed@x.example", "a@x", "A", {100}}));
  ASSERT_TRUE(outbox.queue({SiteId{"news"}, std::nullopt, MailKind::moderation, "ed@x.example", "b@x", "B", {110}}));
  auto dup = outbox.queue({SiteId{"news"}, std::nullopt, MailKind::moderation, "ed@x.example", "b@x", "B", {110}});
  EXPECT_FALSE(dup) << "a Message-ID is queued once";
  auto claimed = outbox.claim({120}, {1000}, 10);
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 2u);
  EXPECT_EQ((*claimed)[0].message, "A");
  auto hidden = outbox.claim({500}, {2000}, 10);
  ASSERT_TRUE(hidden);
  EXPECT_TRUE(hidden->empty()) << "claimed mails wait for their lease";
  ASSERT_TRUE(outbox.sent((*claimed)[0].id));
  ASSERT_TRUE(outbox.failed((*claimed)[1].id, {1500}, "down"));
  auto retried = outbox.claim({1500}, {3000}, 10);
  ASSERT_TRUE(retried);
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ(retried->front().attempts, 1);
  EXPECT_EQ(retried->front().message_id, "b@x");

  auto by_site = outbox.count_logged(std::nullopt, SiteId{"news"}, MailKind::moderation, {105});
  auto all = outbox.count_logged(std::nullopt, std::nullopt, std::nullopt, {0});
  ASSERT_TRUE(by_site && all);
  EXPECT_EQ(*by_site, 1);
  EXPECT_EQ(*all, 2);
  ASSERT_TRUE(outbox.prune_log({200}));
  all = outbox.count_logged(std::nullopt, std::nullopt, std::nullopt, {0});
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, 0);
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

TEST_P(StoreContractTest, TheSubscriptionWalkGivesASitesConfirmedSubscriptionsInIdOrder) {
  auto& subs = store_->subscriptions();
  ASSERT_TRUE(store_->sites().add({SiteId{"other"}, {}, false, {1}}));
  const Thread a = thread("/a");
  const Thread b = thread("/b");
  auto elsewhere = store_->threads().find_or_create({SiteId{"other"}, "/a", "", "", {1}});
  ASSERT_TRUE(elsewhere);
  const CommentId c = comment(a.id, 5);
  auto ann = subs.recipient("ann@example.org", {1});
  auto bob = subs.recipient("bob@example.org", {1});
  ASSERT_TRUE(ann && bob);
  auto s1 = subs.add({*ann, a.id, SubscriptionKind::thread, std::nullopt, {10}});
  auto s2 = subs.add({*bob, a.id, SubscriptionKind::replies, c, {20}});
  auto s3 = subs.add({*bob, b.id, SubscriptionKind::replies, std::nullopt, {30}});
  auto other_site = subs.add({*ann, elsewhere->id, SubscriptionKind::thread, std::nullopt, {40}});
  ASSERT_TRUE(s1 && s2 && s3 && other_site);
  ASSERT_TRUE(subs.confirm(*ann, {100}));
  ASSERT_TRUE(subs.confirm(*bob, {20}));  // s3 stays pending
  auto daily = subs.set_delivery(*bob, *s2, Delivery::daily);
  ASSERT_TRUE(daily && *daily);

  std::vector<store::StoredSubscription> walked;
  SubscriptionId after{0};
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store_->transfers().subscriptions_after(SiteId{"news"}, after, 1);
    ASSERT_TRUE(page) << page.error().detail;
    if (page->empty()) break;
    EXPECT_EQ(page->size(), 1u);
    walked.insert(walked.end(), page->begin(), page->end());
    after = page->back().id;
  }
  ASSERT_EQ(walked.size(), 2u) << "confirmed ones of this site only";
  EXPECT_EQ(walked[0].id, *s1);
  EXPECT_EQ(walked[0].email, "ann@example.org");
  EXPECT_EQ(walked[0].thread_key, "/a");
  EXPECT_EQ(walked[0].kind, SubscriptionKind::thread);
  EXPECT_FALSE(walked[0].comment);
  EXPECT_EQ(walked[0].delivery, Delivery::each);
  EXPECT_EQ(walked[0].created, Timestamp{10});
  EXPECT_EQ(walked[1].id, *s2);
  EXPECT_EQ(walked[1].email, "bob@example.org");
  EXPECT_EQ(walked[1].kind, SubscriptionKind::replies);
  EXPECT_EQ(walked[1].comment, c);
  EXPECT_EQ(walked[1].delivery, Delivery::daily);
  EXPECT_EQ(walked[1].created, Timestamp{20});
}

TEST_P(StoreContractTest, ARestoredSubscriptionIsConfirmedAndNeverDoubled) {
  auto& subs = store_->subscriptions();
  const Thread t = thread("/a");
  const CommentId c = comment(t.id, 5);
  auto ann = subs.recipient("ann@example.org", {1});
  ASSERT_TRUE(ann);
  auto added = store_->transfers().restore_subscription({*ann, t.id, SubscriptionKind::replies, c, {7}},
                                                        Delivery::hourly);
  ASSERT_TRUE(added) << added.error().detail;
  EXPECT_TRUE(*added);
  auto again = store_->transfers().restore_subscription({*ann, t.id, SubscriptionKind::replies, c, {8}},
                                                        Delivery::daily);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);

  // A pending subscription already there is left as it is, unconfirmed.
  auto pending = subs.add({*ann, t.id, SubscriptionKind::thread, std::nullopt, {9}});
  ASSERT_TRUE(pending);
  auto over_pending = store_->transfers().restore_subscription(
      {*ann, t.id, SubscriptionKind::thread, std::nullopt, {3}}, Delivery::daily);
  ASSERT_TRUE(over_pending);
  EXPECT_FALSE(*over_pending);

  auto list = subs.list(*ann);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].kind, SubscriptionKind::replies);
  EXPECT_TRUE((*list)[0].confirmed);
  EXPECT_EQ((*list)[0].comment, c);
  EXPECT_EQ((*list)[0].delivery, Delivery::hourly);
  EXPECT_EQ((*list)[0].created, Timestamp{7});
  EXPECT_FALSE((*list)[1].confirmed);
  EXPECT_EQ((*list)[1].delivery, Delivery::each);

  // Confirmed: the next reply reaches it without a confirmation mail.
  Comment reply;
  reply.id = comment(t.id, 10, c);
  reply.thread = t.id;
  reply.parent = c;
  auto matched = subs.matching(reply);
  ASSERT_TRUE(matched);
  ASSERT_EQ(matched->size(), 1u);
  EXPECT_EQ((*matched)[0].recipient, *ann);
  EXPECT_EQ((*matched)[0].kind, SubscriptionKind::replies);
  EXPECT_EQ((*matched)[0].delivery, Delivery::hourly);
}

TEST_P(StoreContractTest, DeliveryIsSetOnlyByTheOwnerAndShownInListsAndMatches) {
  auto& subs = store_->subscriptions();
  const Thread t = thread("/a");
  auto ann = subs.recipient("ann@example.org", {1});
  auto bob = subs.recipient("bob@example.org", {1});
  ASSERT_TRUE(ann && bob);
  auto s = subs.add({*ann, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  ASSERT_TRUE(s);
  ASSERT_TRUE(subs.confirm(*ann, {2}));
  auto foreign = subs.set_delivery(*bob, *s, Delivery::daily);
  ASSERT_TRUE(foreign);
  EXPECT_FALSE(*foreign) << "only the owner changes a subscription";
  auto set = subs.set_delivery(*ann, *s, Delivery::hourly);
  ASSERT_TRUE(set);
  EXPECT_TRUE(*set);
  auto list = subs.list(*ann);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].delivery, Delivery::hourly);
  EXPECT_EQ((*list)[0].created, Timestamp{2});

  Comment c;
  c.id = comment(t.id, 10);
  c.thread = t.id;
  auto before = subs.matching(c);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0].delivery, Delivery::hourly);
  EXPECT_FALSE((*before)[0].digest_waiting);
  ASSERT_TRUE(store_->digests().add(*s, c.id, {100}, std::chrono::milliseconds(50)));
  auto after = subs.matching(c);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_TRUE((*after)[0].digest_waiting);
}

TEST_P(StoreContractTest, ADigestIsDueAPeriodAfterItsFirstCommentAndGathersTheRest) {
  auto& subs = store_->subscriptions();
  auto& digests = store_->digests();
  const Thread t = thread("/a");
  auto r = subs.recipient("ann@example.org", {1});
  ASSERT_TRUE(r);
  auto s = subs.add({*r, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  auto other = subs.add({*r, thread("/b").id, SubscriptionKind::thread, std::nullopt, {2}});
  ASSERT_TRUE(s && other);
  const CommentId c1 = comment(t.id, 10), c2 = comment(t.id, 11), c3 = comment(t.id, 12);
  const std::chrono::milliseconds hour(3'600'000);
  ASSERT_TRUE(digests.add(*s, c1, {1000}, hour));
  ASSERT_TRUE(digests.add(*s, c2, {2000}, hour));
  ASSERT_TRUE(digests.add(*s, c2, {2500}, hour)) << "the same comment twice changes nothing";
  ASSERT_TRUE(digests.add(*other, c3, {3000}, hour));

  auto early = digests.due({1000 + hour.count() - 1}, 10);
  ASSERT_TRUE(early);
  EXPECT_TRUE(early->empty());
  auto due = digests.due({1000 + hour.count()}, 10);
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u) << "the later comment joined the first one's digest";
  EXPECT_EQ((*due)[0].subscription, *s);
  EXPECT_EQ((*due)[0].recipient, *r);
  EXPECT_EQ((*due)[0].email, "ann@example.org");
  EXPECT_EQ((*due)[0].thread, t.id);
  auto comments = digests.comments(*s, {1000 + hour.count()});
  ASSERT_TRUE(comments);
  EXPECT_EQ(*comments, (std::vector<CommentId>{c1, c2}));
  ASSERT_TRUE(digests.erase(*s, {1000 + hour.count()}));
  auto left = digests.due({3000 + hour.count()}, 10);
  ASSERT_TRUE(left);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].subscription, *other) << "another subscription's digest is untouched";

  // A new comment after the digest went starts a new one, a whole period later.
  const CommentId c4 = comment(t.id, 13);
  ASSERT_TRUE(digests.add(*s, c4, {1000 + hour.count() + 5}, hour));
  auto next = digests.comments(*s, {1000 + 2 * hour.count() + 4});
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->empty());
  // Ending the subscription drops what it gathered.
  ASSERT_TRUE(subs.remove(*r, *s));
  auto gone = digests.comments(*s, {1'000'000'000});
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->empty());
}

TEST_P(StoreContractTest, AReaderDataLinkIsOnePerAddressAndItsDownloadWorksOnce) {
  auto& data = store_->reader_data();
  auto put = data.put_link({"digest-1", "ann@example.org", {100}, {200}, false}, {0});
  ASSERT_TRUE(put);
  EXPECT_TRUE(*put);
  auto too_soon = data.put_link({"digest-2", "ann@example.org", {150}, {250}, false}, {50});
  ASSERT_TRUE(too_soon);
  EXPECT_FALSE(*too_soon) << "one link per address per period";
  auto found = data.find_link("digest-1", {150});
  ASSERT_TRUE(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->email, "ann@example.org");
  EXPECT_FALSE((*found)->downloaded);
  auto absent = data.find_link("digest-2", {150});
  ASSERT_TRUE(absent);
  EXPECT_FALSE(*absent);
  auto expired = data.find_link("digest-1", {200});
  ASSERT_TRUE(expired);
  EXPECT_FALSE(*expired);

  auto first = data.mark_downloaded("digest-1");
  auto second = data.mark_downloaded("digest-1");
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second);

  // Later, a new link replaces the old one, download unused again.
  auto later = data.put_link({"digest-3", "ann@example.org", {300}, {400}, false}, {250});
  ASSERT_TRUE(later);
  EXPECT_TRUE(*later);
  auto old = data.find_link("digest-1", {150});
  ASSERT_TRUE(old);
  EXPECT_FALSE(*old) << "the older link is void";
  auto fresh = data.find_link("digest-3", {350});
  ASSERT_TRUE(fresh && *fresh);
  EXPECT_FALSE((*fresh)->downloaded);

  ASSERT_TRUE(data.put_link({"digest-4", "bob@example.org", {300}, {400}, false}, {0}));
  ASSERT_TRUE(data.erase_expired_links({400}));
  auto bob = data.find_link("digest-4", {300});
  ASSERT_TRUE(bob);
  EXPECT_FALSE(*bob) << "expired links go, with their address";
  ASSERT_TRUE(data.put_link({"digest-5", "cy@example.org", {500}, {900}, false}, {0}));
  ASSERT_TRUE(data.erase_link("cy@example.org"));
  auto cy = data.find_link("digest-5", {600});
  ASSERT_TRUE(cy);
  EXPECT_FALSE(*cy);
}

TEST_P(StoreContractTest, AReadersDataIsFoundByAddressAndErasedWithoutTouchingOthers) {
  auto& data = store_->reader_data();
  const Thread t = thread("/a");
  const CommentId mine = comment(t.id, 10);  // written with reader@example.org
  NewComment theirs;
  theirs.thread = t.id;
  theirs.author_name = "Other";
  theirs.author_email = "other@example.org";
  theirs.body_markdown = "other body";
  theirs.body_html = "<p>other body</p>";
  theirs.renderer_version = 1;
  theirs.created = Timestamp{11};
  theirs.author_fingerprint = std::string(16, '\x07');
  auto other = store_->comments().insert(theirs);
  NewComment anonymous = theirs;
  anonymous.author_name = "Nobody";
  anonymous.author_email = "";
  anonymous.created = Timestamp{12};
  auto nameless = store_->comments().insert(anonymous);
  ASSERT_TRUE(other && nameless);

  auto known = data.has_data("reader@example.org", "");
  auto unknown = data.has_data("nobody@example.org", "");
  auto empty = data.has_data("", "");
  ASSERT_TRUE(known && unknown && empty);
  EXPECT_TRUE(*known);
  EXPECT_FALSE(*unknown);
  EXPECT_FALSE(*empty) << "comments without an address belong to nobody";
  auto none = data.comments("", "");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  auto comments = data.comments("reader@example.org", "");
  ASSERT_TRUE(comments);
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ((*comments)[0].id, mine);
  EXPECT_EQ((*comments)[0].site, SiteId{"news"});
  EXPECT_EQ((*comments)[0].thread_key, "/a");
  EXPECT_EQ((*comments)[0].thread_title, "Title /a");
  EXPECT_EQ((*comments)[0].markdown, "body 10");

  auto& subs = store_->subscriptions();
  auto r = subs.recipient("reader@example.org", {1});
  auto o = subs.recipient("other@example.org", {1});
  ASSERT_TRUE(r && o);
  auto s = subs.add({*r, t.id, SubscriptionKind::replies, mine, {2}});
  auto os = subs.add({*o, t.id, SubscriptionKind::thread, std::nullopt, {2}});
  ASSERT_TRUE(s && os);
  ASSERT_TRUE(store_->digests().add(*s, *other, {3}, std::chrono::milliseconds(10)));
  auto listed = data.subscriptions("reader@example.org");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].comment, mine);

  ASSERT_TRUE(data.forget_author(mine, "Former reader", "00000000"));
  auto forgotten = store_->comments().get(mine);
  ASSERT_TRUE(forgotten && *forgotten);
  EXPECT_EQ((*forgotten)->author_name, "Former reader");
  EXPECT_EQ((*forgotten)->avatar, "00000000");
  EXPECT_EQ((*forgotten)->body_markdown, "body 10") << "the text stays";
  auto hash = store_->comments().edit_token_hash(mine);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->empty());
  auto after = data.comments("reader@example.org", "");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty()) << "the address is gone from the comment";

  auto ended = data.erase_subscriber("reader@example.org");
  ASSERT_TRUE(ended);
  EXPECT_EQ(*ended, 1);
  auto still = data.has_data("reader@example.org", "");
  ASSERT_TRUE(still);
  EXPECT_FALSE(*still);
  auto digest = store_->digests().comments(*s, {1'000});
  ASSERT_TRUE(digest);
  EXPECT_TRUE(digest->empty());

  // Nothing of the other reader moved.
  auto others = data.comments("other@example.org", "");
  ASSERT_TRUE(others);
  ASSERT_EQ(others->size(), 1u);
  EXPECT_EQ((*others)[0].author, "Other");
  auto other_subs = data.subscriptions("other@example.org");
  ASSERT_TRUE(other_subs);
  EXPECT_EQ(other_subs->size(), 1u);
  auto other_keys = store_->moderation().author_keys(*other);
  ASSERT_TRUE(other_keys);
  EXPECT_EQ(other_keys->fingerprint, std::string(16, '\x07'));
  EXPECT_EQ(other_keys->email, "other@example.org");
  auto my_keys = store_->moderation().author_keys(mine);
  ASSERT_TRUE(my_keys);
  EXPECT_TRUE(my_keys->fingerprint.empty());
  EXPECT_TRUE(my_keys->email.empty());
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StoreContractTest,
                         testing::Values(Backend{"sqlite", test::open_temp_sqlite_store},
                                         Backend{"postgres", test::open_temp_postgres_store}),
                         [](const testing::TestParamInfo<Backend>& param) { return param.param.name; });

}  // namespace
}  // namespace sala
