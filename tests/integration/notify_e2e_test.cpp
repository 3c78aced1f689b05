// Notifications end to end: the real server, a real SMTP server on loopback
// (python3-aiosmtpd), and the mails as a mail program parses them.
#include <map>
#include <set>
#include <thread>

#include "integration/e2e_fixture.hpp"
#include "support/sala_process.hpp"
#include "support/smtp_sink.hpp"

namespace sala::test {
namespace {

using namespace std::chrono_literals;

class NotifyE2eTest : public ServerE2eTest {
 protected:
  static std::string mail_config(const std::string& smtp_url, const std::string& extra = "") {
    return "[mail]\nsmtp_url = \"" + smtp_url +
           "\"\nsmtp_tls = \"none\"\nfrom = \"comments@news.example\"\n"
           "public_url = \"https://comments.news.example\"\npoll_ms = 50\n"
           "retry_initial_ms = 100\nretry_max_ms = 300\nsmtp_timeout_ms = 2000\n" + extra;
  }

  HttpResponse subscribe(HttpConnection& c, std::string_view email, std::string_view thread,
                         std::string_view kind = "thread", std::string_view title = "A story") {
    return post_json(c, std::string(kApi) + "/subscriptions",
                     {{"site", kSite}, {"thread", thread}, {"email", email}, {"kind", kind}, {"title", title}});
  }

  static std::vector<boost::json::object> to(const std::vector<boost::json::object>& all, std::string_view address) {
    std::vector<boost::json::object> out;
    for (const auto& m : all) {
      const auto& rcpt = m.at("rcpt_tos").as_array();
      if (rcpt.size() == 1 && rcpt[0].as_string() == address) out.push_back(m);
    }
    return out;
  }

  // Subscribes and confirms `email`; returns the confirmation mail.
  boost::json::object subscribed(HttpConnection& c, SmtpSink& sink, std::string_view email,
                                 std::string_view thread, std::size_t mails_before) {
    EXPECT_EQ(subscribe(c, email, thread).status, 202);
    auto mails = sink.wait_for(mails_before + 1, 10s);
    auto mine = to(mails, email);
    EXPECT_EQ(mine.size(), 1u);
    if (mine.empty()) return {};
    const std::string token = mail_token(mine.back(), "/subscriptions/confirm");
    EXPECT_FALSE(token.empty());
    auto r = c.post(std::string(kApi) + "/subscriptions/confirm?token=" + token, "",
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 200) << r.describe();
    return mine.back();
  }

  SmtpSink sink_{dir_.path()};
};

TEST_F(NotifyE2eTest, ConfirmDeliverAndUnsubscribeWithOneClick) {
  ASSERT_TRUE(sink_.started());
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  ASSERT_EQ(subscribe(c, "ann@example.org", "/story").status, 202);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  const auto& confirmation = mails[0];
  EXPECT_EQ(mail_header(confirmation, "To"), "ann@example.org");
  EXPECT_TRUE(mail_header(confirmation, "Message-ID").starts_with("<sala.confirm."));
  EXPECT_EQ(mail_header_count(confirmation, "List-Unsubscribe"), 0);
  const std::string confirm = mail_token(confirmation, "/subscriptions/confirm");
  ASSERT_FALSE(confirm.empty());
  EXPECT_EQ(mail_body(confirmation).find("ann@example.org"), std::string::npos) << "no address in any link";

  // Nothing is sent before the confirmation, and a GET (a mail scanner) confirms nothing.
  must_post(c, "/story", "before confirming");
  auto page = c.get(std::string(kApi) + "/subscriptions/confirm?token=" + confirm);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<form method=\"post\""), std::string::npos);
  ASSERT_EQ(subscribe(c, "control@example.org", "/other").status, 202);
  ASSERT_EQ(sink_.wait_for(2, 10s).size(), 2u);
  EXPECT_EQ(to(sink_.messages(), "ann@example.org").size(), 1u);

