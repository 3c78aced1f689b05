// The Store contract for pinned and featured comments, thread settings and
// each site's edit window (instantiated for every backend in store_contract_test.cpp).
#include <gtest/gtest.h>

#include "store/store_contract_fixture.hpp"

namespace sala {
namespace {

using test::StoreContractTest;

std::vector<std::int64_t> ids_of(const std::vector<Comment>& comments) {
  std::vector<std::int64_t> ids;
  for (const Comment& c : comments) ids.push_back(c.id.value);
  return ids;
}

TEST_P(StoreContractTest, PinnedCommentsOpenTheFirstPageOfEverySortAndNoOtherPage) {
  const Thread t = thread("/pins");
  std::vector<CommentId> ids;
  for (int i = 1; i <= 5; ++i) ids.push_back(comment(t.id, i * 1000));
  const CommentId reply = comment(t.id, 9000, ids[1]);
  const CommentId hidden = comment(t.id, 9500, std::nullopt, CommentState::pending);
  ASSERT_TRUE(store_->moderation().set_pinned(ids[1], true));
  ASSERT_TRUE(store_->moderation().set_pinned(hidden, true));  // pending: never shown
  auto pinned = store_->moderation().pinned_count(t.id);
  ASSERT_TRUE(pinned);
  EXPECT_EQ(*pinned, 1);

  for (Sort sort : {Sort::newest, Sort::oldest, Sort::votes}) {
    auto first = store_->comments().page({.thread = t.id, .sort = sort, .after = std::nullopt, .limit = 2});
    ASSERT_TRUE(first);
    EXPECT_EQ(ids_of(first->pinned), std::vector<std::int64_t>{ids[1].value}) << to_string(sort);
    ASSERT_EQ(first->pinned.size(), 1U);
    EXPECT_TRUE(first->pinned.front().pinned);
    EXPECT_EQ(ids_of(first->replies), std::vector<std::int64_t>{reply.value}) << to_string(sort);
    // The pinned comment is nowhere else, and paging still visits every other one once.
    const auto rest = all_pages(t.id, sort, 2);
    EXPECT_EQ(rest.size(), 4U) << to_string(sort);
    EXPECT_EQ(std::count(rest.begin(), rest.end(), ids[1].value), 0) << to_string(sort);
  }
  auto later = store_->comments().page(
      {.thread = t.id, .sort = Sort::oldest, .after = PageCursor{Sort::oldest, 1000, ids[0]}, .limit = 10});
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->pinned.empty());

  ASSERT_TRUE(store_->moderation().set_pinned(ids[1], false));
  auto unpinned = store_->comments().page({.thread = t.id, .sort = Sort::oldest, .after = std::nullopt, .limit = 10});
  ASSERT_TRUE(unpinned);
  EXPECT_TRUE(unpinned->pinned.empty());
  EXPECT_EQ(unpinned->top_level.size(), 5U);
}

TEST_P(StoreContractTest, FeaturingIsStoredAndDeletingClearsBothMarks) {
  const Thread t = thread("/featured");
  const CommentId top = comment(t.id, 1000);
  comment(t.id, 2000, top);  // a reply keeps the deleted comment as a placeholder
  ASSERT_TRUE(store_->moderation().set_featured(top, true));
  ASSERT_TRUE(store_->moderation().set_pinned(top, true));
  auto marked = store_->comments().get(top);
  ASSERT_TRUE(marked && *marked);
  EXPECT_TRUE((*marked)->featured);
  EXPECT_TRUE((*marked)->pinned);
  ASSERT_TRUE(store_->comments().mark_deleted(top));
  auto deleted = store_->comments().get(top);
  ASSERT_TRUE(deleted && *deleted);
  EXPECT_FALSE((*deleted)->featured);
  EXPECT_FALSE((*deleted)->pinned);
  auto missing = store_->moderation().set_featured(CommentId{999999}, true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
}

TEST_P(StoreContractTest, ThreadSettingsAreUnsetUntilSavedAndKeepEachNull) {
  const Thread t = thread("/settings");
  auto none = store_->moderation().thread_settings(t.id);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, ThreadSettings{});
  const ThreadSettings own{true, std::nullopt, false, 45};
  ASSERT_TRUE(store_->moderation().save_thread_settings(t.id, own));
  auto found = store_->moderation().thread_settings(t.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, own);
  const ThreadSettings back{std::nullopt, true, std::nullopt, std::nullopt};
  ASSERT_TRUE(store_->moderation().save_thread_settings(t.id, back));
  EXPECT_EQ(store_->moderation().thread_settings(t.id).value(), back);
  // Another thread is untouched.
  EXPECT_EQ(store_->moderation().thread_settings(thread("/other").id).value(), ThreadSettings{});
}

TEST_P(StoreContractTest, ASitesEditWindowIsSavedAndClearedWithItsSettings) {
  Site site = store_->sites().find(SiteId{"news"}).value().value();
  EXPECT_FALSE(site.edit_window_seconds);
  site.edit_window_seconds = 120;
  ASSERT_TRUE(store_->moderation().save_settings(site));
  EXPECT_EQ(store_->sites().find(SiteId{"news"}).value()->edit_window_seconds, 120);
  site.edit_window_seconds = std::nullopt;
  ASSERT_TRUE(store_->moderation().save_settings(site));
  EXPECT_FALSE(store_->sites().find(SiteId{"news"}).value()->edit_window_seconds);
}

}  // namespace
}  // namespace sala

