// Digests end to end below the HTTP layer: the mail worker with a pinned
// clock, each storage backend, and a real SMTP server on loopback
// (python3-aiosmtpd) receiving what it sends.
#include <thread>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "notify/mail_worker.hpp"
#include "store/store_backends.hpp"
#include "support/smtp_sink.hpp"

namespace sala::notify {
namespace {

using namespace std::chrono_literals;
using test::Backend;

constexpr std::chrono::milliseconds kHour = 1h;

class DigestDeliveryTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    ASSERT_TRUE(sink_.started());
    open();
    if (!store_) return;
    ASSERT_TRUE(store_->sites().add({SiteId{"news"}, {"https://news.example"}, false, clock_.now()}));
    auto t = store_->threads().find_or_create(
        {SiteId{"news"}, "/story", "A story", "https://news.example/story", clock_.now()});
    ASSERT_TRUE(t);
    thread_ = t->id;
    auto r = store_->subscriptions().recipient("ann@example.org", clock_.now());
    ASSERT_TRUE(r);
    recipient_ = *r;
    auto s = store_->subscriptions().add({*r, thread_, SubscriptionKind::thread, std::nullopt, clock_.now()});
    ASSERT_TRUE(s);
    subscription_ = *s;
    ASSERT_TRUE(store_->subscriptions().confirm(*r, clock_.now()));
    settings_.smtp_url = sink_.url();
    settings_.tls = SmtpTls::none;
    settings_.smtp_timeout = 2s;
    settings_.from_address = "comments@news.example";
    settings_.public_url = "https://comments.news.example";
    settings_.recipient_hourly_cap = 2;
    settings_.poll = 20ms;
    ASSERT_TRUE(init_curl());
  }

  void TearDown() override { worker_.reset(); }

  void open() {
    std::string why_not;
    bool must_fail = false;
    store_ = GetParam().open(dir_, why_not, must_fail);
    if (!store_) {
      if (must_fail) GTEST_FAIL() << why_not;
      GTEST_SKIP() << why_not;
    }
  }

  void start_worker() {
    worker_ = std::make_unique<MailWorker>(*store_, clock_, settings_);
    worker_->start();
  }

  // An approved comment and its outbox event, as a post would write them.
  CommentId post(const std::string& author, const std::string& body) {
    CommentId id;
    auto done = store_->transact([&](store::Store& tx) -> Result<void> {
      NewComment n;
      n.thread = thread_;
      n.author_name = author;
      n.author_email = "";
      n.body_markdown = body;
      n.body_html = "<p>x</p>";
      n.renderer_version = 1;
      n.created = clock_.now();
      auto inserted = tx.comments().insert(n);
      if (!inserted) return inserted.error();
      id = *inserted;
      return tx.outbox().add_event(NotifyEventKind::comment_visible, id.value, clock_.now());
    });
    EXPECT_TRUE(done) << done.error().detail;
    return id;
  }