  auto confirmed = c.post(std::string(kApi) + "/subscriptions/confirm?token=" + confirm, "",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(confirmed.status, 200) << confirmed.describe();
  auto reused = c.post(std::string(kApi) + "/subscriptions/confirm?token=" + confirm, "",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(reused.status, 403) << "a confirmation works once";

  auto fields = comment_fields("/story", "Look: [click](https://phish.example) ![](https://track.example/p.gif) www.evil.example");
  fields["author"] = "Bob";
  ASSERT_EQ(post_comment(c, fields).status, 201);
  mails = sink_.wait_for(3, 10s);
  auto anns = to(mails, "ann@example.org");
  ASSERT_EQ(anns.size(), 2u);
  const auto& note = anns[1];
  EXPECT_EQ(mail_header(note, "Subject"), "New comment on \"A story\"");
  EXPECT_EQ(mail_header(note, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  const std::string list_unsubscribe = mail_header(note, "List-Unsubscribe");
  EXPECT_TRUE(list_unsubscribe.starts_with("<https://comments.news.example/api/v1/unsubscribe?token=")) << list_unsubscribe;
  const std::string body = mail_body(note);
  EXPECT_NE(body.find("Bob commented"), std::string::npos) << body;
  for (const char* theirs : {"https://phish", "phish.example", "https://track", "www.evil.example"}) {
    EXPECT_EQ(body.find(theirs), std::string::npos) << theirs << " in:\n" << body;
  }
  EXPECT_TRUE(note.at("defects").as_array().empty());

  // One-click unsubscribe: a POST with the RFC 8058 body; the GET only shows a button.
  const std::string unsubscribe = mail_token(note, "/unsubscribe");
  const std::string manage = mail_token(note, "/subscriptions/manage");
  ASSERT_FALSE(unsubscribe.empty());
  EXPECT_EQ(c.get(std::string(kApi) + "/unsubscribe?token=" + unsubscribe).status, 200);
  auto forged = c.post(std::string(kApi) + "/unsubscribe?token=" + manage, "List-Unsubscribe=One-Click",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(forged.status, 403) << "a manage token does not unsubscribe";
  auto done = c.post(std::string(kApi) + "/unsubscribe?token=" + unsubscribe, "List-Unsubscribe=One-Click",
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(done.status, 200) << done.describe();

  // No more mail to Ann, and with her last subscription her address is gone.
  must_post(c, "/story", "after unsubscribing");
  ASSERT_EQ(subscribe(c, "control2@example.org", "/other").status, 202);
  ASSERT_EQ(sink_.wait_for(4, 10s).size(), 4u);
  EXPECT_EQ(to(sink_.messages(), "ann@example.org").size(), 2u);
  auto page_after = c.get(std::string(kApi) + "/subscriptions/manage?token=" + manage);
  EXPECT_EQ(page_after.status, 403);
}

TEST_F(NotifyE2eTest, TheManagePageListsAndEndsSubscriptions) {
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  const auto confirmation = subscribed(c, sink_, "ann@example.org", "/story", 0);
  const std::string manage = mail_token(confirmation, "/subscriptions/manage");
  auto page = c.get(std::string(kApi) + "/subscriptions/manage?token=" + manage);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("A story"), std::string::npos);
  EXPECT_EQ(page.body.find("ann@example.org"), std::string::npos);
  auto hostile = c.get(std::string(kApi) + "/subscriptions/manage?token=%3Csvg%20onload%3Dalert(1)%3E");
  EXPECT_EQ(hostile.status, 403);
  EXPECT_EQ(hostile.body.find("<svg"), std::string::npos);
  auto ended = c.post(std::string(kApi) + "/subscriptions/manage?token=" + manage, "end=all",
                      {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(ended.status, 200) << ended.describe();
  EXPECT_EQ(c.get(std::string(kApi) + "/subscriptions/manage?token=" + manage).status, 403);
}

TEST_F(NotifyE2eTest, CapsHoldHoweverTheApiIsDriven) {
  ASSERT_TRUE(start(mail_config(sink_.url(), "recipient_hourly_cap = 3\n")));
  auto c = connect();
  // One confirmation per address per day, however many subscriptions.
  for (const char* thread : {"/a", "/b", "/c"}) ASSERT_EQ(subscribe(c, "ann@example.org", thread).status, 202);
  ASSERT_EQ(subscribe(c, "control@example.org", "/z").status, 202);
  ASSERT_EQ(to(sink_.wait_for(2, 10s), "control@example.org").size(), 1u);
  auto anns = to(sink_.messages(), "ann@example.org");
  ASSERT_EQ(anns.size(), 1u);
  // The one mail lists all three.
  for (const char* key : {"/a", "/b", "/c"}) EXPECT_NE(mail_body(anns[0]).find("A story"), std::string::npos) << key;
  auto r = c.post(std::string(kApi) + "/subscriptions/confirm?token=" + mail_token(anns[0], "/subscriptions/confirm"), "",
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200);

  // The hourly cap (3, the confirmation included): five comments, two mails.
  for (int i = 0; i < 5; ++i) must_post(c, "/a", "comment " + std::to_string(i));
  const auto control = subscribed(c, sink_, "control3@example.org", "/z", sink_.messages().size());
  ASSERT_FALSE(control.empty());
  must_post(c, "/z", "for the control");
  wait_until([&] { return to(sink_.messages(), "control3@example.org").size() == 2; }, 10s);
  ASSERT_EQ(to(sink_.messages(), "control3@example.org").size(), 2u);
  EXPECT_EQ(to(sink_.messages(), "ann@example.org").size(), 3u);
}

TEST_F(NotifyE2eTest, HeaderInjectionThroughTitlesAndNamesAddsNoHeaderOrRecipient) {
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  const std::string title = "Story =?UTF-8?Q?=0D=0ABcc:_victim@evil.example?= \xE1\x9E\x9F";
  ASSERT_EQ(subscribe(c, "ann@example.org", "/x", "thread", title).status, 202);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(c.post(std::string(kApi) + "/subscriptions/confirm?token=" + mail_token(mails[0], "/subscriptions/confirm"), "",
                   {{"Content-Type", "application/x-www-form-urlencoded"}}).status, 200);
  for (const char* name : {"Eve\r\nBcc: victim@evil.example", "Eve\nBcc: x@evil.example"}) {
    auto fields = comment_fields("/x", "hi");
    fields["author"] = name;
    EXPECT_EQ(post_comment(c, fields).status, 422) << "names with line breaks are refused at the door";
  }
  auto fields = comment_fields("/x", "hi");
  fields["author"] = "=?UTF-8?Q?Eve=0D=0ABcc:_victim@evil.example?=";
  ASSERT_EQ(post_comment(c, fields).status, 201);
  mails = sink_.wait_for(2, 10s);
  ASSERT_EQ(mails.size(), 2u);
  for (const auto& m : mails) {
    EXPECT_EQ(mail_header_count(m, "Bcc"), 0);
    EXPECT_EQ(mail_header_count(m, "Subject"), 1);
    EXPECT_EQ(m.at("rcpt_tos").as_array().size(), 1u);
    EXPECT_TRUE(m.at("defects").as_array().empty());
    EXPECT_EQ(mail_header(m, "Subject").find('\n'), std::string::npos);
  }
  // Decoded, the subject and body hold the literal text the reader typed.
  EXPECT_NE(mail_header(mails[1], "Subject").find("Story =?UTF-8?Q?=0D=0ABcc:_victim@evil.example?="),
            std::string::npos)
      << mail_header(mails[1], "Subject");
  EXPECT_NE(mail_body(mails[1]).find("=?UTF-8?Q?Eve=0D=0ABcc:_victim@evil.example?= commented"),
            std::string::npos)
      << mail_body(mails[1]);
}

TEST_F(NotifyE2eTest, PendingAndSpamCommentsNotifyNoSubscriberButAlertModerators) {
  const std::string config = mail_config(sink_.url(), "moderator_interval_seconds = 3600\n") +
                             "[[sites]]\nid = \"held\"\norigins = [\"https://held.example\"]\n"
                             "premoderate = true\nmoderators = [\"ed@news.example\"]\n";
  ASSERT_TRUE(start(config));
  auto c = connect();
  ASSERT_EQ(post_json(c, std::string(kApi) + "/subscriptions",
                      {{"site", "held"}, {"thread", "/h"}, {"email", "ann@example.org"}, {"kind", "thread"}})
                .status,
            202);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(c.post(std::string(kApi) + "/subscriptions/confirm?token=" + mail_token(mails[0], "/subscriptions/confirm"), "",
                   {{"Content-Type", "application/x-www-form-urlencoded"}}).status, 200);
  for (int i = 0; i < 3; ++i) {
    auto r = post_comment(c, {{"site", "held"}, {"thread", "/h"}, {"author", "Ada"}, {"body", "held " + std::to_string(i)}});
    ASSERT_EQ(r.status, 202) << r.describe();
  }
  mails = sink_.wait_for(2, 10s);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(to(mails, "ed@news.example").size(), 1u);
  // A digest: within the interval the next pending comments wait for the next mail.
  ASSERT_EQ(subscribe(c, "control@example.org", "/z").status, 202);
  ASSERT_EQ(to(sink_.wait_for(3, 10s), "control@example.org").size(), 1u);
  EXPECT_EQ(to(sink_.messages(), "ed@news.example").size(), 1u);
  EXPECT_EQ(to(sink_.messages(), "ann@example.org").size(), 1u) << "held comments notify no subscriber";
}

TEST_F(NotifyE2eTest, StaffAccountsWithAnAlertAddressAreAlertedForTheSitesTheyModerate) {
  const std::string config = mail_config(sink_.url(), "moderator_interval_seconds = 3600\n") +
                             "[[sites]]\nid = \"held\"\norigins = [\"https://held.example\"]\n"
                             "premoderate = true\nmoderators = [\"ed@news.example\", \"DESK@news.example\"]\n";
  ASSERT_TRUE(start(config));
  auto user = [this](std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "sqlite:" + db_path_});
    static int runs = 0;
    const CommandResult r = run_command_with_input(kSalaBinary, args, dir_.path() / ("user-" + std::to_string(++runs)),
                                                   "a long password\n");
    EXPECT_TRUE(r.exit.is_clean()) << r.err;
  };
  user({"user", "add", "Desk", "--site", "held", "--email", "desk@news.example"});
  user({"user", "add", "Root", "--role", "admin"});
  user({"user", "email", "Root", "root@news.example"});
  user({"user", "add", "Far", "--site", std::string(kSite), "--email", "far@news.example"});
  user({"user", "add", "Quiet", "--site", "held", "--email", "quiet@news.example"});
  user({"user", "email", "Quiet"});  // and back to no alerts

  auto c = connect();
  auto r = post_comment(c, {{"site", "held"}, {"thread", "/h"}, {"author", "Ada"}, {"body", "held"}});
  ASSERT_EQ(r.status, 202) << r.describe();
  const auto mails = sink_.wait_for(3, 10s);
  std::this_thread::sleep_for(300ms);  // nothing more should follow
  const auto all = sink_.messages();
  EXPECT_EQ(all.size(), 3u);
  EXPECT_EQ(to(all, "ed@news.example").size(), 1u);
  EXPECT_EQ(to(all, "DESK@news.example").size(), 1u) << "one address, one mail, however it is spelled";
  EXPECT_EQ(to(all, "desk@news.example").size(), 0u);
  EXPECT_EQ(to(all, "root@news.example").size(), 1u) << "an admin moderates every site";
  EXPECT_EQ(to(all, "far@news.example").size(), 0u) << "another site's moderator";
  EXPECT_EQ(to(all, "quiet@news.example").size(), 0u);
}

TEST_F(NotifyE2eTest, MailWaitsWhileTheRelayIsDownAndGoesWhenItIsBack) {
  const std::uint16_t port = free_port();
  ASSERT_NE(port, 0);
  ASSERT_TRUE(start(mail_config("smtp://127.0.0.1:" + std::to_string(port))));
  auto c = connect();
  ASSERT_EQ(subscribe(c, "ann@example.org", "/story").status, 202);
  std::this_thread::sleep_for(1500ms);  // several failed attempts
  TempDir later;
  SmtpSink back(later.path(), port);
  ASSERT_TRUE(back.started());
  auto mails = back.wait_for(1, 15s);
  ASSERT_EQ(mails.size(), 1u) << "the mail was kept and retried";
  EXPECT_EQ(mail_header(mails[0], "To"), "ann@example.org");
}

TEST_F(NotifyE2eTest, SigkillDuringDeliveryLosesNothingAndDuplicatesAtMostOne) {
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  constexpr int kAddresses = 40;
  for (int i = 0; i < kAddresses; ++i) {
    ASSERT_EQ(subscribe(c, "reader" + std::to_string(i) + "@example.org", "/story").status, 202);
  }
  sink_.wait_for(5, 10s);
  server_.process->kill();
  ASSERT_TRUE(restart());
  auto all = sink_.wait_for(kAddresses, 30s);
  wait_until([&] {
    std::set<std::string> ids;
    for (const auto& m : sink_.messages()) ids.insert(mail_header(m, "Message-ID"));
    return ids.size() == static_cast<std::size_t>(kAddresses);
  }, 30s);
  std::this_thread::sleep_for(500ms);  // a late duplicate would show now
  all = sink_.messages();
  std::map<std::string, int> by_id;
  std::set<std::string> recipients;
  for (const auto& m : all) {
    by_id[mail_header(m, "Message-ID")]++;
    recipients.insert(mail_header(m, "To"));
  }
  EXPECT_EQ(recipients.size(), static_cast<std::size_t>(kAddresses)) << "every acknowledged subscription got its mail";
  EXPECT_EQ(by_id.size(), static_cast<std::size_t>(kAddresses));
  EXPECT_LE(all.size(), static_cast<std::size_t>(kAddresses + 1)) << "at most one duplicate";
  for (const auto& [id, n] : by_id) EXPECT_LE(n, 2) << id;
}

TEST_F(NotifyE2eTest, BadSubscriptionsGetJsonErrors) {
  ASSERT_TRUE(start(mail_config(sink_.url())));
  auto c = connect();
  auto post = [&](boost::json::object o) { return post_json(c, std::string(kApi) + "/subscriptions", o); };
  EXPECT_EQ(post({{"site", kSite}, {"thread", "/a"}, {"email", "not an address"}, {"kind", "thread"}}).status, 422);
  EXPECT_EQ(post({{"site", kSite}, {"thread", "/a"}, {"email", "a@example.org"}, {"kind", "everything"}}).status, 422);
  EXPECT_EQ(post({{"site", "nope"}, {"thread", "/a"}, {"email", "a@example.org"}, {"kind", "thread"}}).status, 404);
  EXPECT_EQ(post({{"site", kSite}, {"thread", "/a"}, {"email", "a@example.org"}, {"kind", "thread"}, {"extra", 1}}).status, 422);
  EXPECT_EQ(post({{"site", kSite}, {"thread", "/a"}, {"email", "a@example.org"}, {"kind", "replies"}, {"comment", 999}}).status, 422);
  auto bad = post({{"site", kSite}, {"thread", "/a"}, {"kind", "thread"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("\"code\""), std::string::npos);
  EXPECT_EQ(post_json(c, std::string(kApi) + "/subscriptions",
                      {{"site", kSite}, {"thread", "/a"}, {"email", "a@example.org"}, {"kind", "thread"}},
                      {{"Origin", std::string(kOtherOrigin)}}).status, 403);
  for (const char* token : {"", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%3Cb%3E", "..%2F..%2Fetc"}) {
    EXPECT_EQ(c.post(std::string(kApi) + "/unsubscribe?token=" + token, "List-Unsubscribe=One-Click",
                     {{"Content-Type", "application/x-www-form-urlencoded"}}).status, 403) << token;
  }
  // Posting with "notify" needs an address.
  auto fields = comment_fields("/a", "hi");
  fields["notify"] = "replies";
  EXPECT_EQ(post_comment(c, fields).status, 422);
  fields["email"] = "poster@example.org";
  EXPECT_EQ(post_comment(c, fields).status, 201);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(to(mails, "poster@example.org").size(), 1u);
  EXPECT_NE(mail_body(mails[0]).find("replies to your comments"), std::string::npos);
}

TEST_F(NotifyE2eTest, AtomFeedsOfASiteAndAThread) {
  ASSERT_TRUE(start());
  auto c = connect();
  must_post(c, "/one", "first <b>bold</b> & more");
  auto fields = comment_fields("/two", "second");
  fields["author"] = "Eve <script>";
  ASSERT_EQ(post_comment(c, fields).status, 201);
  auto site = c.get(std::string(kApi) + "/feed.atom?site=" + std::string(kSite));
  ASSERT_EQ(site.status, 200) << site.describe();
  EXPECT_EQ(site.header("content-type").value_or(""), "application/atom+xml; charset=utf-8");
  EXPECT_NE(site.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(site.body.find("Eve &lt;script&gt;"), std::string::npos);
  EXPECT_EQ(site.body.find("<script>"), std::string::npos);
  auto thread = c.get(std::string(kApi) + "/feed.atom?site=" + std::string(kSite) + "&thread=/one");
  ASSERT_EQ(thread.status, 200);
  EXPECT_NE(thread.body.find("first"), std::string::npos);
  EXPECT_EQ(thread.body.find("second"), std::string::npos);
  EXPECT_EQ(c.get(std::string(kApi) + "/feed.atom?site=nope").status, 404);
  EXPECT_EQ(c.get(std::string(kApi) + "/feed.atom").status, 400);
  EXPECT_EQ(c.get(std::string(kApi) + "/feed.atom?site=" + std::string(kSite) + "&limit=1000").status, 400);
  // Without mail, subscribing says so.
  EXPECT_EQ(subscribe(c, "a@example.org", "/one").status, 404);
}

}  // namespace
}  // namespace sala::test
