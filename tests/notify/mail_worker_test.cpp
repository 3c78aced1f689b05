// Two notification workers on one PostgreSQL database, each with its own
// connection pool and its own SMTP server, as two Sala instances run them:
// every queued event becomes mail once, and every mail is sent once.
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "notify/mail_worker.hpp"
#include "notify/smtp_sender.hpp"
#include "service/site_service.hpp"
#include "service/subscription_service.hpp"
#include "store/postgres/open_store.hpp"
#include "support/pg_schema.hpp"
#include "support/sala_process.hpp"
#include "support/smtp_sink.hpp"
#include "support/temp_dir.hpp"

namespace sala::test {
namespace {

using namespace std::chrono_literals;

// Enough that both workers' first rounds overlap on the same events and the
// sending goes on long enough for both to claim mails.
constexpr int kAddresses = 120;

notify::Settings worker_settings(const SmtpSink& sink, const std::string& name) {
  notify::Settings s;
  s.smtp_url = sink.url();
  s.tls = notify::SmtpTls::none;
  s.smtp_timeout = 5s;
  s.from_address = "comments@news.example";
  s.from_name = name;  // tells in each mail which worker rendered it
  s.public_url = "https://comments.news.example";
  s.recipient_hourly_cap = 1000;
  s.site_daily_cap = 100'000;
  s.poll = 10ms;
  return s;
}

std::string address(int i) { return "reader" + std::to_string(i) + "@example.org"; }

class MailWorkerOnPostgresTest : public PgSchemaTest {
 protected:
  std::unique_ptr<store::Store> open_instance() {
    auto store = pg::open_store({.url = schema_->url(), .pool_size = 4});
    EXPECT_TRUE(store) << store.error().detail;
    return store ? std::move(*store) : nullptr;
  }
};

TEST_F(MailWorkerOnPostgresTest, EachQueuedMailIsSentOnceByTwoWorkersOnOneDatabase) {
  ASSERT_TRUE(crypto::init());
  ASSERT_TRUE(notify::init_curl());
  TempDir dir;
  SmtpSink sink_a(dir.path() / "a");
  SmtpSink sink_b(dir.path() / "b");
  ASSERT_TRUE(sink_a.started() && sink_b.started());
  auto a = open_instance();
  auto b = open_instance();
  ASSERT_TRUE(a && b);

  // The backlog: one confirmation mail to write and send per address.
  SystemClock clock;
  service::SiteService sites(*a, clock);
  ASSERT_TRUE(sites.put({"news", {"https://news.example"}, false}));
  service::SubscriptionService subscriptions(clock);
  for (int i = 0; i < kAddresses; ++i) {
    auto draft = subscriptions.prepare(
        {SiteId{"news"}, "/story", address(i), "thread", std::nullopt, std::nullopt, "A story"});
    ASSERT_TRUE(draft) << draft.error().detail;
    auto done = a->transact([&](store::Store& tx) { return subscriptions.subscribe(tx, *draft); });
    ASSERT_TRUE(done) << done.error().detail;
  }
  auto waiting = a->outbox().events(NotifyEventKind::confirm_address, 10 * kAddresses);
  ASSERT_TRUE(waiting);
  ASSERT_EQ(waiting->size(), static_cast<std::size_t>(kAddresses));

  const notify::Settings settings_a = worker_settings(sink_a, "Instance A");
  const notify::Settings settings_b = worker_settings(sink_b, "Instance B");
  {
    notify::MailWorker worker_a(*a, clock, settings_a);
    notify::MailWorker worker_b(*b, clock, settings_b);
    worker_a.start();
    worker_b.start();
    const bool drained = wait_until(
        [&] {
          auto queued = a->outbox().queued();
          auto left = a->outbox().events(NotifyEventKind::confirm_address, 1);
          return queued && *queued == 0 && left && left->empty() &&
                 sink_a.messages().size() + sink_b.messages().size() >= kAddresses;
        },
        60s);
    ASSERT_TRUE(drained) << "sent " << sink_a.messages().size() << " + " << sink_b.messages().size();
    // A few more polling rounds: a second copy of anything would come now.
    std::this_thread::sleep_for(300ms);
  }

  std::map<std::string, int> per_recipient;
  std::map<std::string, int> per_renderer;
  std::set<std::string> message_ids;
  const auto from_a = sink_a.messages();
  const auto from_b = sink_b.messages();
  for (const auto* sent : {&from_a, &from_b}) {
    for (const auto& m : *sent) {
      ++per_recipient[mail_header(m, "To")];
      ++per_renderer[mail_header(m, "From")];
      message_ids.insert(mail_header(m, "Message-ID"));
    }
  }
  EXPECT_EQ(from_a.size() + from_b.size(), static_cast<std::size_t>(kAddresses));
  EXPECT_EQ(message_ids.size(), static_cast<std::size_t>(kAddresses));
  for (int i = 0; i < kAddresses; ++i) {
    EXPECT_EQ(per_recipient[address(i)], 1) << address(i);
  }
  // Both took part, or the test proved nothing about two of them.
  EXPECT_GT(from_a.size(), 0u) << "worker A sent nothing";
  EXPECT_GT(from_b.size(), 0u) << "worker B sent nothing";
  EXPECT_EQ(per_renderer.size(), 2u) << "one worker wrote every mail";
}

}  // namespace
}  // namespace sala::test
