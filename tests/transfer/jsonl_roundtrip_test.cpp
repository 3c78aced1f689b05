// Export to JSON Lines and import back: nothing is lost, nothing doubles, and
// a damaged file imports nothing.
#include <fstream>
#include <sstream>

#include "markup/markdown.hpp"
#include "store/store_backends.hpp"
#include "transfer/import_fixture.hpp"
#include "transfer/jsonl_export.hpp"

namespace sala::transfer {
namespace {

class JsonlTest : public ImportTest {
 protected:
  CommentId add(ThreadId thread, const std::string& markdown, std::int64_t created,
                std::optional<CommentId> parent = {}, CommentState state = CommentState::approved) {
    NewComment n;
    n.thread = thread;
    n.parent = parent;
    n.author_name = "Reader ✓ " + std::to_string(created);
    n.author_email = "r" + std::to_string(created) + "@example.org";
    n.avatar = "0a1b2c3d";
    n.body_markdown = markdown;
    n.body_html = *markup::render_html(markdown);
    n.renderer_version = markup::kRendererVersion;
    n.state = state;
    n.created = Timestamp{created};
    n.edit_token_hash = "digest";
    auto id = store_->comments().insert(n);
    EXPECT_TRUE(id) << id.error().detail;
    if (state == CommentState::approved) {
      EXPECT_TRUE(store_->threads().add_to_count(thread, 1, n.created));
    }
    return *id;
  }

  // A site with every kind of thing the format carries.
  void fill() {
    auto a = store_->threads().find_or_create({SiteId{"news"}, "/a", "Thread «A»", "https://news.example/a", {1000}});
    auto b = store_->threads().find_or_create({SiteId{"news"}, "/b?x=1", "", "", {2000}});
    ASSERT_TRUE(a && b);
    ASSERT_TRUE(store_->threads().set_closed(b->id, true));
    const CommentId top = add(a->id, "**top** with [a link](https://example.org/)", 1'600'000'000'000);
    const CommentId reply = add(a->id, "a reply", 1'600'000'001'000, top);
    const CommentId deep = add(a->id, "deeper\n\n> quoted", 1'600'000'002'000, reply);
    add(a->id, "pending", 1'600'000'003'000, top, CommentState::pending);
    add(a->id, "spam", 1'600'000'004'000, std::nullopt, CommentState::spam);
    add(a->id, "rejected", 1'600'000'005'000, deep, CommentState::rejected);
    const CommentId gone = add(b->id, "to be deleted", 1'600'000'006'000);
    add(b->id, "answer to a deleted comment", 1'600'000'007'000, gone);
    ASSERT_TRUE(store_->comments().mark_deleted(gone));
    ASSERT_TRUE(store_->threads().add_to_count(b->id, -1, std::nullopt));
    ASSERT_TRUE(store_->comments().add_votes(top, 5, 2));
    ASSERT_TRUE(store_->comments().add_votes(reply, 0, 1));
    NewComment anchored;
    anchored.thread = a->id;
    anchored.author_name = "Anchor";
    anchored.body_markdown = "about this passage";
    anchored.body_html = *markup::render_html(anchored.body_markdown);
    anchored.renderer_version = markup::kRendererVersion;
    anchored.created = Timestamp{1'600'000'008'000};
    anchored.anchor = Anchor{"the quote", "before", "after", 10, 19};
    auto id = store_->comments().insert(anchored);
    ASSERT_TRUE(id);
    ASSERT_TRUE(store_->threads().add_to_count(a->id, 1, anchored.created));
    const std::string edited = "edited *text*";
    ASSERT_TRUE(store_->comments().update_body(reply, edited, *markup::render_html(edited),
                                               markup::kRendererVersion, Timestamp{1'600'000'009'000}));
  }

  std::string export_of(store::Store& store) {
    std::ostringstream out;
    auto done = export_site(store, SiteId{"news"}, out, Timestamp{1'700'000'000'000});
    EXPECT_TRUE(done) << done.error().message;
    return out.str();
  }

