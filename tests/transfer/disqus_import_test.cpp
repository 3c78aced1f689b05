// Disqus exports: threads by dsq:id, replies, deleted and spam posts.
#include "transfer/import_fixture.hpp"

namespace sala::transfer {
namespace {

class DisqusImportTest : public ImportTest {};

TEST_F(DisqusImportTest, IssoFixture) {
  auto summary = import(SourceKind::disqus, data("isso-disqus.xml"));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 5);
  EXPECT_EQ(summary->skipped["thread not in the file"], 1);  // post 6 names thread 1337

  auto ts = threads();
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_EQ(ts[0].key, "/");
  EXPECT_EQ(ts[0].title, "Hello, World!");
  EXPECT_EQ(ts[1].key, "/blog/2013/02/12/redacted/index.html");  // no title, no identifier: the link's path
  EXPECT_EQ(ts[0].comment_count, 3);

  auto rows = comments();
  const Row* html = find(rows, "Hello, World.");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->c().body_html, "<p>Hello, World.</p>\n");
  EXPECT_EQ(html->c().author_name, "user");
  EXPECT_EQ(html->c().created, *parse_rfc3339("2013-10-11T06:51:33Z"));
  ASSERT_TRUE(html->c().parent);
  // Post 9 is deleted and has a reply (11): it stays as an empty placeholder.
  int placeholders = 0;
  for (const auto& r : rows) {
    if (r.c().state != CommentState::deleted) continue;
    ++placeholders;
    EXPECT_EQ(r.c().body_markdown, "");
    EXPECT_EQ(r.c().author_name, "");
    EXPECT_EQ(r.stored.author_email, "");
  }
  EXPECT_EQ(placeholders, 1);
}

TEST_F(DisqusImportTest, RemarkFixturesAsPublishedAreMalformed) {
  for (const char* name : {"remark42-disqus-deleted-post.xml", "remark42-disqus-deleted-thread.xml"}) {
    auto summary = import(SourceKind::disqus, data(name));
    ASSERT_FALSE(summary) << name;
    EXPECT_STREQ(summary.error().wire_code(), "invalid_xml");
    EXPECT_TRUE(comments().empty());
  }
}

TEST_F(DisqusImportTest, DeletedPostsSpamAndClosedThreads) {
  auto summary = import(SourceKind::disqus, data("remark42-disqus-deleted-post.repaired.xml"));
  ASSERT_TRUE(summary) << summary.error().message;
  // A deleted post without replies leaves nothing; the post without dsq:id
  // is kept under its <id>.
  EXPECT_EQ(summary->skipped["deleted comment without replies"], 1);
  EXPECT_EQ(summary->comments, 4);
  auto rows = comments();
  EXPECT_EQ(find(rows, "some ugly spam")->c().state, CommentState::spam);
  EXPECT_NE(find(rows, "This comment had no ID"), nullptr);
  auto ts = threads();
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_TRUE(ts[0].is_closed);  // the first post's thread (podcast-229) is closed
  EXPECT_EQ(ts[0].key, "/p/2011/03/05/podcast-229/");
  EXPECT_EQ(ts[0].title, "Радио-Т: Радио-Т 229");
  EXPECT_EQ(ts[0].comment_count, 1);  // the spam does not count
  const Row* links = find(rows, "Microsoft");
  ASSERT_TRUE(links);
  EXPECT_NE(links->c().body_html.find("<a href=\"http://blogs.msdn.com/b/b8/archive/2011/08/29/improvements-in-windows-explorer.aspx\""),
            std::string::npos);
}

TEST_F(DisqusImportTest, PostsOfADeletedThreadAreSkipped) {
  auto summary = import(SourceKind::disqus, data("remark42-disqus-deleted-thread.repaired.xml"));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->skipped["thread deleted in Disqus"], 3);
  EXPECT_EQ(summary->comments, 2);
}

TEST_F(DisqusImportTest, OtherXmlIsNotADisqusExport) {
  auto summary = import(SourceKind::disqus, data("small-export.xml"));
  ASSERT_FALSE(summary);
  EXPECT_STREQ(summary.error().wire_code(), "not_disqus_export");
}

TEST_F(DisqusImportTest, RepliesMayComeBeforeTheirParents) {
  const std::string doc = R"(<?xml version="1.0"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://news.example/a</link><title>A</title></thread>
  <post dsq:id="3"><message>child</message><createdAt>2020-01-01T00:00:02Z</createdAt>
    <author><name>C</name></author><thread dsq:id="1"/><parent dsq:id="2"/></post>
  <post dsq:id="2"><message/><createdAt>2020-01-01T00:00:01Z</createdAt><isDeleted>true</isDeleted>
    <author><name>B</name></author><thread dsq:id="1"/><parent dsq:id="4"/></post>
  <post dsq:id="4"><message>root</message><createdAt>2020-01-01T00:00:00Z</createdAt>
    <author><name>A</name></author><thread dsq:id="1"/></post>
</disqus>)";
  auto summary = import(SourceKind::disqus, file("d.xml", doc));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->comments, 3);
  auto rows = comments();
  const Row* child = find(rows, "child");
  ASSERT_TRUE(child);
  EXPECT_EQ(child->c().depth, 2);
}

}  // namespace
}  // namespace sala::transfer
