#include "web/router.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace sala::web {
namespace {

Handler named(std::string name) {
  return [name](Request, Respond respond) { respond(Reply::json(200, name)); };
}

Router sample_router() {
  Router router;
  router.add({Method::get, "/api/v1/comments/{id}", named("get-comment")});
  router.add({Method::del, "/api/v1/comments/{id}", named("delete-comment")});
  router.add({Method::get, "/api/v1/comments/recent", named("recent")});
  router.add({Method::post, "/api/v1/comments/{id}/vote", named("vote")});
  router.add({Method::get, "/api/v1/threads/{thread}/comments/{id}", named("in-thread")});
  router.add({Method::get, "/", named("root")});
  return router;
}

// Calls the matched handler and returns the body it answered with.
std::string run(const RouteMatch& match) {
  std::string body;
  match.route->handler(Request{}, [&](Reply reply) { body = reply.body; });
  return body;
}

TEST(RouterTest, ExtractsParameters) {
  const Router router = sample_router();
  const RouteMatch m = router.match(Method::get, "/api/v1/threads/t-9/comments/17");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(run(m), "in-thread");
  const std::vector<std::pair<std::string, std::string>> expected = {{"thread", "t-9"},
                                                                     {"id", "17"}};
  EXPECT_EQ(m.params, expected);
}

TEST(RouterTest, LiteralSegmentBeatsParameter) {
  const Router router = sample_router();
  EXPECT_EQ(run(router.match(Method::get, "/api/v1/comments/recent")), "recent");
  EXPECT_EQ(run(router.match(Method::get, "/api/v1/comments/12")), "get-comment");
  // The literal route has no DELETE, so the parameter route takes it.
  EXPECT_EQ(run(router.match(Method::del, "/api/v1/comments/recent")), "delete-comment");
}

TEST(RouterTest, UnknownPathIsNotFound) {
  const Router router = sample_router();
  for (const char* path :
       {"/nope", "/api/v1/comments", "/api/v1/comments/", "/api/v1/comments//vote",
        "/api/v1/comments/1/vote/extra", "", "relative"}) {
    const RouteMatch m = router.match(Method::get, path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_TRUE(m.allow.empty()) << path;
    EXPECT_EQ(Router::unmatched_reply(m).status, 404) << path;
  }
  const Reply reply = Router::unmatched_reply(router.match(Method::get, "/nope"));
  EXPECT_EQ(reply.body, R"({"error":{"code":"not_found","message":"no such resource"}})");
}

TEST(RouterTest, KnownPathWithOtherMethodIsMethodNotAllowed) {
  const Router router = sample_router();
  const RouteMatch m = router.match(Method::put, "/api/v1/comments/5");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, "GET, HEAD, DELETE");
  const Reply reply = Router::unmatched_reply(m);
  EXPECT_EQ(reply.status, 405);
  ASSERT_NE(reply.find_header("allow"), nullptr);
  EXPECT_EQ(reply.find_header("allow")->value, "GET, HEAD, DELETE");
  EXPECT_NE(reply.body.find("method_not_allowed"), std::string::npos);

  EXPECT_EQ(router.match(Method::get, "/api/v1/comments/5/vote").allow, "POST");
  EXPECT_EQ(router.match(Method::other, "/").allow, "GET, HEAD");
}

TEST(RouterTest, HeadUsesGetRoute) {
  Router router = sample_router();
  EXPECT_EQ(run(router.match(Method::head, "/api/v1/comments/3")), "get-comment");
  router.add({Method::head, "/api/v1/comments/{id}", named("explicit-head")});
  EXPECT_EQ(run(router.match(Method::head, "/api/v1/comments/3")), "explicit-head");
  EXPECT_EQ(router.match(Method::head, "/api/v1/comments/3/vote").allow, "POST");
}

TEST(RouterTest, DispatchFillsParamsOrAnswersError) {
  const Router router = sample_router();
  Request request;
  request.method = Method::post;
  request.path = "/api/v1/comments/77/vote";
  std::optional<Reply> answer;
  Router captured;
  captured.add({Method::post, "/api/v1/comments/{id}/vote", [](Request r, Respond respond) {
                  respond(Reply::json(200, std::string(r.path_param("id").value_or("?"))));
                }});
  captured.dispatch(request, [&](Reply r) { answer = std::move(r); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, "77");

  answer.reset();
  request.path = "/elsewhere";
  router.dispatch(request, [&](Reply r) { answer = std::move(r); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 404);
}

TEST(RouterTest, RejectsBadRoutesAtStartup) {
  Router router = sample_router();
  EXPECT_THROW(router.add({Method::get, "no-slash", named("x")}), std::invalid_argument);
  EXPECT_THROW(router.add({Method::get, "/a/{}", named("x")}), std::invalid_argument);
  EXPECT_THROW(router.add({Method::get, "/a/x{id}", named("x")}), std::invalid_argument);
  EXPECT_THROW(router.add({Method::get, "/a/{id}/{id}", named("x")}), std::invalid_argument);
  EXPECT_THROW(router.add({Method::get, "/api/v1/comments/{other}", named("x")}),
               std::invalid_argument);
  EXPECT_THROW(router.add({Method::other, "/b", named("x")}), std::invalid_argument);
  EXPECT_THROW(router.add({Method::get, "/b", nullptr}), std::invalid_argument);
  EXPECT_NO_THROW(router.add({Method::post, "/api/v1/comments/{other}", named("x")}));
}

}  // namespace
}  // namespace sala::web