  Result<ImportSummary> import_json(store::Store& store, const std::string& path) {
    ImportRequest request;
    request.kind = SourceKind::json;
    request.path = path;
    return run_import(store, clock_, request);
  }
};

TEST_F(JsonlTest, ARoundTripIsLossless) {
  fill();
  const std::string first = export_of(*store_);
  const std::string path = file("news.jsonl", first);

  test::TempDir other_dir;
  auto other = test::open_sqlite_for_test(other_dir);
  ASSERT_TRUE(other);
  auto summary = import_json(*other, path);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_TRUE(summary->site_created);
  EXPECT_EQ(summary->comments, 9);
  EXPECT_EQ(summary->renumbered, 0);
  EXPECT_EQ(summary->skipped_total(), 0);
  EXPECT_TRUE(summary->notes.empty());

  // Byte for byte: ids, threading, states, votes, anchors, authors, e-mail,
  // avatars, edit times, thread titles, URLs, closed flags and times, site.
  EXPECT_EQ(export_of(*other), first);

  // What the export does not carry but derives must agree too.
  auto here = store_->threads().find(SiteId{"news"}, "/a");
  auto there = other->threads().find(SiteId{"news"}, "/a");
  ASSERT_TRUE(here && there && *here && *there);
  EXPECT_EQ((*there)->comment_count, (*here)->comment_count);
  EXPECT_EQ((*there)->last_comment_at, (*here)->last_comment_at);
  auto page = other->comments().page({.thread = (*there)->id, .sort = Sort::oldest, .after = std::nullopt});
  ASSERT_TRUE(page);
  EXPECT_FALSE(page->top_level.empty());
}

// The way to move a site from SQLite to PostgreSQL: export, import.
TEST_F(JsonlTest, ARoundTripThroughPostgresIsLossless) {
  fill();
  const std::string first = export_of(*store_);
  test::TempDir pg_dir;
  std::string why_not;
  bool must_fail = false;
  auto pg = test::open_temp_postgres_store(pg_dir, why_not, must_fail);
  if (!pg) {
    if (must_fail) FAIL() << why_not;
    GTEST_SKIP() << why_not;
  }
  auto summary = import_json(*pg, file("news.jsonl", first));
  ASSERT_TRUE(summary) << summary.error().message << " " << summary.error().detail;
  EXPECT_EQ(summary->comments, 9);
  EXPECT_EQ(summary->renumbered, 0);
  EXPECT_EQ(export_of(*pg), first);
  // Ids the import kept do not come back from the sequence.
  auto a = pg->threads().find(SiteId{"news"}, "/a");
  ASSERT_TRUE(a && *a);
  NewComment n;
  n.thread = (*a)->id;
  n.author_name = "after";
  n.body_markdown = n.body_html = "after";
  n.created = Timestamp{1};
  auto fresh = pg->comments().insert(n);
  ASSERT_TRUE(fresh) << fresh.error().detail;
  EXPECT_GT(fresh->value, 9);
  auto again = import_json(*pg, file("news.jsonl", first));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->comments, 0);
  EXPECT_EQ(again->already_imported, 9);
}

TEST_F(JsonlTest, ImportingAnExportIntoItsOwnDatabaseAddsNothing) {
  fill();
  const std::string first = export_of(*store_);
  auto summary = import_json(*store_, file("news.jsonl", first));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 0);
  EXPECT_EQ(summary->already_imported, 9);
  EXPECT_EQ(export_of(*store_), first);
  auto twice = import_json(*store_, file("news.jsonl", first));
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->comments, 0);
}

