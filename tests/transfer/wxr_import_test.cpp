// WordPress exports: posts become threads, comments keep their threading,
// authors, dates, states and votes, and a bad file imports nothing.
#include "markup/tag_scanner.hpp"
#include "transfer/import_fixture.hpp"
#include "transfer/wxr_builder.hpp"

namespace sala::transfer {
namespace {

class WxrImportTest : public ImportTest {
 protected:
  Result<ImportSummary> import_doc(const std::string& doc, bool pingbacks = false) {
    return import(SourceKind::wxr, file("export-" + std::to_string(++files_) + ".xml", doc), pingbacks);
  }
  void expect_nothing_imported() {
    EXPECT_TRUE(threads().empty());
    EXPECT_TRUE(comments().empty());
  }
  int files_ = 0;
};

TEST_F(WxrImportTest, IssoFixtureKeepsThreadsRepliesAndDates) {
  auto summary = import(SourceKind::wxr, data("isso-wordpress.xml"));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 8);
  EXPECT_EQ(summary->threads_created, 2);
  EXPECT_EQ(summary->skipped_total(), 0);

  auto ts = threads();
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_EQ(ts[0].key, "/2014/test/");
  EXPECT_EQ(ts[0].title, "Hello, World\xE2\x80\xA6");
  EXPECT_EQ(ts[0].url, "http://example.tld/2014/test/");
  EXPECT_EQ(ts[0].comment_count, 7);
  EXPECT_EQ(ts[1].key, "/?p=4");  // a plain permalink keeps its query
  EXPECT_EQ(ts[1].comment_count, 1);

  auto rows = comments();
  const Row* second = find(rows, "Zweiter.");
  const Row* reply = find(rows, "Drölfter!");
  const Row* nested = find(rows, "Yet another reply.");
  ASSERT_TRUE(second && reply && nested);
  EXPECT_EQ(reply->c().parent, second->c().id);
  EXPECT_EQ(nested->c().parent, reply->c().id);
  EXPECT_EQ(nested->c().depth, 2);
  EXPECT_EQ(nested->c().root, second->c().id);
  EXPECT_EQ(reply->c().created, *parse_rfc3339("2014-04-29T15:21:35Z"));
  EXPECT_EQ(reply->stored.author_email, "info@posativ.org");
  // The GMT date, not the local one, even where they differ by ten hours.
  const Row* multiline = find(rows, "multiple lines");
  ASSERT_TRUE(multiline);
  EXPECT_EQ(multiline->c().created, *parse_rfc3339("2022-06-06T02:13:14Z"));
  EXPECT_EQ(multiline->c().body_html, "<p>When you have a comment with multiple lines:<br>\nWordPress exports it like this.</p>\n");
  EXPECT_EQ(multiline->c().author_name, "Multiline Author");
  EXPECT_FALSE(multiline->c().avatar.empty());
}

TEST_F(WxrImportTest, WordPressImporterFixturesImport) {
  auto small = import(SourceKind::wxr, data("small-export.xml"));
  ASSERT_TRUE(small) << small.error().message;
  EXPECT_EQ(small->comments, 1);
  auto rows = comments();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].c().body_html,
            "<p>Hi, this is a comment.<br>\nTo delete a comment, just log in and view the post&#39;s comments. "
            "There you will have the option to edit or delete them.</p>\n");
  EXPECT_EQ(rows[0].c().author_name, "Mr WordPress");

  auto meta = import(SourceKind::wxr, data("test-serialized-comment-meta.xml"));
  ASSERT_TRUE(meta) << meta.error().message;
  EXPECT_EQ(meta->comments, 1);
  const Row* linked = find(comments(), "Gravatar");
  ASSERT_TRUE(linked);
  EXPECT_EQ(markup::testing::hrefs_of(linked->c().body_html), std::vector<std::string>{"https://gravatar.com"});

  auto slashes = import(SourceKind::wxr, data("slashes.xml"));
  ASSERT_TRUE(slashes) << slashes.error().message;
  auto valid = import(SourceKind::wxr, data("valid-wxr-1.1.xml"));
  ASSERT_TRUE(valid) << valid.error().message;
}

TEST_F(WxrImportTest, ApprovalStatesAreMapped) {
  auto summary = import_doc(wxr::document(wxr::item(
      "1", wxr::comment("1", "0", "approved", "1") + wxr::comment("2", "0", "held", "0") +
               wxr::comment("3", "0", "spam", "spam") + wxr::comment("4", "0", "trash", "trash") +
               wxr::comment("5", "0", "post trashed", "post-trashed") + wxr::comment("6", "0", "odd", "weird"))));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 6);
  EXPECT_EQ(summary->notes["unknown approval state held as pending"], 1);
  auto rows = comments();
  EXPECT_EQ(find(rows, "approved")->c().state, CommentState::approved);
  EXPECT_EQ(find(rows, "held")->c().state, CommentState::pending);
  EXPECT_EQ(find(rows, "spam")->c().state, CommentState::spam);
  EXPECT_EQ(find(rows, "trash")->c().state, CommentState::rejected);
  EXPECT_EQ(find(rows, "post trashed")->c().state, CommentState::rejected);
  EXPECT_EQ(find(rows, "odd")->c().state, CommentState::pending);
  EXPECT_EQ(threads()[0].comment_count, 1);  // only approved comments count
}

