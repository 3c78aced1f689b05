// Moving a site to another database: from SQLite to PostgreSQL (the way a
// newsroom scales out) and between SQLite files.
#include "transfer/migrate_store.hpp"

#include <sstream>

#include "markup/markdown.hpp"
#include "store/store_backends.hpp"
#include "transfer/import_fixture.hpp"

namespace sala::transfer {
namespace {

class MigrateStoreTest : public ImportTest {
 protected:
  void fill(int comments) {
    auto t = store_->threads().find_or_create({SiteId{"news"}, "/a", "A", "", {1000}});
    ASSERT_TRUE(t);
    std::optional<CommentId> parent;
    for (int i = 0; i < comments; ++i) {
      NewComment n;
      n.thread = t->id;
      n.parent = i % 3 == 2 ? parent : std::nullopt;
      n.author_name = "Reader " + std::to_string(i);
      n.body_markdown = "comment *" + std::to_string(i) + "*";
      n.body_html = *markup::render_html(n.body_markdown);
      n.renderer_version = markup::kRendererVersion;
      n.state = i % 5 == 4 ? CommentState::pending : CommentState::approved;
      n.created = Timestamp{1'600'000'000'000 + i};
      auto id = store_->comments().insert(n);
      ASSERT_TRUE(id);
      if (n.state == CommentState::approved) ASSERT_TRUE(store_->threads().add_to_count(t->id, 1, n.created));
      parent = *id;
    }
    // Two confirmed subscribers (one to the replies of comment 1) and one
    // that never confirmed, who stays behind.
    auto& subs = store_->subscriptions();
    for (const auto& [email, confirmed] : {std::pair{"ann@example.org", true}, std::pair{"bob@example.org", true},
                                           std::pair{"eve@example.org", false}}) {
      auto who = subs.recipient(email, Timestamp{1'700'000'000'000});
      ASSERT_TRUE(who);
      const bool replies = std::string_view(email) == "bob@example.org";
      auto sub = subs.add({*who, t->id, replies ? SubscriptionKind::replies : SubscriptionKind::thread,
                           replies ? std::optional<CommentId>(CommentId{1}) : std::nullopt,
                           Timestamp{1'700'000'000'000}});
      ASSERT_TRUE(sub);
      if (confirmed) {
        ASSERT_TRUE(subs.confirm(*who, Timestamp{1'700'000'000'000}));
      }
    }
  }

  std::string exported(store::Store& s) {
    std::ostringstream out;
    EXPECT_TRUE(export_site(s, SiteId{"news"}, out, Timestamp{1}));
    return out.str();
  }

  test::TempDir work_;
};

TEST_F(MigrateStoreTest, ASiteArrivesWholeAndMovingTwiceAddsNothing) {
  fill(30);
  test::TempDir target_dir;
  auto target = test::open_sqlite_for_test(target_dir);
  ASSERT_TRUE(target);
  auto moved = migrate_sites(*store_, *target, clock_, {}, work_.path());
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_EQ(moved->size(), 1U);
  EXPECT_EQ((*moved)[0].exported.comments, 30);
  EXPECT_EQ((*moved)[0].imported.comments, 30);
  EXPECT_EQ((*moved)[0].exported.subscriptions, 2);
  EXPECT_EQ((*moved)[0].imported.subscriptions, 2);
  EXPECT_EQ(exported(*target), exported(*store_));
  EXPECT_TRUE(std::filesystem::is_empty(work_.path())) << "the intermediate file is removed";

  auto again = migrate_sites(*store_, *target, clock_, {SiteId{"news"}}, work_.path());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ((*again)[0].imported.comments, 0);
  EXPECT_EQ((*again)[0].imported.already_imported, 30);
  EXPECT_EQ((*again)[0].imported.subscriptions, 0);
  EXPECT_EQ((*again)[0].imported.subscriptions_already, 2);
}

TEST_F(MigrateStoreTest, FromSqliteToPostgres) {
  fill(50);
  test::TempDir pg_dir;
  std::string why_not;
  bool must_fail = false;
  auto pg = test::open_temp_postgres_store(pg_dir, why_not, must_fail);
  if (!pg) {
    if (must_fail) FAIL() << why_not;
    GTEST_SKIP() << why_not;
  }
  auto moved = migrate_sites(*store_, *pg, clock_, {}, work_.path());
  ASSERT_TRUE(moved) << moved.error().message << " " << moved.error().detail;
  EXPECT_EQ((*moved)[0].imported.comments, 50);
  EXPECT_EQ((*moved)[0].imported.subscriptions, 2);
  EXPECT_EQ(exported(*pg), exported(*store_));
  EXPECT_NE(exported(*pg).find("\"email\":\"bob@example.org\",\"thread\":\"/a\",\"kind\":\"replies\",\"comment\":1,"),
            std::string::npos);
  auto here = store_->threads().find(SiteId{"news"}, "/a");
  auto there = pg->threads().find(SiteId{"news"}, "/a");
  ASSERT_TRUE(here && there && *here && *there);
  EXPECT_EQ((*there)->comment_count, (*here)->comment_count);
}

TEST_F(MigrateStoreTest, TheKeysOfReadersSignInsGoAlongUnlessTheTargetHasItsOwn) {
  fill(3);
  ASSERT_TRUE(store_->secrets().put("sso_key:news", "sk_publisher", Timestamp{1}));
  ASSERT_TRUE(store_->secrets().put("reader_key:news", "server key", Timestamp{1}));
  ASSERT_TRUE(store_->secrets().put("reader_account_key", "accounts key", Timestamp{1}));
  ASSERT_TRUE(store_->secrets().put("form", "not a reader key", Timestamp{1}));
  test::TempDir target_dir;
  auto target = test::open_sqlite_for_test(target_dir);
  ASSERT_TRUE(target);
  ASSERT_TRUE(target->secrets().put("reader_key:news", "the target's own", Timestamp{1}));
  auto moved = migrate_sites(*store_, *target, clock_, {}, work_.path());
  ASSERT_TRUE(moved) << moved.error().message;
  auto value = [&](const std::string& name) { return target->secrets().find(name).value().value_or("(none)"); };
  EXPECT_EQ(value("sso_key:news"), "sk_publisher") << "the publisher's tokens keep working";
  EXPECT_EQ(value("reader_account_key"), "accounts key") << "readers signed in by e-mail keep their accounts";
  EXPECT_EQ(value("reader_key:news"), "the target's own");
  EXPECT_EQ(value("form"), "(none)") << "only the keys of sign-ins";
}

TEST_F(MigrateStoreTest, AnUnknownSiteIsRefusedAndNothingMoves) {
  fill(3);
  test::TempDir target_dir;
  auto target = test::open_sqlite_for_test(target_dir);
  ASSERT_TRUE(target);
  auto moved = migrate_sites(*store_, *target, clock_, {SiteId{"nosuch"}}, work_.path());
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, Errc::not_found);
  auto sites = target->sites().list();
  ASSERT_TRUE(sites);
  EXPECT_TRUE(sites->empty());
}

}  // namespace
}  // namespace sala::transfer
