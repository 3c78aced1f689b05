// A reader's own data on every backend: the mailed link, the download, the
// erasure as each site chooses it, and nothing of another reader touched.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "notify/reader_data_mailer.hpp"
#include "service/reader_data_service.hpp"
#include "store/store_backends.hpp"

namespace sala::service {
namespace {

using namespace std::chrono_literals;
using test::Backend;

class ReaderDataServiceTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    std::string why_not;
    bool must_fail = false;
    store_ = GetParam().open(dir_, why_not, must_fail);
    if (!store_) {
      if (must_fail) GTEST_FAIL() << why_not;
      GTEST_SKIP() << why_not;
    }
    for (const char* site : {"news", "radio"}) {
      ASSERT_TRUE(store_->sites().add({SiteId{site}, {"https://" + std::string(site) + ".example"}, false, clock_.now()}));
    }
    settings_.from_address = "comments@news.example";
    settings_.public_url = "https://comments.news.example";
  }

  ThreadId thread(const std::string& site, const std::string& key) {
    auto t = store_->threads().find_or_create({SiteId{site}, key, "Title " + key, "https://" + site + ".example" + key,
                                               clock_.now()});
    EXPECT_TRUE(t);
    return t->id;
  }

  CommentId comment(ThreadId thread, const std::string& author, const std::string& email, const std::string& body,
                    std::optional<CommentId> parent = {}) {
    NewComment n;
    n.thread = thread;
    n.parent = parent;
    n.author_name = author;
    n.author_email = email;
    n.avatar = "1a2b3c4d";
    n.body_markdown = body;
    n.body_html = "<p>" + body + "</p>";
    n.renderer_version = 1;
    n.created = clock_.now();
    n.edit_token_hash = "hash";
    n.author_fingerprint = std::string(16, '\x05');
    auto id = store_->comments().insert(n);
    EXPECT_TRUE(id) << id.error().detail;
    EXPECT_TRUE(store_->threads().add_to_count(thread, 1, clock_.now()));
    return *id;
  }

  void subscribe(const std::string& email, ThreadId thread) {
    auto r = store_->subscriptions().recipient(email, clock_.now());
    ASSERT_TRUE(r);
    ASSERT_TRUE(store_->subscriptions().add({*r, thread, SubscriptionKind::thread, std::nullopt, clock_.now()}));
    ASSERT_TRUE(store_->subscriptions().confirm(*r, clock_.now()));
  }

  template <class T, class F>
  Result<T> in_tx(F&& f) {
    std::optional<Result<T>> out;
    auto done = store_->transact([&](store::Store& tx) -> Result<void> {
      out.emplace(f(tx));
      if (!*out) return out->error();
      return {};
    });
    if (!done) return done.error();
    return std::move(*out);
  }

  Result<void> request(const std::string& email) {
    auto done = store_->transact([&](store::Store& tx) { return service_.request(tx, email); });
    return done;
  }

  // The queued mails (taken off the queue), decoded enough to read links.
  std::vector<QueuedMail> take_mails() {
    auto mails = store_->outbox().claim(clock_.now(), clock_.now() + 1min, 100);
    EXPECT_TRUE(mails);
    if (!mails) return {};
    for (auto& m : *mails) {
      EXPECT_TRUE(store_->outbox().sent(m.id));
      std::string plain;
      for (std::size_t i = 0; i < m.message.size(); ++i) {
        if (m.message.compare(i, 3, "=\r\n") == 0) { i += 2; continue; }
        if (m.message.compare(i, 3, "=3D") == 0) { plain += '='; i += 2; continue; }
        plain += m.message[i];
      }
      m.message = plain;
    }
    return *mails;
  }

  static std::string token_in(const std::string& message) {
    const std::string marker = "/api/v1/reader-data/access?token=";
    auto at = message.find(marker);
    if (at == std::string::npos) return "";
    auto end = message.find_first_of("\r\n", at);
    return message.substr(at + marker.size(), end - at - marker.size());
  }

  // Mails a link to `email` and returns its token.
  std::string link_for(const std::string& email) {
    EXPECT_TRUE(request(email));
    auto mails = take_mails();
    EXPECT_EQ(mails.size(), 1u);
    if (mails.empty()) return "";
    EXPECT_EQ(mails[0].to, email);
    return token_in(mails[0].message);
  }

  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  FakeClock clock_;
  notify::Settings settings_;
  ReaderDataPolicy policy_ = [] {
    ReaderDataPolicy p;
    p.site_erasure["radio"] = ErasureMode::remove;
    return p;
  }();
  notify::ReaderDataMailer mailer_{clock_, settings_, policy_.link_lifetime};
  ReaderDataService service_{clock_, policy_, std::cref(mailer_)};
};

