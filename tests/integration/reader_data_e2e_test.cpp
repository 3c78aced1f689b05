// A reader's own data end to end: the real server, a real SMTP server on
// loopback, the pages a reader clicks through, and the mails they get.
#include "integration/e2e_fixture.hpp"
#include "support/smtp_sink.hpp"

namespace sala::test {
namespace {

using namespace std::chrono_literals;

class ReaderDataE2eTest : public ServerE2eTest {
 protected:
  static std::string mail_config(const std::string& smtp_url) {
    return "[mail]\nsmtp_url = \"" + smtp_url +
           "\"\nsmtp_tls = \"none\"\nfrom = \"comments@news.example\"\n"
           "public_url = \"https://comments.news.example\"\npoll_ms = 50\n"
           "retry_initial_ms = 100\nretry_max_ms = 300\nsmtp_timeout_ms = 2000\n";
  }

  static HttpResponse form(HttpConnection& c, const std::string& target, const std::string& body) {
    return c.post(target, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
  }

  void post_as(HttpConnection& c, std::string_view author, std::string_view email, std::string_view body) {
    auto fields = comment_fields("/story", body);
    fields["author"] = author;
    if (!email.empty()) fields["email"] = email;
    EXPECT_EQ(post_comment(c, fields).status, 201);
  }

  const std::string ask_ = std::string(kApi) + "/reader-data";
  const std::string access_ = std::string(kApi) + "/reader-data/access?token=";
  SmtpSink sink_{dir_.path()};
};

TEST_F(ReaderDataE2eTest, AMailedLinkDownloadsOnceAndErasesOnce) {
  ASSERT_TRUE(sink_.started());
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  post_as(c, "Ann", "ann@example.org", "my own words");
  post_as(c, "Bob", "bob@example.org", "Bob's words");
  post_as(c, "Ann", "", "Ann without an address");

  auto page = c.get(ask_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"email\""), std::string::npos);
  EXPECT_NE(page.body.find("cannot be found"), std::string::npos) << "says what cannot be claimed";
  EXPECT_EQ(form(c, ask_, "email=not-an-address").status, 422);
  EXPECT_EQ(form(c, ask_, "nothing=here").status, 422);
  auto stranger = form(c, ask_, "email=stranger%40example.org");
  auto known = form(c, ask_, "email=ann%40example.org");
  EXPECT_EQ(stranger.status, 202);
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(stranger.body, known.body) << "nobody learns whether an address is known";

  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mail_header(mails[0], "To"), "ann@example.org");
  EXPECT_EQ(mail_header_count(mails[0], "List-Unsubscribe"), 0);
  const std::string token = mail_token(mails[0], "/reader-data/access");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(mail_body(mails[0]).find("ann@example.org"), std::string::npos) << "no address in the link";

  // GET shows the buttons and changes nothing.
  auto choices = c.get(access_ + token);
  ASSERT_EQ(choices.status, 200);
  EXPECT_NE(choices.body.find("Download my data"), std::string::npos);
  EXPECT_NE(choices.body.find("Erase my data"), std::string::npos);
  EXPECT_NE(choices.body.find("neutral name"), std::string::npos) << "the site anonymises by default";
  for (const std::string& bad : std::vector<std::string>{"bogus", "%3Cscript%3Ealert(1)%3C/script%3E", std::string(300, 'A')}) {
    auto refused = c.get(access_ + bad);
    EXPECT_EQ(refused.status, 403) << bad;
    EXPECT_EQ(refused.body.find("<script"), std::string::npos);
    EXPECT_EQ(form(c, access_ + bad, "action=erase").status, 403);
  }
  EXPECT_EQ(form(c, access_ + token, "action=explode").status, 400);