  // Waits until the worker has taken every comment event.
  void wait_for_events() {
    for (int i = 0; i < 500; ++i) {
      auto left = store_->outbox().events(NotifyEventKind::comment_visible, 10);
      if (left && left->empty()) return;
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "the worker did not take the events";
  }

  // Lets the worker run a few rounds, to show that nothing more comes.
  void settle() { std::this_thread::sleep_for(300ms); }

  test::TempDir dir_;
  test::SmtpSink sink_{dir_.path()};
  FakeClock clock_;
  Settings settings_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MailWorker> worker_;
  ThreadId thread_;
  RecipientId recipient_;
  SubscriptionId subscription_;
};

TEST_P(DigestDeliveryTest, ABusyThreadGoesOnAsOneDigestAnHourInsteadOfLosingMails) {
  start_worker();
  post("Bob", "first");
  post("Bob", "second");
  post("Cy", "third");
  post("Dee", "fourth: see [this](https://phish.example/x) and www.evil.example");
  post("Eve", "fifth");
  ASSERT_EQ(sink_.wait_for(2, 10s).size(), 2u);
  wait_for_events();
  settle();
  ASSERT_EQ(sink_.messages().size(), 2u) << "over the hourly cap, nothing goes at once";

  clock_.advance(kHour - 1ms);
  settle();
  ASSERT_EQ(sink_.messages().size(), 2u) << "the digest waits its hour";
  clock_.advance(1ms);
  auto mails = sink_.wait_for(3, 10s);
  ASSERT_EQ(mails.size(), 3u);
  const auto& digest = mails[2];
  EXPECT_EQ(test::mail_header(digest, "Subject"), "3 new comments on \"A story\"");
  EXPECT_EQ(test::mail_header(digest, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_TRUE(test::mail_header(digest, "List-Unsubscribe")
                  .starts_with("<https://comments.news.example/api/v1/unsubscribe?token="));
  EXPECT_TRUE(test::mail_header(digest, "Message-ID").starts_with("<sala.digest"));
  EXPECT_TRUE(digest.at("defects").as_array().empty());
  const std::string body = test::mail_body(digest);
  for (const char* expected : {"Cy wrote:", "> third", "Dee wrote:", "Eve wrote:", "> fifth",
                               "https://news.example/story#comment-",
                               "Download or erase your data:", "https://comments.news.example/api/v1/reader-data",
                               "The discussion is busy"}) {
    EXPECT_NE(body.find(expected), std::string::npos) << expected << " in:\n" << body;
  }
  for (const char* theirs : {"first", "second", "https://phish", "phish.example", "www.evil.example"}) {
    EXPECT_EQ(body.find(theirs), std::string::npos) << theirs << " in:\n" << body;
  }
  EXPECT_NE(test::mail_token(digest, "/unsubscribe"), "");
  settle();
  EXPECT_EQ(sink_.messages().size(), 3u) << "one digest, once";
}

TEST_P(DigestDeliveryTest, ADailyDigestWaitsADayAndLeavesOutWhatWasDeleted) {
  auto set = store_->subscriptions().set_delivery(recipient_, subscription_, Delivery::daily);
  ASSERT_TRUE(set && *set);
  start_worker();
  post("Bob", "kept one");
  const CommentId gone = post("Cy", "deleted one");
  wait_for_events();  // the digest starts gathering now
  clock_.advance(10min);
  post("Dee", "kept two");
  wait_for_events();
  ASSERT_TRUE(store_->comments().mark_deleted(gone));
  clock_.advance(kHour);
  settle();
  EXPECT_TRUE(sink_.messages().empty()) << "a reader who chose daily gets nothing each hour";
  clock_.advance(23h - 10min);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(test::mail_header(mails[0], "Subject"), "2 new comments on \"A story\"");
  const std::string body = test::mail_body(mails[0]);
  EXPECT_NE(body.find("kept one"), std::string::npos) << body;
  EXPECT_NE(body.find("kept two"), std::string::npos) << body;
  EXPECT_EQ(body.find("deleted one"), std::string::npos) << body;
  EXPECT_NE(body.find("one mail a day"), std::string::npos) << body;
}

TEST_P(DigestDeliveryTest, WhatADigestGatheredSurvivesARestart) {
  auto set = store_->subscriptions().set_delivery(recipient_, subscription_, Delivery::hourly);
  ASSERT_TRUE(set && *set);
  start_worker();
  post("Bob", "before the restart");
  wait_for_events();
  worker_.reset();
  if (GetParam().name == "sqlite") {
    store_.reset();
    open();  // the same file
    ASSERT_TRUE(store_);
  }
  start_worker();
  post("Cy", "after the restart");
  wait_for_events();
  clock_.advance(kHour);
  auto mails = sink_.wait_for(1, 10s);
  ASSERT_EQ(mails.size(), 1u);
  const std::string body = test::mail_body(mails[0]);
  EXPECT_NE(body.find("before the restart"), std::string::npos) << body;
  EXPECT_NE(body.find("after the restart"), std::string::npos) << body;
  EXPECT_NE(body.find("one mail an hour"), std::string::npos) << body;
  settle();
  EXPECT_EQ(sink_.messages().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, DigestDeliveryTest,
                         testing::Values(Backend{"sqlite", test::open_temp_sqlite_store},
                                         Backend{"postgres", test::open_temp_postgres_store}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace sala::notify
