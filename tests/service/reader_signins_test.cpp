// Reader sign-in by e-mail: what a request mails, what the link's code is
// worth (once, in the asking browser, for ten minutes, on its site), and
// the names it reserves.
#include <gtest/gtest.h>

#include "service/account_service.hpp"
#include "service/reader_signins.hpp"
#include "service_fixture.hpp"

namespace sala::service {
namespace {

using namespace std::chrono_literals;

const std::string kBinding = "bXktYnJvd3Nlci1rZWVwcy10aGlz";  // 28 URL-safe characters

struct SentMail {
  std::string email;
  SigninMail mail;
};

class ReaderSigninsTest : public ServiceTest {
 protected:
  SigninRequest ask(std::string email = "Ann@Example.org", std::string name = "Ann Lee") const {
    return {SiteId{"news"}, std::move(email), std::move(name), "https://news.example/story?page=2#comments",
            kBinding};
  }

  // Prepares and stores a request as the API does; the error code, or "".
  std::string request(const SigninRequest& in) {
    auto draft = signins_.prepare(*store_, in);
    if (!draft) return draft.error().wire_code();
    auto done = store_->transact([&](store::Store& tx) { return signins_.request(tx, *draft); });
    return done ? "" : done.error().wire_code();
  }

  // The code in the last mail's link.
  std::string last_code() const {
    const std::string& link = sent_.back().mail.link;
    return link.substr(link.find("#sala-signin=") + 13);
  }

  Result<VerifiedReader> complete(const std::string& code, const std::string& binding = kBinding,
                                  const SiteId& site = SiteId{"news"}) {
    return in_tx<VerifiedReader>([&](store::Store& tx) { return signins_.complete(tx, site, code, binding); });
  }

  std::string refusal(const std::string& code, const std::string& binding = kBinding,
                      const SiteId& site = SiteId{"news"}) {
    auto r = complete(code, binding, site);
    return r ? "accepted" : r.error().wire_code();
  }

  std::vector<SentMail> sent_;
  ReaderTokens tokens_{clock_};
  ReaderSignins signins_{clock_, tokens_, [this](store::Store&, const std::string& email, const SigninMail& mail) {
                           sent_.push_back({email, mail});
                           return Result<void>{};
                         }};
};

TEST_F(ReaderSigninsTest, ARequestMailsALinkToThePageWithACodeAndKeepsNoAddress) {
  ASSERT_EQ(request(ask()), "");
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].email, "Ann@example.org");
  EXPECT_EQ(sent_[0].mail.name, "Ann Lee");
  EXPECT_EQ(sent_[0].mail.lifetime, 10min);
  EXPECT_TRUE(sent_[0].mail.link.starts_with("https://news.example/story?page=2#sala-signin="))
      << "the page's own fragment gives way: " << sent_[0].mail.link;
  EXPECT_EQ(last_code().size(), 32u);

  auto stored = store_->reader_signins().find(crypto::digest(last_code()), clock_.now());
  ASSERT_TRUE(stored && *stored);
  EXPECT_TRUE((*stored)->account.starts_with("email:"));
  EXPECT_EQ((*stored)->account.find('@'), std::string::npos) << "a keyed hash, not the address";
  EXPECT_NE((*stored)->binding, kBinding) << "the binding is kept as a digest";
  auto same = signins_.account_of(*store_, "ann@EXAMPLE.org");
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, (*stored)->account) << "the same address in other letters is the same account";
}

TEST_F(ReaderSigninsTest, HostileRequestsAreRefusedAndMailNobody) {
  ASSERT_TRUE(AccountService(clock_).add(*store_, "News Desk", "a long desk password", Role::moderator, {SiteId{"news"}}));
  auto with = [&](auto change) {
    SigninRequest in = ask();
    change(in);
    return request(in);
  };
  EXPECT_EQ(with([](SigninRequest& r) { r.email = "a@b.c\r\nBcc: x@y.z"; }), "email_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.email = "ann@[127.0.0.1]"; }), "email_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.email = ""; }), "email_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.name = "Ann \u202EeeL"; }), "name_invalid_characters");
  EXPECT_EQ(with([](SigninRequest& r) { r.name = ""; }), "name_required");
  EXPECT_EQ(with([](SigninRequest& r) { r.name = "news-desk"; }), "name_reserved") << "a staff lookalike";
  EXPECT_EQ(with([](SigninRequest& r) { r.page_url = "https://phish.example/story"; }), "page_url_not_allowed");
  EXPECT_EQ(with([](SigninRequest& r) { r.page_url = "javascript:alert(1)"; }), "page_url_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.page_url = "https://news.example.phish.example/"; }), "page_url_not_allowed");
  EXPECT_EQ(with([](SigninRequest& r) { r.page_url = ""; }), "page_url_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.binding = "short"; }), "binding_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.binding = std::string(30, 'a') + "<"; }), "binding_invalid");
  EXPECT_EQ(with([](SigninRequest& r) { r.site = SiteId{"nosuch"}; }), "not_found");
  EXPECT_TRUE(sent_.empty());
}

