// Reader sign-in by e-mail end to end: the real server, a real SMTP server
// on loopback, the mail a reader gets, and what the token in the widget's
// hands can then do, until the reader signs out.
#include "integration/e2e_fixture.hpp"
#include "support/smtp_sink.hpp"

namespace sala::test {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kBinding = "a-secret-this-browser-keeps-0123";

class ReaderSigninE2eTest : public ServerE2eTest {
 protected:
  static std::string mail_config(const std::string& smtp_url) {
    return "[mail]\nsmtp_url = \"" + smtp_url +
           "\"\nsmtp_tls = \"none\"\nfrom = \"comments@news.example\"\n"
           "public_url = \"https://comments.news.example\"\npoll_ms = 50\n"
           "retry_initial_ms = 100\nretry_max_ms = 300\nsmtp_timeout_ms = 2000\n";
  }

  static boost::json::object ask_fields(std::string_view email, std::string_view name = "Ann Lee") {
    return {{"site", kSite}, {"email", email}, {"name", name},
            {"page_url", std::string(kOrigin) + "/story"}, {"binding", kBinding}};
  }

  static HttpResponse complete(HttpConnection& c, const std::string& code, std::string_view binding = kBinding) {
    return post_json(c, signin_ + "/complete", {{"site", kSite}, {"code", code}, {"binding", binding}});
  }

  // The code in the mail's link to the page.
  static std::string code_in(const boost::json::object& mail) {
    const std::string body = mail_body(mail);
    const std::string link = std::string(kOrigin) + "/story#sala-signin=";
    const auto at = body.find(link);
    if (at == std::string::npos) return "";
    return body.substr(at + link.size(), 32);
  }

  static inline const std::string signin_ = std::string(kApi) + "/readers/signin";
  SmtpSink sink_{dir_.path()};
};

TEST_F(ReaderSigninE2eTest, AMailedLinkSignsInOnceInTheAskingBrowserAndSigningOutEndsTheToken) {
  ASSERT_TRUE(sink_.started());
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  EXPECT_EQ(boost::json::serialize(get_thread(c, "/story").as_object().at("sign_in")), R"(["email"])")
      << "the widget learns that it may offer a sign-in";
  auto asked = post_json(c, signin_, ask_fields("ann@example.org"), {{"Origin", std::string(kOrigin)}});
  ASSERT_EQ(asked.status, 202) << asked.describe();
  EXPECT_EQ(asked.header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(asked.header("access-control-allow-origin").value_or(""), kOrigin);

  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mail_header(mails[0], "To"), "ann@example.org");
  EXPECT_EQ(mail_header(mails[0], "Subject"), "Sign in to comment on news.example");
  EXPECT_EQ(mail_header_count(mails[0], "List-Unsubscribe"), 0);
  const std::string code = code_in(mails[0]);
  ASSERT_EQ(code.size(), 32u) << mail_body(mails[0]);
  EXPECT_NE(mail_body(mails[0]).find("Ann Lee"), std::string::npos);

  auto elsewhere = complete(c, code, "another-browser-another-secret");
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(error_code(elsewhere), "signin_other_browser");
  auto signed_in = complete(c, code);
  ASSERT_EQ(signed_in.status, 200) << signed_in.describe();
  EXPECT_EQ(signed_in.header("cache-control").value_or(""), "no-store");
  const std::string token = string_at(json_of(signed_in), "token");
  EXPECT_TRUE(token.starts_with("s1.")) << token;
  EXPECT_EQ(string_at(json_of(signed_in), "name"), "Ann Lee");
  auto replayed = complete(c, code);
  EXPECT_EQ(replayed.status, 403);
  EXPECT_EQ(error_code(replayed), "signin_link_invalid");

  auto fields = comment_fields("/story", "signed in by mail");
  fields["author"] = "whatever";
  auto posted = post_comment(c, fields, {{"Sala-Reader", token}});
  ASSERT_EQ(posted.status, 201) << posted.describe();
  EXPECT_EQ(string_at(json_of(posted), "comment.author.name"), "Ann Lee");
  const auto listed = comments_of(get_thread(c, "/story"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].as_object().at("author").as_object().at("verified"), boost::json::value(true));
  fields = comment_fields("/story", "me too");
  fields["author"] = "ann lee";
  auto impostor = post_comment(c, fields);
  EXPECT_EQ(impostor.status, 422);
  EXPECT_EQ(error_code(impostor), "author_reserved");

  auto no_token = post_json(c, std::string(kApi) + "/readers/signout", {{"site", kSite}});
  EXPECT_EQ(no_token.status, 401);
  auto out = post_json(c, std::string(kApi) + "/readers/signout", {{"site", kSite}}, {{"Sala-Reader", token}});
  EXPECT_EQ(out.status, 204) << out.describe();
  auto after = post_comment(c, comment_fields("/story", "after signing out"), {{"Sala-Reader", token}});
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(error_code(after), "reader_token_revoked");
  EXPECT_EQ(thread_count(c, "/story"), 1);
}

TEST_F(ReaderSigninE2eTest, HostileRequestsGetClearErrorsAndNoMail) {
  ASSERT_TRUE(sink_.started());
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  auto foreign = post_json(c, signin_, ask_fields("ann@example.org"), {{"Origin", std::string(kOtherOrigin)}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(error_code(foreign), "origin_not_allowed");
  auto form = c.post(signin_, "email=ann%40example.org", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  auto phish = ask_fields("ann@example.org");
  phish["page_url"] = "https://evil.example/login";
  auto refused = post_json(c, signin_, phish);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(error_code(refused), "page_url_not_allowed");
  auto injected = post_json(c, signin_, ask_fields("a@b.example\r\nBcc: x@y.example"));
  EXPECT_EQ(error_code(injected), "email_invalid");
  auto extra = ask_fields("ann@example.org");
  extra["admin"] = true;
  EXPECT_EQ(post_json(c, signin_, extra).status, 422) << "unknown fields are refused";
  EXPECT_EQ(error_code(complete(c, "not-a-code")), "signin_link_invalid");

  // A client address asks ten times an hour at most.
  int accepted = 0;
  HttpResponse last;
  for (int i = 0; i < 12; ++i) {
    last = post_json(c, signin_, ask_fields("reader" + std::to_string(i) + "@example.org", "Reader " + std::to_string(i)));
    if (last.status == 202) ++accepted;
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_TRUE(last.header("retry-after"));
  EXPECT_LE(accepted, 10);
  EXPECT_GE(accepted, 5);
  EXPECT_EQ(sink_.wait_for(static_cast<std::size_t>(accepted), 10s).size(), static_cast<std::size_t>(accepted))
      << "refused requests mail nobody";
}

TEST_F(ReaderSigninE2eTest, AServerWithoutMailSaysSo) {
  ASSERT_TRUE(start());
  auto c = connect();
  auto asked = post_json(c, signin_, ask_fields("ann@example.org"));
  EXPECT_EQ(asked.status, 404);
  EXPECT_EQ(error_code(asked), "signin_unavailable");
  EXPECT_FALSE(get_thread(c, "/story").as_object().contains("sign_in"));
}

}  // namespace
}  // namespace sala::test
