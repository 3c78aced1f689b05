// Pinning, featuring, a thread's own settings and a site's edit window, as
// readers then meet them.
#include <gtest/gtest.h>

#include "service/moderation_service.hpp"
#include "service_fixture.hpp"

namespace sala::service {
namespace {

class ModerationMarksTest : public ServiceTest {
 protected:
  Result<Marked> mark(CommentId id, CommentMark m, bool on, const Account& who) {
    return in_tx<Marked>([&](store::Store& tx) { return moderation_.mark(tx, who, id, m, on, "worth reading"); });
  }

  Result<ThreadModeration> set_thread(const ThreadSettings& s) {
    return in_tx<ThreadModeration>([&](store::Store& tx) {
      return moderation_.change_thread_settings(tx, admin_, SiteId{"news"}, "/story", s, "busy story");
    });
  }

  Result<Site> set_site(const SiteSettings& s) {
    return in_tx<Site>([&](store::Store& tx) { return moderation_.change_settings(tx, admin_, s, ""); });
  }

  CommentId posted(const std::string& body, std::optional<CommentId> parent = {}) {
    auto done = post(input(body, parent));
    EXPECT_TRUE(done) << done.error().message;
    clock_.advance(std::chrono::seconds(1));
    return done ? done->comment.id : CommentId{};
  }

  std::vector<std::int64_t> top_level_ids(Sort sort) {
    std::vector<std::int64_t> ids;
    for (const auto& root : page(sort).comments) ids.push_back(root.root.comment.id.value);
    return ids;
  }

  ModerationService moderation_{clock_};
  Account admin_{AccountId{1}, "Editor", Role::admin, {}, {}, {}};
  Account far_{AccountId{2}, "Far", Role::moderator, {SiteId{"elsewhere"}}, {}, {}};
};

TEST_F(ModerationMarksTest, APinnedCommentComesFirstInEverySortAndIsLogged) {
  const CommentId a = posted("first");
  const CommentId b = posted("second");
  const CommentId c = posted("third");
  ASSERT_TRUE(votes_.vote(*store_, c, "voter", 1));
  ASSERT_TRUE(mark(b, CommentMark::pinned, true, admin_));
  EXPECT_EQ(top_level_ids(Sort::oldest), (std::vector<std::int64_t>{b.value, a.value, c.value}));
  EXPECT_EQ(top_level_ids(Sort::newest), (std::vector<std::int64_t>{b.value, c.value, a.value}));
  EXPECT_EQ(top_level_ids(Sort::votes), (std::vector<std::int64_t>{b.value, c.value, a.value}));
  auto log = moderation_.audit(*store_, admin_, std::nullopt, std::nullopt, 10);
  ASSERT_TRUE(log);
  ASSERT_FALSE(log->empty());
  EXPECT_EQ(log->front().action, "pin");
  EXPECT_EQ(log->front().target, "comment " + std::to_string(b.value));
  EXPECT_EQ(log->front().reason, "worth reading");

  ASSERT_TRUE(mark(b, CommentMark::pinned, false, admin_));
  EXPECT_EQ(top_level_ids(Sort::oldest), (std::vector<std::int64_t>{a.value, b.value, c.value}));
  EXPECT_EQ(moderation_.audit(*store_, admin_, std::nullopt, std::nullopt, 1)->front().action, "unpin");
}

TEST_F(ModerationMarksTest, OnlyPublishedTopLevelCommentsArePinnedAndOnlyThreeAThread) {
  const CommentId top = posted("top");
  const CommentId reply = posted("reply", top);
  auto refused = mark(reply, CommentMark::pinned, true, admin_);
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "pin_top_level_only");
  // A reply may be featured all the same.
  ASSERT_TRUE(mark(reply, CommentMark::featured, true, admin_));

  std::vector<CommentId> more{top, posted("two"), posted("three"), posted("four")};
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(mark(more[i], CommentMark::pinned, true, admin_));
  auto fourth = mark(more[3], CommentMark::pinned, true, admin_);
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().code, Errc::conflict);
  // Pinning one already pinned again is no new pin.
  EXPECT_TRUE(mark(more[0], CommentMark::pinned, true, admin_));

