// Export to JSON Lines and import back: nothing is lost, nothing doubles, and
// a damaged file imports nothing.
#include <fstream>
#include <sstream>

#include "core/text.hpp"
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

  // A subscription of its own recipient, confirmed unless said otherwise.
  void subscribe(const std::string& email, ThreadId thread, SubscriptionKind kind, std::optional<CommentId> comment,
                 std::int64_t created, Delivery delivery, bool confirmed = true) {
    auto& subs = store_->subscriptions();
    auto who = subs.recipient(email, Timestamp{created});
    ASSERT_TRUE(who) << who.error().detail;
    auto id = subs.add({*who, thread, kind, comment, Timestamp{created}});
    ASSERT_TRUE(id) << id.error().detail;
    if (!confirmed) return;
    ASSERT_TRUE(subs.confirm(*who, Timestamp{created}));
    auto set = subs.set_delivery(*who, *id, delivery);
    ASSERT_TRUE(set && *set);
    // A live unsubscribe token, as a sent mail leaves behind: it must not travel.
    ASSERT_TRUE(subs.add_token({"digest-of-" + email, TokenPurpose::unsubscribe, *who, *id, Timestamp{created},
                                Timestamp{4'000'000'000'000}}));
  }

  // A site with every kind of thing the format carries.
  void fill() {
    auto a = store_->threads().find_or_create({SiteId{"news"}, "/a", "Thread «A»", "https://news.example/a", {1000}});
    auto b = store_->threads().find_or_create({SiteId{"news"}, "/b?x=1", "", "", {2000}});
    // Followed before anyone commented: its subscriber must not be lost.
    auto quiet = store_->threads().find_or_create({SiteId{"news"}, "/quiet", "Quiet", "", {3000}});
    ASSERT_TRUE(a && b && quiet);
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
    // Version 3: a moderator's marks, a verified reader, the thread's and the site's own settings.
    ASSERT_TRUE(store_->moderation().set_pinned(top, true));
    ASSERT_TRUE(store_->moderation().set_featured(deep, true));
    NewComment verified = anchored;
    verified.anchor.reset();
    verified.author_name = "Dara Chan";
    verified.author_account = "sso:42";
    verified.author_badge = "Subscriber";
    verified.body_markdown = "signed in";
    verified.body_html = *markup::render_html(verified.body_markdown);
    verified.created = Timestamp{1'600'000'008'500};
    ASSERT_TRUE(store_->comments().insert(verified));
    ASSERT_TRUE(store_->threads().add_to_count(a->id, 1, verified.created));
    ASSERT_TRUE(store_->moderation().save_thread_settings(a->id, {.premoderate_links = true, .slow_mode_seconds = 30}));
    Site site = store_->sites().find(SiteId{"news"}).value().value();
    site.premoderate_links = true;
    site.premoderate_first = true;
    site.slow_mode_seconds = 15;
    site.edit_window_seconds = 600;
    site.challenge = ChallengeMode::attack;
    site.anonymous = false;
    ASSERT_TRUE(store_->moderation().save_settings(site));
    const std::string edited = "edited *text*";
    ASSERT_TRUE(store_->comments().update_body(reply, edited, *markup::render_html(edited),
                                               markup::kRendererVersion, Timestamp{1'600'000'009'000}));

    subscribe("ann@example.org", a->id, SubscriptionKind::thread, std::nullopt, 1'600'000'010'000, Delivery::daily);
    subscribe("Bob.Smith@example.org", a->id, SubscriptionKind::replies, top, 1'600'000'011'000, Delivery::each);
    subscribe("carol@example.org", b->id, SubscriptionKind::replies, std::nullopt, 1'600'000'012'000,
              Delivery::hourly);
    subscribe("dave@example.org", a->id, SubscriptionKind::thread, std::nullopt, 1'600'000'013'000, Delivery::each,
              false);
    subscribe("erin@example.org", quiet->id, SubscriptionKind::thread, std::nullopt, 1'600'000'014'000,
              Delivery::each);
  }

  // Every subscription line of an export, in order.
  static std::vector<std::string> subscription_lines(const std::string& doc) {
    std::vector<std::string> out;
    std::istringstream in(doc);
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("{\"type\":\"subscription\"")) out.push_back(line);
    }
    return out;
  }

  // A header of `version` for site "news", and a thread "/a".
  static std::string start_of_handmade_export(int version) {
    return "{\"format\":\"sala-export\",\"version\":" + std::to_string(version) +
           ",\"exported\":\"2026-01-01T00:00:00Z\","
           "\"site\":{\"id\":\"news\",\"origins\":[],\"premoderate\":false,\"created\":\"2026-01-01T00:00:00Z\"}}\n"
           "{\"type\":\"thread\",\"key\":\"/a\",\"title\":\"\",\"url\":\"\",\"closed\":false,"
           "\"created\":\"2026-01-01T00:00:00Z\"}\n";
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
  EXPECT_EQ(summary->comments, 10);
  EXPECT_EQ(summary->renumbered, 0);
  EXPECT_EQ(summary->subscriptions, 4);
  EXPECT_EQ(summary->subscriptions_already, 0);
  EXPECT_EQ(summary->skipped_total(), 0);
  EXPECT_TRUE(summary->notes.empty());

  // Byte for byte: ids, threading, states, votes, anchors, authors, e-mail,
  // avatars, edit times, pins, features, verified readers' accounts and
  // badges, thread titles, URLs, closed flags, own settings and times, the
  // site with all its settings, and the confirmed subscriptions with their
  // kinds, comments, deliveries and times (the quiet thread exists again
  // because of its subscriber).
  EXPECT_EQ(export_of(*other), first);
  EXPECT_NE(first.find(R"("edit_window_seconds":600,"challenge":"attack","anonymous":false)"), std::string::npos);
  EXPECT_NE(first.find(R"("settings":{"premoderate":null,"premoderate_links":true,"premoderate_first":null,"slow_mode_seconds":30})"),
            std::string::npos);
  EXPECT_NE(first.find(R"("pinned":true,"featured":false,"badge":"","account":"")"), std::string::npos);
  EXPECT_NE(first.find(R"("badge":"Subscriber","account":"sso:42")"), std::string::npos);
  auto reserved = other->moderation().is_name_reserved(SiteId{"news"}, text::name_skeleton("Dara Chan"), "");
  ASSERT_TRUE(reserved);
  EXPECT_TRUE(*reserved) << "the verified reader's name stays theirs";
  const auto lines = subscription_lines(first);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1],
            "{\"type\":\"subscription\",\"email\":\"Bob.Smith@example.org\",\"thread\":\"/a\",\"kind\":\"replies\","
            "\"comment\":1,\"delivery\":\"each\",\"created\":\"2020-09-13T12:26:51.000Z\"}");
  EXPECT_EQ(first.find("dave@example.org"), std::string::npos) << "a pending subscription is not exported";
  EXPECT_EQ(first.find("digest-of-"), std::string::npos) << "no token is exported";

  // Imported subscriptions are confirmed, and carry no token: the old links
  // do not work here, the next mail mints new ones.
  auto& subs = other->subscriptions();
  auto bob = subs.recipient("Bob.Smith@example.org", Timestamp{1});
  ASSERT_TRUE(bob);
  auto list = subs.list(*bob);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE((*list)[0].confirmed);
  auto token = subs.find_token("digest-of-Bob.Smith@example.org", TokenPurpose::unsubscribe, Timestamp{1});
  ASSERT_TRUE(token);
  EXPECT_FALSE(*token);

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
  EXPECT_EQ(summary->comments, 10);
  EXPECT_EQ(summary->renumbered, 0);
  EXPECT_EQ(summary->subscriptions, 4);
  EXPECT_EQ(export_of(*pg), first);
  EXPECT_EQ(subscription_lines(first).size(), 4u);
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
  EXPECT_GT(fresh->value, 10);
  auto again = import_json(*pg, file("news.jsonl", first));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->comments, 0);
  EXPECT_EQ(again->already_imported, 10);
  EXPECT_EQ(again->subscriptions, 0);
  EXPECT_EQ(again->subscriptions_already, 4);
}

