#include "admin/session_cookie.hpp"

#include <gtest/gtest.h>

#include "admin/admin_api.hpp"

namespace sala::admin {
namespace {

web::Request with_headers(std::vector<web::Header> headers) {
  web::Request r;
  r.headers = std::move(headers);
  return r;
}

TEST(SessionCookieTest, SecureWithTheHostPrefixEverywhereButLoopback) {
  const auto public_host = with_headers({{"host", "comments.example.org"}});
  EXPECT_EQ(session_cookie_name(public_host), "__Host-sala_session");
  const std::string cookie = session_set_cookie(public_host, "tok", 3600);
  EXPECT_EQ(cookie, "__Host-sala_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure");
  for (const char* host : {"127.0.0.1:8080", "localhost", "[::1]:9000"}) {
    const auto local = with_headers({{"host", host}});
    EXPECT_EQ(session_cookie_name(local), "sala_session") << host;
    EXPECT_EQ(session_set_cookie(local, "", 0).find("Secure"), std::string::npos) << host;
  }
}

TEST(SessionCookieTest, FindsItsCookieAmongOthers) {
  const auto r = with_headers({{"cookie", "a=1; sala_session=abc;b=2"}, {"cookie", "c=3"}});
  EXPECT_EQ(cookie_value(r, "sala_session"), "abc");
  EXPECT_EQ(cookie_value(r, "c"), "3");
  EXPECT_FALSE(cookie_value(r, "session"));
  EXPECT_FALSE(cookie_value(with_headers({}), "sala_session"));
}

TEST(SessionCookieTest, SameOriginMeansTheOriginNamesTheHost) {
  EXPECT_TRUE(is_same_origin(with_headers({{"host", "a.example"}})));
  EXPECT_TRUE(is_same_origin(with_headers({{"host", "a.example"}, {"origin", "https://a.example"}})));
  EXPECT_FALSE(is_same_origin(with_headers({{"host", "a.example"}, {"origin", "https://b.example"}})));
  EXPECT_FALSE(is_same_origin(with_headers({{"host", "a.example"}, {"origin", "null"}})));
  EXPECT_FALSE(is_same_origin(with_headers({{"origin", "https://a.example"}})));
}

}  // namespace
}  // namespace sala::admin