TEST_F(JsonlTest, TakenIdsAreRenumberedAndThreadingFollows) {
  fill();
  const std::string first = export_of(*store_);
  // Another database whose ids 1.. already belong to another site.
  test::TempDir other_dir;
  auto other = test::open_sqlite_for_test(other_dir);
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->sites().add({SiteId{"old"}, {}, false, {1}}));
  auto t = other->threads().find_or_create({SiteId{"old"}, "/x", "", "", {1}});
  ASSERT_TRUE(t);
  for (int i = 0; i < 3; ++i) {
    NewComment n;
    n.thread = t->id;
    n.author_name = "x";
    n.body_markdown = n.body_html = "x";
    n.created = Timestamp{i};
    ASSERT_TRUE(other->comments().insert(n));
  }
  auto summary = import_json(*other, file("news.jsonl", first));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 9);
  EXPECT_EQ(summary->renumbered, 3);
  // Same text apart from ids: the structure survived the renumbering.
  auto a = other->threads().find(SiteId{"news"}, "/a");
  ASSERT_TRUE(a && *a);
  auto page = other->comments().page({.thread = (*a)->id, .sort = Sort::oldest, .after = std::nullopt, .limit = 50});
  ASSERT_TRUE(page);
  std::map<std::int64_t, std::string> body;
  for (const auto& c : page->top_level) body[c.id.value] = c.body_markdown;
  for (const auto& c : page->replies) body[c.id.value] = c.body_markdown;
  bool found = false;
  for (const auto& c : page->replies) {
    if (c.body_markdown != "deeper\n\n> quoted") continue;
    found = true;
    ASSERT_TRUE(c.parent);
    EXPECT_EQ(body[c.parent->value], "edited *text*");
    EXPECT_EQ(c.depth, 2);
  }
  EXPECT_TRUE(found);
}

TEST_F(JsonlTest, DamagedFilesImportNothing) {
  fill();
  const std::string good = export_of(*store_);
  const std::string without_end = good.substr(0, good.rfind("{\"type\":\"end\""));
  std::string wrong_count = good;
  wrong_count.replace(wrong_count.rfind("\"comments\":9"), 12, "\"comments\":11");
  std::string extra_field = good;
  extra_field.replace(extra_field.find("\"upvotes\""), 9, "\"approved\":true,\"upvotes\"");
  std::string duplicate = good;
  duplicate.replace(duplicate.find("\"upvotes\""), 9, "\"state\":\"approved\",\"upvotes\"");
  std::string newer = good;
  newer.replace(newer.find("\"version\":1"), 11, "\"version\":2");
  const std::string not_export = "{\"hello\":1}\n";
  std::string long_line = good;
  long_line.insert(long_line.find("\"markdown\":\"") + 12, std::string(2u << 20, 'x'));

  int n = 0;
  for (const std::string& content : {without_end, wrong_count, extra_field, duplicate, newer, not_export,
                                     std::string(), long_line, good + "{\"type\":\"thread\"}\n"}) {
    test::TempDir other_dir;
    auto other = test::open_sqlite_for_test(other_dir);
    ASSERT_TRUE(other);
    auto summary = import_json(*other, file("bad-" + std::to_string(++n) + ".jsonl", content));
    ASSERT_FALSE(summary) << "case " << n;
    auto site = other->sites().find(SiteId{"news"});
    ASSERT_TRUE(site);
    EXPECT_FALSE(*site) << "case " << n << ": the site was created by a failed import";
  }
}

TEST_F(JsonlTest, StoredHtmlIsRenderedAgainNotTrusted) {
  const std::string doc =
      "{\"format\":\"sala-export\",\"version\":1,\"exported\":\"2026-01-01T00:00:00Z\","
      "\"site\":{\"id\":\"news\",\"origins\":[],\"premoderate\":false,\"created\":\"2026-01-01T00:00:00Z\"}}\n"
      "{\"type\":\"thread\",\"key\":\"/a\",\"title\":\"\",\"url\":\"\",\"closed\":false,\"created\":\"2026-01-01T00:00:00Z\"}\n"
      "{\"type\":\"comment\",\"id\":7,\"thread\":\"/a\",\"parent\":null,\"state\":\"approved\","
      "\"created\":\"2026-01-01T00:00:00Z\",\"edited\":null,\"author\":\"Eve\",\"email\":\"\",\"avatar\":\"\","
      "\"markdown\":\"hello <script>\",\"html\":\"<script>alert(1)</script>\",\"upvotes\":0,\"downvotes\":0,"
      "\"anchor\":null}\n"
      "{\"type\":\"subscription\"}\n"
      "{\"type\":\"end\",\"threads\":1,\"comments\":1}\n";
  auto summary = import_json(*store_, file("x.jsonl", doc));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->skipped["subscriptions are not supported yet"], 1);
  auto rows = comments();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].c().id.value, 7);
  EXPECT_EQ(rows[0].c().body_html, "<p>hello &lt;script&gt;</p>\n");
  EXPECT_EQ(rows[0].c().avatar, "");  // as written: avatars are kept, not drawn again
}

}  // namespace
}  // namespace sala::transfer
