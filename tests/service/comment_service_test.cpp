#include "service/comment_service.hpp"

#include "service/service_fixture.hpp"

namespace sala::service {
namespace {

using CommentServiceTest = ServiceTest;

TEST_F(CommentServiceTest, APostCreatesTheThreadAndIsListed) {
  auto in = input("Hello *world*");
  in.title = "A story";
  in.url = "https://news.example/story";
  auto posted = post(in);
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_EQ(posted->comment.state, CommentState::approved);
  EXPECT_EQ(posted->comment.body_html, "<p>Hello <em>world</em></p>\n");
  EXPECT_EQ(posted->thread.title, "A story");
  EXPECT_EQ(posted->thread.comment_count, 1);
  EXPECT_GE(posted->edit_token.size(), 22u);
  auto view = page();
  ASSERT_EQ(view.comments.size(), 1u);
  EXPECT_EQ(view.thread.comment_count, 1);
}

TEST_F(CommentServiceTest, AnUnknownSiteIsNotFound) {
  auto in = input("x");
  in.site = SiteId{"other"};
  auto posted = post(in);
  ASSERT_FALSE(posted);
  EXPECT_EQ(posted.error().code, Errc::not_found);
}

TEST_F(CommentServiceTest, AUrlOffTheSitesOriginsIsRefused) {
  auto in = input("x");
  in.url = "https://evil.example/story";
  auto posted = post(in);
  ASSERT_FALSE(posted);
  EXPECT_STREQ(posted.error().wire_code(), "url_not_allowed");
  EXPECT_TRUE(page().comments.empty());
}

TEST_F(CommentServiceTest, AReplyMustBeInTheSameThread) {
  auto first = post(input("first"));
  ASSERT_TRUE(first);
  auto other = input("elsewhere");
  other.thread_key = "/other";
  other.parent = first->comment.id;
  auto refused = post(other);
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "parent_not_found");
  auto reply = post(input("reply", first->comment.id));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->comment.depth, 1);
}

TEST_F(CommentServiceTest, PremoderatedSitesHoldCommentsOutOfSight) {
  SiteService sites(*store_, clock_);
  ASSERT_TRUE(sites.put({"news", {"https://news.example"}, true}));
  auto posted = post(input("held"));
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->comment.state, CommentState::pending);
  auto view = page();
  EXPECT_TRUE(view.comments.empty());
  EXPECT_EQ(view.thread.comment_count, 0);
}

TEST_F(CommentServiceTest, AClosedThreadTakesNoComments) {
  auto first = post(input("first"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(store_->threads().set_closed(first->thread.id, true));
  auto refused = post(input("late"));
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "thread_closed");
}

TEST_F(CommentServiceTest, EditsNeedTheTokenAndTheWindow) {
  auto posted = post(input("typo"));
  ASSERT_TRUE(posted);
  const CommentId id = posted->comment.id;
  auto wrong = comments_.prepare_edit(id, "fixed", "not-the-token");
  ASSERT_TRUE(wrong);
  auto refused = in_tx<Changed>([&](store::Store& tx) { return comments_.commit_edit(tx, *wrong); });
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "invalid_edit_token");

  clock_.advance(std::chrono::minutes(14));
  auto right = comments_.prepare_edit(id, "fixed", posted->edit_token);
  ASSERT_TRUE(right);
  auto edited = in_tx<Changed>([&](store::Store& tx) { return comments_.commit_edit(tx, *right); });
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->comment->body_markdown, "fixed");
  EXPECT_TRUE(edited->comment->edited);

  clock_.advance(std::chrono::minutes(2));
  auto late = in_tx<Changed>([&](store::Store& tx) { return comments_.commit_edit(tx, *right); });
  ASSERT_FALSE(late);
  EXPECT_STREQ(late.error().wire_code(), "edit_window_closed");
  EXPECT_EQ(late.error().code, Errc::forbidden);
}

TEST_F(CommentServiceTest, DeletingACommentWithRepliesLeavesAPlaceholder) {
  auto top = post(input("parent"));
  ASSERT_TRUE(top);
  auto reply = post(input("child", top->comment.id));
  ASSERT_TRUE(reply);
  auto removed = in_tx<Changed>(
      [&](store::Store& tx) { return comments_.remove(tx, top->comment.id, top->edit_token); });
  ASSERT_TRUE(removed) << removed.error().message;
  auto view = page();
  ASSERT_EQ(view.comments.size(), 1u);
  EXPECT_TRUE(view.comments[0].root.is_placeholder);
  EXPECT_EQ(view.comments[0].root.comment.body_markdown, "");
  EXPECT_EQ(view.thread.comment_count, 1);

  // The last reply goes, and the placeholder with it.
  auto gone = in_tx<Changed>(
      [&](store::Store& tx) { return comments_.remove(tx, reply->comment.id, reply->edit_token); });
  ASSERT_TRUE(gone);
  EXPECT_TRUE(page().comments.empty());
  auto row = store_->comments().get(top->comment.id);
  ASSERT_TRUE(row);
  EXPECT_FALSE(*row);
}

TEST_F(CommentServiceTest, BadInputIsRefusedBeforeAnyWrite) {
  struct Case {
    std::string author, body;
    std::optional<std::string> email;
    const char* code;
  };
  const Case cases[] = {
      {"", "text", {}, "author_required"},
      {"\xe2\x80\xae" "nimda", "text", {}, "author_invalid_characters"},
      {std::string(65, 'a'), "text", {}, "author_too_long"},
      {"Ann", "", {}, "body_required"},
      {"Ann", std::string(10001, 'x'), {}, "body_too_long"},
      {"Ann", "bad \xc0\xaf utf8", {}, "invalid_utf8"},
      {"Ann", "text", "a@b.c\r\nBcc: x@y.z", "email_invalid"},
  };
  for (const auto& c : cases) {
    auto in = input(c.body);
    in.author = c.author;
    in.email = c.email;
    auto draft = comments_.prepare_post(*store_, in);
    ASSERT_FALSE(draft) << c.code;
    EXPECT_STREQ(draft.error().wire_code(), c.code);
  }
  EXPECT_TRUE(page().comments.empty());
}

}  // namespace
}  // namespace sala::service