TEST_P(ReaderDataServiceTest, OneLinkPerAddressAnHourAndNoneForAStranger) {
  comment(thread("news", "/a"), "Ann", "ann@example.org", "hello");
  auto bad = request("not an address");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::unprocessable);
  for (const char* hostile : {"ann@example.org\r\nBcc: x@evil.example", "", "a@b@c", "<ann@example.org>"}) {
    EXPECT_FALSE(request(hostile)) << hostile;
  }
  ASSERT_TRUE(request("stranger@example.org")) << "the same answer for an unknown address";
  EXPECT_TRUE(take_mails().empty()) << "but no mail to it";

  const std::string token = link_for("ann@example.org");
  ASSERT_FALSE(token.empty());
  ASSERT_TRUE(request("ann@example.org"));
  EXPECT_TRUE(take_mails().empty()) << "one mail per address per hour";
  clock_.advance(61min);
  auto expired = in_tx<ReaderDataExport>([&](store::Store& tx) { return service_.download(tx, token); });
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Errc::forbidden) << "the link expires";
  EXPECT_FALSE(link_for("ann@example.org").empty()) << "an hour later, a new link";

  for (const std::string& unknown : std::vector<std::string>{"", "AAAA", std::string(200, 'a'), "../../etc/passwd"}) {
    auto refused = service_.link(*store_, unknown);
    ASSERT_FALSE(refused) << unknown;
    EXPECT_EQ(refused.error().code, Errc::forbidden);
  }
}

TEST_P(ReaderDataServiceTest, TheDownloadHoldsTheReadersCommentsAndSubscriptionsOnce) {
  const ThreadId a = thread("news", "/a");
  const CommentId mine = comment(a, "Ann", "ann@example.org", "mine on news");
  comment(thread("radio", "/r"), "Ann", "ann@example.org", "mine on radio", std::nullopt);
  comment(a, "Bob", "bob@example.org", "not mine");
  comment(a, "Ann", "", "anonymous, same name");
  subscribe("ann@example.org", a);
  const std::string token = link_for("ann@example.org");
  auto data = in_tx<ReaderDataExport>([&](store::Store& tx) { return service_.download(tx, token); });
  ASSERT_TRUE(data) << data.error().detail;
  ASSERT_EQ(data->comments.size(), 2u);
  EXPECT_EQ(data->comments[0].id, mine);
  EXPECT_EQ(data->comments[0].markdown, "mine on news");
  EXPECT_EQ(data->comments[0].thread_title, "Title /a");
  EXPECT_EQ(data->comments[0].thread_url, "https://news.example/a");
  EXPECT_EQ(data->comments[1].site, SiteId{"radio"});
  ASSERT_EQ(data->subscriptions.size(), 1u);
  EXPECT_EQ(data->subscriptions[0].thread_key, "/a");
  EXPECT_TRUE(data->subscriptions[0].confirmed);

  auto again = in_tx<ReaderDataExport>([&](store::Store& tx) { return service_.download(tx, token); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::forbidden) << "the download works once";
}

TEST_P(ReaderDataServiceTest, ASignedInReadersCommentsAreFoundByTheirAccountAndErasedWithIt) {
  // As ReaderSignins::known_account_of answers: the address's account, or "" for none.
  ReaderDataService with_accounts{clock_, policy_, std::cref(mailer_),
                                  [](store::Store&, std::string_view email) -> Result<std::string> {
                                    return std::string(email == "ann@example.org" ? "email:ann" : "");
                                  }};
  const ThreadId a = thread("news", "/a");
  NewComment n;
  n.thread = a;
  n.author_name = "Ann Lee";
  n.author_account = "email:ann";
  n.body_markdown = "signed in, no address given";
  n.body_html = "<p>signed in, no address given</p>";
  n.renderer_version = 1;
  n.created = clock_.now();
  const CommentId signed_in = store_->comments().insert(n).value();
  ASSERT_TRUE(store_->threads().add_to_count(a, 1, clock_.now()));
  ASSERT_TRUE(store_->moderation().reserve_name(SiteId{"news"}, "email:ann", "annlee", clock_.now()));

  ASSERT_TRUE(store_->transact([&](store::Store& tx) { return service_.request(tx, "ann@example.org"); }));
  EXPECT_TRUE(take_mails().empty()) << "by address alone, nothing is held";
  ASSERT_TRUE(store_->transact([&](store::Store& tx) { return with_accounts.request(tx, "ann@example.org"); }));
  auto mails = take_mails();
  ASSERT_EQ(mails.size(), 1u);
  const std::string token = token_in(mails[0].message);

  auto data = in_tx<ReaderDataExport>([&](store::Store& tx) { return with_accounts.download(tx, token); });
  ASSERT_TRUE(data) << data.error();
  ASSERT_EQ(data->comments.size(), 1u);
  EXPECT_EQ(data->comments[0].id, signed_in);

  auto erased = in_tx<ErasureOutcome>([&](store::Store& tx) { return with_accounts.erase(tx, token); });
  ASSERT_TRUE(erased) << erased.error();
  EXPECT_EQ(erased->comments_anonymised, 1);
  auto after = store_->comments().get(signed_in);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->author_name, "Former reader");
  EXPECT_TRUE((*after)->author_account.empty()) << "nothing ties it to the account";
  auto reserved = store_->moderation().is_name_reserved(SiteId{"news"}, "annlee", "");
  ASSERT_TRUE(reserved);
  EXPECT_FALSE(*reserved) << "the name is free again";
}