TEST_F(JsonlTest, ImportingAnExportIntoItsOwnDatabaseAddsNothing) {
  fill();
  const std::string first = export_of(*store_);
  auto summary = import_json(*store_, file("news.jsonl", first));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 0);
  EXPECT_EQ(summary->already_imported, 10);
  EXPECT_EQ(summary->subscriptions, 0);
  EXPECT_EQ(summary->subscriptions_already, 4);
  EXPECT_EQ(export_of(*store_), first);
  auto twice = import_json(*store_, file("news.jsonl", first));
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->comments, 0);
  EXPECT_EQ(twice->subscriptions, 0);
  // The pending subscription stays pending: the file does not confirm it.
  auto dave = store_->subscriptions().recipient("dave@example.org", Timestamp{1});
  ASSERT_TRUE(dave);
  auto pending = store_->subscriptions().list(*dave);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_FALSE((*pending)[0].confirmed);
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
  EXPECT_EQ(summary->comments, 10);
  EXPECT_EQ(summary->renumbered, 3);
  EXPECT_EQ(summary->subscriptions, 4);
  // Same text apart from ids: the structure survived the renumbering.
  auto a = other->threads().find(SiteId{"news"}, "/a");
  ASSERT_TRUE(a && *a);
  auto page = other->comments().page({.thread = (*a)->id, .sort = Sort::oldest, .after = std::nullopt, .limit = 50});
  ASSERT_TRUE(page);
  std::map<std::int64_t, std::string> body;
  for (const auto* list : {&page->pinned, &page->top_level, &page->replies}) {
    for (const auto& c : *list) body[c.id.value] = c.body_markdown;
  }
  bool found = false;
  for (const auto& c : page->replies) {
    if (c.body_markdown != "deeper\n\n> quoted") continue;
    found = true;
    ASSERT_TRUE(c.parent);
    EXPECT_EQ(body[c.parent->value], "edited *text*");
    EXPECT_EQ(c.depth, 2);
  }
  EXPECT_TRUE(found);
  // The reply subscription follows its comment to its new id.
  auto bob = other->subscriptions().recipient("Bob.Smith@example.org", Timestamp{1});
  ASSERT_TRUE(bob);
  auto list = other->subscriptions().list(*bob);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  ASSERT_TRUE((*list)[0].comment);
  EXPECT_EQ(body[(*list)[0].comment->value], "**top** with [a link](https://example.org/)");
}

