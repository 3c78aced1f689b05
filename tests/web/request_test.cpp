#include "web/request.hpp"

#include <gtest/gtest.h>

namespace sala::web {
namespace {

Request sample() {
  Request r;
  r.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  r.query = {{"sort", "new"}, {"tag", "a"}, {"tag", ""}, {"tag", "c"}};
  r.path_params = {{"thread", "t1"}, {"id", "42"}};
  return r;
}

TEST(RequestTest, HeaderReturnsFirstValueOrNothing) {
  const Request r = sample();
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("x-a"), "1");
  EXPECT_FALSE(r.header("cookie"));
}

TEST(RequestTest, QueryParamsKeepOrderAndRepeats) {
  const Request r = sample();
  EXPECT_EQ(r.query_param("sort"), "new");
  EXPECT_EQ(r.query_param("tag"), "a");
  EXPECT_EQ(r.query_params("tag"), (std::vector<std::string_view>{"a", "", "c"}));
  EXPECT_FALSE(r.query_param("missing"));
  EXPECT_TRUE(r.query_params("missing").empty());
}

TEST(RequestTest, PathParamByName) {
  const Request r = sample();
  EXPECT_EQ(r.path_param("id"), "42");
  EXPECT_EQ(r.path_param("thread"), "t1");
  EXPECT_FALSE(r.path_param("site"));
}

TEST(RequestTest, MethodNames) {
  EXPECT_EQ(method_name(Method::del), "DELETE");
  EXPECT_EQ(method_name(Method::patch), "PATCH");
}

}  // namespace
}  // namespace sala::web