  auto download = form(c, access_ + token, "action=download");
  ASSERT_EQ(download.status, 200) << download.describe();
  EXPECT_EQ(download.header("content-disposition").value_or(""), "attachment; filename=\"my-comments.json\"");
  EXPECT_EQ(download.header("cache-control").value_or(""), "no-store");
  const auto data = boost::json::parse(download.body).as_object();
  EXPECT_EQ(data.at("format").as_string(), "sala-reader-data");
  const auto& comments = data.at("comments").as_array();
  ASSERT_EQ(comments.size(), 1u) << download.body;
  EXPECT_EQ(comments[0].at("markdown").as_string(), "my own words");
  EXPECT_EQ(comments[0].at("thread").at("key").as_string(), "/story");
  EXPECT_EQ(download.body.find("ann@example.org"), std::string::npos) << "the address never goes to a browser";
  EXPECT_EQ(download.body.find("Bob"), std::string::npos);
  EXPECT_EQ(form(c, access_ + token, "action=download").status, 403) << "the download works once";
  auto after_download = c.get(access_ + token);
  EXPECT_EQ(after_download.status, 200);
  EXPECT_EQ(after_download.body.find("Download my data"), std::string::npos);

  get_thread(c, "/story");  // cached before the erasure
  auto erased = form(c, access_ + token, "action=erase");
  ASSERT_EQ(erased.status, 200) << erased.describe();
  const auto thread = get_thread(c, "/story", "sort=oldest");
  std::vector<std::string> names;
  for (const auto& comment : comments_of(thread)) {
    names.emplace_back(comment.at("author").at("name").as_string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Former reader", "Bob", "Ann"}))
      << "the anonymised name shows at once; the comment without an address is not Ann's to claim";
  EXPECT_EQ(form(c, access_ + token, "action=erase").status, 403) << "an erasure link works once";
  EXPECT_EQ(c.get(access_ + token).status, 403);

  // Asked again, nothing is held any more: no mail.
  EXPECT_EQ(form(c, ask_, "email=ann%40example.org").status, 202);
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sink_.messages().size(), 1u);
}

TEST_F(ReaderDataE2eTest, AskingIsRateLimitedPerClient) {
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  int last = 0;
  std::optional<std::string> retry;
  for (int i = 0; i < 6; ++i) {
    auto r = form(c, ask_, "email=someone" + std::to_string(i) + "%40example.org");
    last = r.status;
    retry = r.header("retry-after");
  }
  EXPECT_EQ(last, 429);
  EXPECT_TRUE(retry.has_value());
}

TEST_F(ReaderDataE2eTest, WithoutMailThePageSaysItIsNotAvailable) {
  ASSERT_TRUE(start());
  auto c = connect();
  EXPECT_EQ(c.get(ask_).status, 404);
  EXPECT_EQ(form(c, ask_, "email=ann%40example.org").status, 404);
}

TEST_F(ReaderDataE2eTest, MailsAndTheManagePageLinkHereAndTheManagePageSetsDelivery) {
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  ASSERT_EQ(post_json(c, std::string(kApi) + "/subscriptions",
                      {{"site", kSite}, {"thread", "/story"}, {"email", "ann@example.org"}, {"kind", "thread"}})
                .status,
            202);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  const std::string body = mail_body(mails[0]);
  const auto footer = body.find("Download or erase your data:");
  ASSERT_NE(footer, std::string::npos) << body;
  EXPECT_NE(body.find("https://comments.news.example/api/v1/reader-data", footer), std::string::npos) << body;
  const std::string manage = std::string(kApi) + "/subscriptions/manage?token=" +
                             mail_token(mails[0], "/subscriptions/manage");
  auto page = c.get(manage);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"../reader-data\""), std::string::npos);
  const std::string marker = "name=\"subscription\" value=\"";
  const auto at = page.body.find(marker);
  ASSERT_NE(at, std::string::npos) << page.body;
  const std::string id = page.body.substr(at + marker.size(), page.body.find('"', at + marker.size()) - at - marker.size());
  EXPECT_EQ(form(c, manage, "subscription=" + id + "&delivery=weekly").status, 400);
  EXPECT_EQ(form(c, manage, "subscription=999999&delivery=daily").status, 404) << "not this reader's";
  auto saved = form(c, manage, "subscription=" + id + "&delivery=daily");
  ASSERT_EQ(saved.status, 200) << saved.describe();
  EXPECT_NE(saved.body.find("<option value=\"daily\" selected=\"selected\">"), std::string::npos) << saved.body;
}

}  // namespace
}  // namespace sala::test