TEST_F(JsonlTest, DamagedFilesImportNothing) {
  fill();
  const std::string good = export_of(*store_);
  const std::string without_end = good.substr(0, good.rfind("{\"type\":\"end\""));
  std::string wrong_count = good;
  wrong_count.replace(wrong_count.rfind("\"comments\":10"), 13, "\"comments\":11");
  std::string extra_field = good;
  extra_field.replace(extra_field.find("\"upvotes\""), 9, "\"approved\":true,\"upvotes\"");
  std::string duplicate = good;
  duplicate.replace(duplicate.find("\"upvotes\""), 9, "\"state\":\"approved\",\"upvotes\"");
  std::string newer = good;
  newer.replace(newer.find("\"version\":3"), 11, "\"version\":4");
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

// Each case changes one thing in a good export; each must fail with its own
// reason and the line it is on, and import nothing at all.
TEST_F(JsonlTest, HostileSubscriptionLinesFailTheWholeImport) {
  fill();
  const std::string good = export_of(*store_);
  const auto changed = [&](const std::string& from, const std::string& to) {
    std::string doc = good;
    const auto at = doc.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) doc.replace(at, from.size(), to);
    return doc;
  };
  const std::string ann = "\"email\":\"ann@example.org\",\"thread\":\"/a\",\"kind\":\"thread\",\"comment\":null";
  const std::string carol_line = "{\"type\":\"subscription\",\"email\":\"carol@";
  struct Case {
    std::string name;
    std::string doc;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"unknown kind", changed("\"kind\":\"thread\"", "\"kind\":\"everything\""), "field 'kind' must be"},
      {"unknown delivery", changed("\"delivery\":\"daily\"", "\"delivery\":\"weekly\""), "field 'delivery' must be"},
      {"malformed address", changed("\"ann@example.org\"", "\"ann@@example.org\""), "e-mail address is not valid"},
      {"no address", changed("\"email\":\"ann@example.org\",", ""), "field 'email' is required"},
      {"comment not in the file", changed("\"comment\":1,", "\"comment\":999,"), "comment is not in the file"},
      {"comment in another thread", changed("\"comment\":1,", "\"comment\":8,"), "comment is not in its thread"},
      {"thread subscription with a comment", changed(ann, ann.substr(0, ann.size() - 4) + "1"),
       "a thread subscription names no comment"},
      {"thread not in the file", changed("\"thread\":\"/a\",\"kind\"", "\"thread\":\"/nope\",\"kind\""),
       "thread is not in the file"},
      {"a token smuggled in", changed("\"delivery\":\"daily\",", "\"delivery\":\"daily\",\"token\":\"x\","),
       "unknown field 'token'"},
      {"a thread after the subscriptions",
       changed(carol_line,
               "{\"type\":\"thread\",\"key\":\"/late\",\"title\":\"\",\"url\":\"\",\"closed\":false,"
               "\"created\":\"2026-01-01T00:00:00Z\"}\n" + carol_line),
       "threads and comments come before the subscriptions"},
      {"subscription count", changed("\"subscriptions\":4}", "\"subscriptions\":3}"), "counts do not match"},
      {"no subscription count", changed(",\"subscriptions\":4}", "}"), "field 'subscriptions' is required"},
  };
  for (const Case& c : cases) {
    test::TempDir other_dir;
    auto other = test::open_sqlite_for_test(other_dir);
    ASSERT_TRUE(other);
    auto summary = import_json(*other, file("hostile.jsonl", c.doc));
    ASSERT_FALSE(summary) << c.name;
    EXPECT_STREQ(summary.error().wire_code(), "invalid_export") << c.name;
    EXPECT_NE(summary.error().message.find(c.reason), std::string::npos) << c.name << ": " << summary.error().message;
    EXPECT_TRUE(summary.error().message.starts_with("line ")) << c.name << ": " << summary.error().message;
    auto site = other->sites().find(SiteId{"news"});
    ASSERT_TRUE(site);
    EXPECT_FALSE(*site) << c.name << ": the site was created by a failed import";
    auto ann_there = other->subscriptions().email(RecipientId{1});
    ASSERT_TRUE(ann_there);
    EXPECT_FALSE(*ann_there) << c.name << ": an address was kept by a failed import";
  }
}