  ASSERT_TRUE(set_site({SiteId{"news"}, true, false, false, 0, std::nullopt}));
  const CommentId held = post(input("held")).value().comment.id;
  for (CommentMark m : {CommentMark::pinned, CommentMark::featured}) {
    auto pending = mark(held, m, true, admin_);
    ASSERT_FALSE(pending);
    EXPECT_STREQ(pending.error().wire_code(), "comment_not_approved");
  }
  auto foreign = mark(top, CommentMark::featured, true, far_);
  ASSERT_FALSE(foreign);
  EXPECT_STREQ(foreign.error().wire_code(), "not_your_site");
  auto missing = mark(CommentId{424242}, CommentMark::featured, true, admin_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
}

TEST_F(ModerationMarksTest, FeaturedCommentsCarryTheMark) {
  const CommentId a = posted("fine");
  ASSERT_TRUE(mark(a, CommentMark::featured, true, admin_));
  const ThreadView view = page();
  ASSERT_EQ(view.comments.size(), 1U);
  EXPECT_TRUE(view.comments.front().root.comment.featured);
  EXPECT_FALSE(view.comments.front().root.comment.pinned);
}

TEST_F(ModerationMarksTest, AThreadsOwnPremoderationOverridesTheSitesBothWays) {
  posted("creates the thread");
  auto held = set_thread({true, std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(held) << held.error().message;
  EXPECT_TRUE(held->effective.premoderate);
  EXPECT_EQ(post(input("waits")).value().comment.state, CommentState::pending);
  // Another thread follows the site.
  PostInput elsewhere = input("published");
  elsewhere.thread_key = "/other";
  EXPECT_EQ(post(elsewhere).value().comment.state, CommentState::approved);

  ASSERT_TRUE(set_site({SiteId{"news"}, true, false, false, 0, std::nullopt}));
  ASSERT_TRUE(set_thread({false, std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_EQ(post(input("open thread")).value().comment.state, CommentState::approved);
  EXPECT_EQ(post(elsewhere).value().comment.state, CommentState::pending);

  // Null again: the thread follows the site once more.
  ASSERT_TRUE(set_thread({}));
  EXPECT_EQ(post(input("follows the site")).value().comment.state, CommentState::pending);
  EXPECT_EQ(moderation_.audit(*store_, admin_, std::nullopt, std::nullopt, 1)->front().action, "thread_settings");
}

TEST_F(ModerationMarksTest, AThreadsOwnSlowModeHoldsOnlyThere) {
  posted("creates the thread");
  ASSERT_TRUE(set_thread({std::nullopt, std::nullopt, std::nullopt, 60}));
  PostInput in = input("one");
  in.fingerprint = "reader-1";
  ASSERT_TRUE(post(in));
  clock_.advance(std::chrono::seconds(10));
  auto again = post(in);
  ASSERT_FALSE(again);
  EXPECT_STREQ(again.error().wire_code(), "slow_mode");
  EXPECT_EQ(again.error().retry_after_seconds, 50);
  in.thread_key = "/other";
  EXPECT_TRUE(post(in));
  auto log = moderation_.audit(*store_, admin_, std::nullopt, std::nullopt, 1);
  EXPECT_EQ(log->front().action, "thread_settings");
  EXPECT_NE(log->front().target.find("slow_mode=60s"), std::string::npos);
}

TEST_F(ModerationMarksTest, ThreadSettingsNeedAThreadTheSiteAndSaneValues) {
  auto unknown = set_thread({true, std::nullopt, std::nullopt, std::nullopt});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Errc::not_found);
  posted("creates the thread");
  auto negative = set_thread({std::nullopt, std::nullopt, std::nullopt, -1});
  ASSERT_FALSE(negative);
  EXPECT_STREQ(negative.error().wire_code(), "slow_mode_invalid");
  auto foreign = moderation_.thread_settings(*store_, far_, SiteId{"news"}, "/story");
  ASSERT_FALSE(foreign);
  EXPECT_STREQ(foreign.error().wire_code(), "not_your_site");
}

TEST_F(ModerationMarksTest, ASitesEditWindowReplacesTheServersDefault) {
  auto first = post(input("editable"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(set_site({SiteId{"news"}, false, false, false, 0, 60}));
  clock_.advance(std::chrono::seconds(61));
  auto draft = comments_.prepare_edit(first->comment.id, "changed", first->edit_token);
  ASSERT_TRUE(draft);
  auto late = in_tx<Changed>([&](store::Store& tx) { return comments_.commit_edit(tx, *draft); });
  ASSERT_FALSE(late);
  EXPECT_STREQ(late.error().wire_code(), "edit_window_closed");
  // Back to the server's fifteen minutes.
  ASSERT_TRUE(set_site({SiteId{"news"}, false, false, false, 0, std::nullopt}));
  EXPECT_TRUE(in_tx<Changed>([&](store::Store& tx) { return comments_.commit_edit(tx, *draft); }));
  auto too_long = set_site({SiteId{"news"}, false, false, false, 0, 8 * 24 * 3600});
  ASSERT_FALSE(too_long);
  EXPECT_STREQ(too_long.error().wire_code(), "edit_window_invalid");
}

}  // namespace
}  // namespace sala::service