TEST_F(WxrImportTest, PingbacksAreSkippedUnlessAskedFor) {
  const std::string doc = wxr::document(wxr::item(
      "1", wxr::comment("1", "0", "a comment") + wxr::comment("2", "0", "ping", "1", "pingback") +
               wxr::comment("3", "0", "track", "1", "trackback") + wxr::comment("4", "0", "note", "1", "order_note") +
               wxr::comment("5", "0", "typed", "1", "comment") + wxr::comment("6", "2", "answer to a ping")));
  auto summary = import_doc(doc);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 2);
  EXPECT_EQ(summary->skipped["pingback"], 1);
  EXPECT_EQ(summary->skipped["trackback"], 1);
  EXPECT_EQ(summary->skipped["not a comment (other comment type)"], 1);
  EXPECT_EQ(summary->skipped["reply to a skipped comment"], 1);

  auto with = import_doc(doc, true);
  ASSERT_TRUE(with) << with.error().message;
  EXPECT_EQ(with->comments, 3);
  EXPECT_EQ(with->already_imported, 2);
  EXPECT_EQ(comments().size(), 5u);
}

TEST_F(WxrImportTest, WpDiscuzVotesComeFromCommentMeta) {
  auto summary = import_doc(wxr::document(wxr::item(
      "1", wxr::comment("1", "0", "split", "1", "", "2020-01-02 03:04:05",
                        wxr::meta("wpdiscuz_votes", "5") +
                            wxr::meta("wpdiscuz_votes_seperate", "a:2:{s:4:\"like\";i:7;s:7:\"dislike\";i:2;}")) +
               wxr::comment("2", "0", "net only", "1", "", "2020-01-02 03:04:05", wxr::meta("wpdiscuz_votes", "-3")) +
               wxr::comment("3", "0", "garbage", "1", "", "2020-01-02 03:04:05",
                            wxr::meta("wpdiscuz_votes_seperate", "O:8:\"stdClass\":0:{}") +
                                wxr::meta("other_plugin", "a:1:{s:4:\"like\";i:99;}")))));
  ASSERT_TRUE(summary) << summary.error().message;
  auto rows = comments();
  EXPECT_EQ(find(rows, "split")->c().upvotes, 7);
  EXPECT_EQ(find(rows, "split")->c().downvotes, 2);
  EXPECT_EQ(find(rows, "net only")->c().upvotes, 0);
  EXPECT_EQ(find(rows, "net only")->c().downvotes, 3);
  EXPECT_EQ(find(rows, "garbage")->c().upvotes, 0);
  EXPECT_EQ(find(rows, "garbage")->c().downvotes, 0);
}

TEST_F(WxrImportTest, TheSameImportTwiceAddsNothing) {
  auto first = import(SourceKind::wxr, data("isso-wordpress.xml"));
  ASSERT_TRUE(first);
  const auto before = comments();
  auto second = import(SourceKind::wxr, data("isso-wordpress.xml"));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->comments, 0);
  EXPECT_EQ(second->threads_created, 0);
  EXPECT_EQ(second->already_imported, 8);
  EXPECT_EQ(comments().size(), before.size());
  EXPECT_EQ(threads()[0].comment_count, 7);
}

TEST_F(WxrImportTest, AMalformedFileImportsNothing) {
  auto summary = import(SourceKind::wxr, data("malformed.xml"));
  ASSERT_FALSE(summary);
  EXPECT_STREQ(summary.error().wire_code(), "invalid_xml");
  expect_nothing_imported();

  // Broken only at the very end, after many good comments: still nothing.
  std::string items;
  for (int i = 1; i <= 200; ++i) items += wxr::item(std::to_string(i), wxr::comment("1", "0", "fine"));
  std::string doc = wxr::document(items);
  doc.replace(doc.rfind("</channel>"), 10, "</chanel>");
  auto late = import_doc(doc);
  ASSERT_FALSE(late);
  expect_nothing_imported();
}

TEST_F(WxrImportTest, EntityTricksAndBadBytesImportNothing) {
  const std::string secret = file("secret.txt", "TOP-SECRET");
  const std::string body = wxr::item("1", wxr::comment("1", "0", "x"));
  for (const std::string& doc : {
           "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
           "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + wxr::document(body).substr(39),
           "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file://" + secret + "\">]>" +
               wxr::document(wxr::item("1", wxr::comment("1", "0", "&x;"))).substr(39),
           wxr::document(wxr::item("1", wxr::comment("1", "0", "bad \xC3\x28 byte"))),
           wxr::document(wxr::item("1", wxr::comment("1", "0", "nul \x01 byte"))),
       }) {
    auto summary = import_doc(doc);
    ASSERT_FALSE(summary) << doc.substr(0, 200);
    expect_nothing_imported();
  }
}