TEST_F(ReaderSigninsTest, OneMailAMinutePerAddressAndANewLinkVoidsTheOld) {
  ASSERT_EQ(request(ask()), "");
  const std::string first = last_code();
  clock_.advance(30s);
  ASSERT_EQ(request(ask("ann@example.org")), "") << "answered the same";
  EXPECT_EQ(sent_.size(), 1u) << "no second mail within the minute";
  ASSERT_EQ(request(ask("bob@example.org", "Bob")), "");
  EXPECT_EQ(sent_.size(), 2u) << "another address is not held back";
  clock_.advance(31s);
  ASSERT_EQ(request(ask()), "");
  ASSERT_EQ(sent_.size(), 3u);
  EXPECT_EQ(refusal(first), "signin_link_invalid") << "the older link is void";
  EXPECT_EQ(refusal(last_code()), "accepted");
}

TEST_F(ReaderSigninsTest, TheCodeSignsInOnceOnlyWithItsBrowsersBindingOnItsSiteWithinTenMinutes) {
  SiteService(*store_, clock_).add({"other", {"https://other.example"}, false}).value();
  ASSERT_EQ(request(ask()), "");
  const std::string code = last_code();
  EXPECT_EQ(refusal(code, "c29tZW9uZS1lbHNlcy1icm93c2Vy"), "signin_other_browser");
  EXPECT_EQ(refusal(code, ""), "signin_other_browser");
  EXPECT_EQ(refusal(code, kBinding, SiteId{"other"}), "signin_link_invalid");
  for (const std::string& bad : {std::string(""), std::string("x"), code + "x", code.substr(1), std::string(500, 'A'),
                                std::string("../../etc"), code.substr(0, 31) + "%"}) {
    EXPECT_EQ(refusal(bad), "signin_link_invalid") << bad;
  }

  auto reader = complete(code);
  ASSERT_TRUE(reader) << reader.error();
  EXPECT_EQ(reader->site.value, "news");
  EXPECT_EQ(reader->name, "Ann Lee");
  EXPECT_TRUE(reader->account.starts_with("email:"));
  EXPECT_EQ(reader->expires.ms, clock_.now().ms + std::chrono::milliseconds(24h * 30).count());
  EXPECT_EQ(refusal(code), "signin_link_invalid") << "a replayed link";

  clock_.advance(2min);
  ASSERT_EQ(request(ask()), "");
  clock_.advance(10min);
  EXPECT_EQ(refusal(last_code()), "signin_link_invalid") << "an expired link";
}

TEST_F(ReaderSigninsTest, ASignedInNameIsReservedAndTheTokenPostsAsAVerifiedReader) {
  ASSERT_EQ(request(ask()), "");
  const VerifiedReader ann = complete(last_code()).value();

  // Nobody else takes a lookalike, by sign-in or anonymously.
  ASSERT_EQ(request(ask("mallory@example.org", "ann lee")), "name_reserved");
  PostInput anonymous = input("pretending");
  anonymous.author = "Ann-Lee";
  auto refused = comments_.prepare_post(*store_, anonymous);
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "author_reserved");
  clock_.advance(2min);
  ASSERT_EQ(request(ask("ANN@example.org", "Ann Lee")), "") << "the owner signs in again under it";

  auto token = signins_.token_for(*store_, ann);
  ASSERT_TRUE(token) << token.error();
  auto back = tokens_.verify(*store_, SiteId{"news"}, *token);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->account, ann.account);
  PostInput in = input("signed in");
  in.author = "ignored";
  in.reader = *back;
  auto posted = post(in);
  ASSERT_TRUE(posted) << posted.error();
  EXPECT_EQ(posted->comment.author_name, "Ann Lee");
  EXPECT_EQ(posted->comment.author_account, ann.account);
}

TEST_F(ReaderSigninsTest, ANameTakenWhileTheMailWasUnreadIsRefusedAtTheEnd) {
  ASSERT_EQ(request(ask("ann@example.org", "Dara")), "");
  const std::string ann_code = last_code();
  ASSERT_EQ(request(ask("bob@example.org", "Dara")), "");
  ASSERT_TRUE(complete(last_code()));
  EXPECT_EQ(refusal(ann_code), "name_reserved");
}

TEST_F(ReaderSigninsTest, ASiteForSignedInReadersOnlyRefusesAnonymousCommentsAndTakesTheirs) {
  Site site = store_->sites().find(SiteId{"news"}).value().value();
  site.anonymous = false;
  ASSERT_TRUE(store_->moderation().save_settings(site));
  auto refused = post(input("under a name only"));
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "signed_in_readers_only");
  EXPECT_EQ(refused.error().code, Errc::forbidden);
  EXPECT_TRUE(page().comments.empty()) << "nothing stored";

  ASSERT_EQ(request(ask()), "");
  const VerifiedReader ann = complete(last_code()).value();
  PostInput in = input("signed in");
  in.reader = ann;
  auto posted = post(in);
  ASSERT_TRUE(posted) << posted.error();
  EXPECT_EQ(posted->comment.author_name, "Ann Lee");
}

}  // namespace
}  // namespace sala::service