namespace sala {
namespace {

using test::StoreContractTest;

TEST_P(StoreContractTest, AVerifiedReadersAccountAndBadgeAreStoredAndBannable) {
  const Thread t = thread("/verified");
  NewComment n = draft(t.id, 100);
  n.author_account = "sso:42";
  n.author_badge = "Subscriber";
  const CommentId id = store_->comments().insert(n).value();
  EXPECT_EQ(store_->comments().get(id).value()->author_badge, "Subscriber");
  EXPECT_EQ(store_->moderation().author_keys(id).value().account, "sso:42");
  auto page = store_->comments().page({.thread = t.id, .sort = Sort::oldest, .after = std::nullopt, .limit = 5});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->top_level.size(), 1U);
  EXPECT_EQ(page->top_level.front().author_badge, "Subscriber");

  const auto by = store_->accounts().add({"Desk", Role::admin, {}, "h", {1}});
  ASSERT_TRUE(by);
  const auto ban = store_->moderation().add_ban(
      {0, SiteId{"news"}, BanKind::account, "sso:42", std::nullopt, "abuse", *by, {100}});
  ASSERT_TRUE(ban) << ban.error();
  auto found = store_->moderation().active_ban(SiteId{"news"}, BanKind::account, "sso:42", {200});
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->kind, BanKind::account);
  EXPECT_FALSE(store_->moderation().active_ban(SiteId{"news"}, BanKind::account, "sso:43", {200}).value());

  ASSERT_TRUE(store_->comments().mark_deleted(id));
  EXPECT_EQ(store_->comments().get(id).value()->author_badge, "");
}

TEST_P(StoreContractTest, ReservedNamesBelongToTheirAccountOnTheirSite) {
  ASSERT_TRUE(store_->sites().add({SiteId{"blog"}, {}, false, {1}}));
  EXPECT_FALSE(store_->moderation().is_name_reserved(SiteId{"news"}, "dara", "").value());
  ASSERT_TRUE(store_->moderation().reserve_name(SiteId{"news"}, "sso:42", "dara", {100}));
  EXPECT_TRUE(store_->moderation().is_name_reserved(SiteId{"news"}, "dara", "").value());
  EXPECT_FALSE(store_->moderation().is_name_reserved(SiteId{"news"}, "dara", "sso:42").value());
  EXPECT_FALSE(store_->moderation().is_name_reserved(SiteId{"blog"}, "dara", "").value());
  // A new name frees the old one.
  ASSERT_TRUE(store_->moderation().reserve_name(SiteId{"news"}, "sso:42", "sokha", {200}));
  EXPECT_FALSE(store_->moderation().is_name_reserved(SiteId{"news"}, "dara", "").value());
  EXPECT_TRUE(store_->moderation().is_name_reserved(SiteId{"news"}, "sokha", "").value());
}

TEST_P(StoreContractTest, PutReplacesASecretAndFindReadsIt) {
  EXPECT_FALSE(store_->secrets().find("sso_key:news").value());
  ASSERT_TRUE(store_->secrets().put("sso_key:news", "first", {1}));
  EXPECT_EQ(store_->secrets().find("sso_key:news").value(), "first");
  ASSERT_TRUE(store_->secrets().put("sso_key:news", std::string("second\0key", 10), {2}));
  EXPECT_EQ(store_->secrets().find("sso_key:news").value(), std::string("second\0key", 10));
  EXPECT_EQ(store_->secrets().get_or_put("sso_key:news", "third", {3}).value(), std::string("second\0key", 10));
}

}  // namespace
}  // namespace sala

namespace sala {
namespace {

using test::StoreContractTest;

TEST_P(StoreContractTest, AnAccountsAlertAddressIsStoredChangedAndCleared) {
  NewAccount n{"Desk", Role::moderator, {SiteId{"news"}}, "h", {1}, "desk@news.example"};
  const AccountId id = store_->accounts().add(n).value();
  EXPECT_EQ(store_->accounts().get(id).value()->alert_email, "desk@news.example");
  EXPECT_EQ(store_->accounts().find_by_name("Desk").value()->account.alert_email, "desk@news.example");
  EXPECT_EQ(store_->accounts().find_by_name("Desk").value()->password_hash, "h");
  ASSERT_TRUE(store_->accounts().set_alert_email(id, "desk@elsewhere.example"));
  EXPECT_EQ(store_->accounts().list().value().front().alert_email, "desk@elsewhere.example");
  ASSERT_TRUE(store_->accounts().set_alert_email(id, ""));
  EXPECT_EQ(store_->accounts().get(id).value()->alert_email, "");
  auto missing = store_->accounts().set_alert_email(AccountId{424242}, "x@example.org");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
}

}  // namespace
}  // namespace sala