// A subscription whose comment the import skipped goes with it, counted.
TEST_F(JsonlTest, ASubscriptionToASkippedCommentIsSkippedWithItsReason) {
  const std::string doc =
      start_of_handmade_export(2) +
      "{\"type\":\"comment\",\"id\":7,\"thread\":\"/a\",\"parent\":null,\"state\":\"deleted\","
      "\"created\":\"2026-01-01T00:00:00Z\",\"edited\":null,\"author\":\"\",\"email\":\"\",\"avatar\":\"\","
      "\"markdown\":\"\",\"html\":\"\",\"upvotes\":0,\"downvotes\":0,\"anchor\":null}\n"
      "{\"type\":\"subscription\",\"email\":\"ann@example.org\",\"thread\":\"/a\",\"kind\":\"replies\","
      "\"comment\":7,\"delivery\":\"each\",\"created\":\"2026-01-02T00:00:00Z\"}\n"
      "{\"type\":\"subscription\",\"email\":\"ann@example.org\",\"thread\":\"/a\",\"kind\":\"thread\","
      "\"comment\":null,\"delivery\":\"each\",\"created\":\"2026-01-02T00:00:00Z\"}\n"
      "{\"type\":\"end\",\"threads\":1,\"comments\":1,\"subscriptions\":2}\n";
  auto summary = import_json(*store_, file("x.jsonl", doc));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->skipped["deleted comment without replies"], 1);
  EXPECT_EQ(summary->skipped["subscription to a skipped comment"], 1);
  EXPECT_EQ(summary->subscriptions, 1);
}

TEST_F(JsonlTest, StoredHtmlIsRenderedAgainNotTrusted) {
  const std::string doc =
      start_of_handmade_export(1) +
      "{\"type\":\"comment\",\"id\":7,\"thread\":\"/a\",\"parent\":null,\"state\":\"approved\","
      "\"created\":\"2026-01-01T00:00:00Z\",\"edited\":null,\"author\":\"Eve\",\"email\":\"\",\"avatar\":\"\","
      "\"markdown\":\"hello <script>\",\"html\":\"<script>alert(1)</script>\",\"upvotes\":0,\"downvotes\":0,"
      "\"anchor\":null}\n"
      "{\"type\":\"subscription\"}\n"
      "{\"type\":\"end\",\"threads\":1,\"comments\":1}\n";
  auto summary = import_json(*store_, file("x.jsonl", doc));
  ASSERT_TRUE(summary) << summary.error().message;
  // Version 1 reserved subscription lines without defining them.
  EXPECT_EQ(summary->skipped["subscription in a version 1 export"], 1);
  EXPECT_EQ(summary->subscriptions, 0);
  auto rows = comments();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].c().id.value, 7);
  EXPECT_EQ(rows[0].c().body_html, "<p>hello &lt;script&gt;</p>\n");
  EXPECT_EQ(rows[0].c().avatar, "");  // as written: avatars are kept, not drawn again
}

}  // namespace
}  // namespace sala::transfer