TEST_P(ReaderDataServiceTest, ErasureFollowsEachSitesChoiceAndTouchesNobodyElse) {
  const ThreadId a = thread("news", "/a");
  const ThreadId r = thread("radio", "/r");
  const CommentId kept = comment(a, "Ann", "ann@example.org", "stays without a name");
  const CommentId alone = comment(r, "Ann", "ann@example.org", "goes for good");
  const CommentId answered = comment(r, "Ann", "ann@example.org", "goes, leaving a placeholder");
  const CommentId reply = comment(r, "Bob", "bob@example.org", "a reply by Bob", answered);
  const CommentId bobs = comment(a, "Bob", "bob@example.org", "Bob on news");
  subscribe("ann@example.org", a);
  subscribe("bob@example.org", a);
  const std::string token = link_for("ann@example.org");

  auto outcome = in_tx<ErasureOutcome>([&](store::Store& tx) { return service_.erase(tx, token); });
  ASSERT_TRUE(outcome) << outcome.error().detail;
  EXPECT_EQ(outcome->comments_anonymised, 1);
  EXPECT_EQ(outcome->comments_removed, 2);
  EXPECT_EQ(outcome->subscriptions, 1);
  EXPECT_EQ(outcome->threads.size(), 2u);

  auto anonymised = store_->comments().get(kept);
  ASSERT_TRUE(anonymised && *anonymised);
  EXPECT_EQ((*anonymised)->author_name, "Former reader");
  EXPECT_EQ((*anonymised)->body_markdown, "stays without a name");
  EXPECT_EQ((*anonymised)->state, CommentState::approved);
  auto keys = store_->moderation().author_keys(kept);
  ASSERT_TRUE(keys);
  EXPECT_TRUE(keys->fingerprint.empty()) << "fingerprint cleared";
  EXPECT_TRUE(keys->email.empty()) << "address cleared";
  auto gone = store_->comments().get(alone);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone) << "a removed comment without replies goes for good";
  auto placeholder = store_->comments().get(answered);
  ASSERT_TRUE(placeholder && *placeholder);
  EXPECT_EQ((*placeholder)->state, CommentState::deleted);
  EXPECT_EQ((*placeholder)->body_markdown, "");
  EXPECT_EQ((*placeholder)->author_name, "");
  auto radio = store_->threads().get(r);
  ASSERT_TRUE(radio && *radio);
  EXPECT_EQ((*radio)->comment_count, 1) << "the thread's count follows the deletes";

  // Bob's comments, fingerprint and subscription are as they were.
  for (CommentId id : {reply, bobs}) {
    auto c = store_->comments().get(id);
    ASSERT_TRUE(c && *c);
    EXPECT_EQ((*c)->author_name, "Bob");
    auto k = store_->moderation().author_keys(id);
    ASSERT_TRUE(k);
    EXPECT_EQ(k->email, "bob@example.org");
    EXPECT_EQ(k->fingerprint, std::string(16, '\x05'));
  }
  auto bob_subs = store_->reader_data().subscriptions("bob@example.org");
  ASSERT_TRUE(bob_subs);
  EXPECT_EQ(bob_subs->size(), 1u);

  auto left = store_->reader_data().has_data("ann@example.org", "");
  ASSERT_TRUE(left);
  EXPECT_FALSE(*left) << "nothing is held under the address any more";
  auto replay = in_tx<ErasureOutcome>([&](store::Store& tx) { return service_.erase(tx, token); });
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, Errc::forbidden) << "the link dies with the erasure";

  auto audit = store_->moderation().audit(std::nullopt, std::nullopt, 10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 2u) << "one entry per site";
  for (const auto& entry : *audit) {
    EXPECT_EQ(entry.action, "reader_erasure");
    EXPECT_EQ(entry.target.find("ann"), std::string::npos);
    EXPECT_EQ(entry.account_name.find("ann"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ReaderDataServiceTest,
                         testing::Values(Backend{"sqlite", test::open_temp_sqlite_store},
                                         Backend{"postgres", test::open_temp_postgres_store}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace sala::service
