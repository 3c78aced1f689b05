// The Store contract for readers' sign-in links, signed-out tokens, sites for
// signed-in readers only, and spent proof-of-work challenges (instantiated for
// every backend in store_contract_test.cpp).
#include <gtest/gtest.h>

#include "store/store_contract_fixture.hpp"

namespace sala {
namespace {

using test::StoreContractTest;

ReaderSignin signin(std::string digest, std::string account, std::int64_t created, std::int64_t expires) {
  return {std::move(digest), SiteId{"news"}, std::move(account), "Ann", "binding-digest",
          Timestamp{created}, Timestamp{expires}};
}

TEST_P(StoreContractTest, ASignInLinkIsOnePerAccountAndSignsInOnce) {
  auto& signins = store_->reader_signins();
  auto put = signins.put(signin("code-1", "email:aa", 100, 200), {0});
  ASSERT_TRUE(put);
  EXPECT_TRUE(*put);
  auto too_soon = signins.put(signin("code-2", "email:aa", 150, 250), {50});
  ASSERT_TRUE(too_soon);
  EXPECT_FALSE(*too_soon) << "one mail per account in a while";
  auto other = signins.put(signin("code-9", "email:bb", 150, 250), {50});
  ASSERT_TRUE(other);
  EXPECT_TRUE(*other) << "another account is not held back";

  auto found = signins.find("code-1", {150});
  ASSERT_TRUE(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->site.value, "news");
  EXPECT_EQ((*found)->account, "email:aa");
  EXPECT_EQ((*found)->name, "Ann");
  EXPECT_EQ((*found)->binding, "binding-digest");
  EXPECT_EQ((*found)->created.ms, 100);
  EXPECT_EQ((*found)->expires.ms, 200);
  auto absent = signins.find("code-2", {150});
  ASSERT_TRUE(absent);
  EXPECT_FALSE(*absent);
  auto expired = signins.find("code-1", {200});
  ASSERT_TRUE(expired);
  EXPECT_FALSE(*expired);

  auto first = signins.consume("code-1");
  auto again = signins.consume("code-1");
  ASSERT_TRUE(first && again);
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*again) << "a link signs in once";
  auto used = signins.find("code-1", {150});
  ASSERT_TRUE(used);
  EXPECT_FALSE(*used);

  // Later, a new link for the account replaces the old one.
  ASSERT_TRUE(signins.put(signin("code-3", "email:bb", 400, 500), {300}));
  auto replaced = signins.find("code-9", {200});
  ASSERT_TRUE(replaced);
  EXPECT_FALSE(*replaced) << "the older link is void";
  auto fresh = signins.find("code-3", {450});
  ASSERT_TRUE(fresh && *fresh);

  ASSERT_TRUE(signins.erase_expired({500}));
  auto gone = signins.find("code-3", {0});
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone) << "expired links are deleted";
}

TEST_P(StoreContractTest, ASignedOutTokenStaysRefusedUntilItWouldHaveExpired) {
  auto& signins = store_->reader_signins();
  auto before = signins.is_revoked("token-1");
  ASSERT_TRUE(before);
  EXPECT_FALSE(*before);
  ASSERT_TRUE(signins.revoke("token-1", {1000}));
  ASSERT_TRUE(signins.revoke("token-1", {1000})) << "signing out twice is harmless";
  auto after = signins.is_revoked("token-1");
  ASSERT_TRUE(after);
  EXPECT_TRUE(*after);
  auto other = signins.is_revoked("token-2");
  ASSERT_TRUE(other);
  EXPECT_FALSE(*other);

  ASSERT_TRUE(signins.erase_expired({999}));
  auto kept = signins.is_revoked("token-1");
  ASSERT_TRUE(kept);
  EXPECT_TRUE(*kept);
  ASSERT_TRUE(signins.erase_expired({1000}));
  auto dropped = signins.is_revoked("token-1");
  ASSERT_TRUE(dropped);
  EXPECT_FALSE(*dropped) << "a token past its expiry is refused anyway";
}

TEST_P(StoreContractTest, ASignedInReadersCommentsAreTheirsByAccountUntilErased) {
  auto& data = store_->reader_data();
  const Thread t = thread("/signed");
  NewComment n;
  n.thread = t.id;
  n.author_name = "Ann Lee";
  n.author_account = "email:aa";
  n.author_badge = "";
  n.body_markdown = "signed in";
  n.body_html = "<p>signed in</p>";
  n.renderer_version = 1;
  n.created = Timestamp{10};
  auto id = store_->comments().insert(n);
  ASSERT_TRUE(id);
  ASSERT_TRUE(store_->moderation().reserve_name(SiteId{"news"}, "email:aa", "annlee", {10}));
  ASSERT_TRUE(store_->reader_signins().put(signin("code-1", "email:aa", 10, 1000), {0}));

  auto without = data.has_data("ann@example.org", "");
  auto with = data.has_data("ann@example.org", "email:aa");
  auto stranger = data.has_data("bob@example.org", "email:bb");
  ASSERT_TRUE(without && with && stranger);
  EXPECT_FALSE(*without) << "no address was written with it";
  EXPECT_TRUE(*with);
  EXPECT_FALSE(*stranger);
  auto mine = data.comments("ann@example.org", "email:aa");
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].id, *id);
  auto none = data.comments("ann@example.org", "");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty()) << "\"\" is no account";

  ASSERT_TRUE(data.forget_author(*id, "Former reader", "00000000"));
  auto forgotten = store_->comments().get(*id);
  ASSERT_TRUE(forgotten && *forgotten);
  EXPECT_TRUE((*forgotten)->author_account.empty());
  auto after = data.comments("ann@example.org", "email:aa");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty()) << "the account is gone from the comment";

  ASSERT_TRUE(data.erase_account("email:aa"));
  auto reserved = store_->moderation().is_name_reserved(SiteId{"news"}, "annlee", "");
  ASSERT_TRUE(reserved);
  EXPECT_FALSE(*reserved) << "the name is free again";
  auto link = store_->reader_signins().find("code-1", {20});
  ASSERT_TRUE(link);
  EXPECT_FALSE(*link) << "a pending link cannot bring the account back";
}

TEST_P(StoreContractTest, ASiteCanTakeSignedInReadersOnly) {
  auto site = store_->sites().find(SiteId{"news"});
  ASSERT_TRUE(site && *site);
  EXPECT_TRUE((*site)->anonymous) << "anonymous comments are allowed unless a site says otherwise";
  Site changed = **site;
  changed.anonymous = false;
  ASSERT_TRUE(store_->moderation().save_settings(changed));
  auto back = store_->sites().find(SiteId{"news"});
  ASSERT_TRUE(back && *back);
  EXPECT_FALSE((*back)->anonymous);
  auto listed = store_->sites().list();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_FALSE(listed->front().anonymous);
}

TEST_P(StoreContractTest, AChallengeIsSpentOnceUntilItExpires) {
  auto& moderation = store_->moderation();
  auto first = moderation.spend_challenge("tag-1", {1000}, {100});
  auto again = moderation.spend_challenge("tag-1", {1000}, {200});
  auto other = moderation.spend_challenge("tag-2", {1000}, {200});
  ASSERT_TRUE(first && again && other);
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*again) << "one solution, one comment";
  EXPECT_TRUE(*other);
  // Past its expiry the record goes; the challenge itself is refused as expired before this.
  auto later = moderation.spend_challenge("tag-1", {3000}, {1000});
  ASSERT_TRUE(later);
  EXPECT_TRUE(*later);
}

}  // namespace
}  // namespace sala
