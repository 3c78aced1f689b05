#include "api/comment_json.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api/error_reply.hpp"

namespace sala::api {
namespace {

Comment sample() {
  Comment c;
  c.id = CommentId{7};
  c.parent = CommentId{3};
  c.author_name = "<svg onload=alert(1)>";
  c.avatar = "abcd1234";
  c.body_markdown = "secret markdown source";
  c.body_html = "<p>hi</p>\n";
  c.created = Timestamp{1'700'000'059'999};
  c.upvotes = 3;
  c.downvotes = 1;
  return c;
}

TEST(CommentJsonTest, CarriesThePublicFieldsOnly) {
  const std::string out = boost::json::serialize(comment_json({sample(), 1, false}));
  EXPECT_NE(out.find(R"("id":7)"), std::string::npos);
  EXPECT_NE(out.find(R"("parent":3)"), std::string::npos);
  EXPECT_NE(out.find(R"("score":2)"), std::string::npos);
  EXPECT_NE(out.find(R"("name":"<svg onload=alert(1)>")"), std::string::npos);  // text, the widget escapes
  EXPECT_EQ(out.find("secret markdown source"), std::string::npos);
  EXPECT_EQ(out.find("status"), std::string::npos);
}

TEST(CommentJsonTest, PlaceholdersKeepTheirPlaceAndNothingElse) {
  const std::string out = boost::json::serialize(comment_json({sample(), 0, true}));
  EXPECT_NE(out.find(R"("status":"deleted")"), std::string::npos);
  EXPECT_EQ(out.find("svg"), std::string::npos);
  EXPECT_EQ(out.find("<p>hi"), std::string::npos);
}

TEST(CommentJsonTest, PinnedAndFeaturedAppearOnlyWhenTrueAndNeverOnPlaceholders) {
  Comment c = sample();
  const std::string plain = boost::json::serialize(comment_json({c, 0, false}));
  EXPECT_EQ(plain.find("pinned"), std::string::npos);
  EXPECT_EQ(plain.find("featured"), std::string::npos);
  c.pinned = true;
  c.featured = true;
  const std::string marked = boost::json::serialize(comment_json({c, 0, false}));
  EXPECT_NE(marked.find(R"("pinned":true)"), std::string::npos);
  EXPECT_NE(marked.find(R"("featured":true)"), std::string::npos);
  const std::string placeholder = boost::json::serialize(comment_json({c, 0, true}));
  EXPECT_EQ(placeholder.find("pinned"), std::string::npos);
  EXPECT_EQ(placeholder.find("featured"), std::string::npos);
}

TEST(CommentJsonTest, AVerifiedAuthorIsMarkedWithoutTheirAccount) {
  Comment c = sample();
  EXPECT_EQ(boost::json::serialize(comment_json({c, 0, false})).find("verified"), std::string::npos);
  c.author_account = "email:0123abcd";
  const std::string out = boost::json::serialize(comment_json({c, 0, false}));
  EXPECT_NE(out.find(R"("verified":true)"), std::string::npos);
  EXPECT_EQ(out.find("0123abcd"), std::string::npos) << "the account itself never leaves the server";
  EXPECT_EQ(boost::json::serialize(comment_json({c, 0, true})).find("verified"), std::string::npos);
}

TEST(CommentJsonTest, APageSaysHowReadersMaySignInAndWhetherTheyMust) {
  service::ThreadView view;
  const std::string plain = thread_page_json(view);
  EXPECT_EQ(plain.find("sign_in"), std::string::npos);
  EXPECT_EQ(plain.find("anonymous"), std::string::npos);
  const std::string strict = thread_page_json(view, true, false);
  EXPECT_NE(strict.find(R"("sign_in":["email"])"), std::string::npos);
  EXPECT_NE(strict.find(R"("anonymous":false)"), std::string::npos);
}

TEST(CommentJsonTest, PublicTimesAreRoundedDownToTheMinute) {
  EXPECT_EQ(public_time({1'700'000'059'999}), "2023-11-14T22:14:00.000Z");
  EXPECT_EQ(public_time({-1}), "1969-12-31T23:59:00.000Z");
}

TEST(ErrorReplyTest, EveryErrcHasItsStatus) {
  EXPECT_EQ(http_status(Errc::invalid_argument), 400);
  EXPECT_EQ(http_status(Errc::unprocessable), 422);
  EXPECT_EQ(http_status(Errc::forbidden), 403);
  EXPECT_EQ(http_status(Errc::not_found), 404);
  EXPECT_EQ(http_status(Errc::too_large), 413);
  EXPECT_EQ(http_status(Errc::unsupported_media), 415);
  EXPECT_EQ(http_status(Errc::precondition_required), 428);
  EXPECT_EQ(http_status(Errc::rate_limited), 429);
  EXPECT_EQ(http_status(Errc::unavailable), 503);
  auto reply = error_reply(Error::internal("secret detail for operators"));
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.body.find("secret detail"), std::string::npos);
  EXPECT_NE(reply.body.find(R"("code":"internal")"), std::string::npos);
}

}  // namespace
}  // namespace sala::api
