#include "web/reply.hpp"

#include <gtest/gtest.h>

namespace sala::web {
namespace {

TEST(ReplyTest, JsonSetsContentTypeWithCharset) {
  const Reply r = Reply::json(201, R"({"id":1})");
  EXPECT_EQ(r.status, 201);
  ASSERT_NE(r.find_header("content-type"), nullptr);
  EXPECT_EQ(r.find_header("Content-Type")->value, "application/json; charset=utf-8");
  EXPECT_EQ(r.payload(), R"({"id":1})");
}

TEST(ReplyTest, ErrorEscapesCodeAndMessage) {
  const Reply r = Reply::error(400, "bad\"code", "line\nbreak \\ <script>&\x01");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(
      r.body,
      R"({"error":{"code":"bad\"code","message":"line\nbreak \\ \u003cscript\u003e\u0026\u0001"}})");
}

TEST(ReplyTest, ErrorKeepsUtf8AndReplacesInvalidBytes) {
  const Reply r = Reply::error(422, "x", "caf\xC3\xA9 \xFF \xC0\xAE");
  EXPECT_EQ(r.body,
            "{\"error\":{\"code\":\"x\",\"message\":\"caf\xC3\xA9 \\ufffd \\ufffd\\ufffd\"}}");
}

TEST(ReplyTest, EmptyHasNoBodyOrContentType) {
  const Reply r = Reply::empty(204);
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.payload().empty());
  EXPECT_EQ(r.find_header("content-type"), nullptr);
}

TEST(ReplyTest, SharedBodyWinsOverBody) {
  Reply r = Reply::json(200, "ignored");
  r.shared_body = std::make_shared<const std::string>("[1,2]");
  EXPECT_EQ(r.payload(), "[1,2]");
}

}  // namespace
}  // namespace sala::web