TEST_F(WxrImportTest, AHugeCommentIsSkippedAndTheRestImported) {
  std::string huge(6u << 20, 'x');
  auto summary = import_doc(wxr::document(wxr::item("1", wxr::comment("1", "0", huge) +
                                                             wxr::comment("2", "0", "small") +
                                                             wxr::comment("3", "0", std::string(20000, 'y')))));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 1);
  EXPECT_EQ(summary->skipped["comment too large"], 1);
  EXPECT_EQ(summary->skipped["body too long"], 1);
}

TEST_F(WxrImportTest, RepliesWithoutAParentAreSkippedWithTheReason) {
  auto summary = import_doc(wxr::document(wxr::item(
      "1",
      // 3 answers 2, which comes later: fine.
      wxr::comment("3", "2", "early reply") + wxr::comment("2", "0", "late parent") +
          // 10 and 11 answer each other.
          wxr::comment("10", "11", "cycle a") + wxr::comment("11", "10", "cycle b") +
          // 20 answers a comment the file never has; 21 answers 20.
          wxr::comment("20", "99", "dangling") + wxr::comment("21", "20", "below dangling") +
          // 30 has an empty body; 31 answers it.
          wxr::comment("30", "0", "   ") + wxr::comment("31", "30", "below skipped") +
          wxr::comment("40", "40", "own parent"))));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 2);
  EXPECT_EQ(summary->skipped["reply cycle"], 2);
  EXPECT_EQ(summary->skipped["reply to a missing comment"], 2);
  EXPECT_EQ(summary->skipped["empty body"], 1);
  EXPECT_EQ(summary->skipped["reply to a skipped comment"], 1);
  EXPECT_EQ(summary->skipped["reply to itself"], 1);
  auto rows = comments();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(find(rows, "early reply")->c().parent, find(rows, "late parent")->c().id);
}

TEST_F(WxrImportTest, ALongReplyChainNeedsNoRecursion) {
  // Every reply comes before its parent: 20,000 wait, then unwind at once.
  std::string list;
  for (int i = 20000; i >= 2; --i) list += wxr::comment(std::to_string(i), std::to_string(i - 1), "r");
  list += wxr::comment("1", "0", "root");
  auto summary = import_doc(wxr::document(wxr::item("1", list)));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 20000);
}

TEST_F(WxrImportTest, RawHtmlNeverSurvives) {
  auto summary = import_doc(wxr::document(wxr::item(
      "1", wxr::comment("1", "0", "<script>alert(1)</script><img src=x onerror=alert(2)>"
                                  "<a href=\"javascript:alert(3)\">click</a> <b>kept</b>"))));
  ASSERT_TRUE(summary) << summary.error().message;
  auto rows = comments();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].c().body_html, "<p>click <strong>kept</strong></p>\n");
  EXPECT_TRUE(markup::testing::allow_list_violations(rows[0].c().body_html).empty());
}

TEST_F(WxrImportTest, DatesAndClosedThreads) {
  std::string undated = wxr::comment("3", "0", "undated", "1", "", "");
  const std::string local = "<wp:comment_date>2020-01-02 10:04:05</wp:comment_date>";
  undated.erase(undated.find(local), local.size());
  auto summary = import_doc(wxr::document(wxr::item(
      "1", wxr::comment("1", "0", "no gmt", "1", "", "0000-00-00 00:00:00") +
               wxr::comment("2", "0", "bad gmt", "1", "", "2020-02-30 00:00:00") + undated,
      "closed")));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->notes["local time read as UTC (no GMT date)"], 2);
  EXPECT_EQ(summary->skipped["missing or invalid date"], 1);
  auto ts = threads();
  ASSERT_EQ(ts.size(), 1u);
  EXPECT_TRUE(ts[0].is_closed);
  EXPECT_EQ(ts[0].created, *parse_rfc3339("2019-12-31T00:00:00Z"));
  EXPECT_EQ(find(comments(), "no gmt")->c().created, *parse_rfc3339("2020-01-02T10:04:05Z"));
}

TEST_F(WxrImportTest, CommentsJoinAnExistingThreadWithoutMovingItsLatestTime) {
  auto existing = store_->threads().find_or_create({SiteId{"news"}, "/p/1/", "Live", "", {1}});
  ASSERT_TRUE(existing);
  const Timestamp recent = *parse_rfc3339("2025-01-01T00:00:00Z");
  ASSERT_TRUE(store_->threads().add_to_count(existing->id, 0, recent));
  auto summary = import_doc(wxr::document(wxr::item("1", wxr::comment("1", "0", "old one"))));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->threads_created, 0);
  EXPECT_EQ(summary->threads_updated, 1);
  auto ts = threads();
  ASSERT_EQ(ts.size(), 1u);
  EXPECT_EQ(ts[0].title, "Live");
  EXPECT_EQ(ts[0].comment_count, 1);
  EXPECT_EQ(ts[0].last_comment_at, recent);
}

TEST_F(WxrImportTest, AnUnknownSiteIsRefused) {
  ImportRequest request;
  request.kind = SourceKind::wxr;
  request.path = data("isso-wordpress.xml");
  request.site = SiteId{"nope"};
  auto summary = run_import(*store_, clock_, request);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, Errc::not_found);
}

}  // namespace
}  // namespace sala::transfer
