// Reader tokens (docs/sso.md): what a publisher signs is accepted as such,
// and nothing else is: forged, tampered, expired, foreign or over-long tokens.
#include <algorithm>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "service/account_service.hpp"
#include "service/moderation_service.hpp"
#include "service/reader_tokens.hpp"
#include "service_fixture.hpp"

namespace sala::service {
namespace {

std::string signed_token(std::string_view key, const boost::json::object& payload, std::string_view prefix = "v1") {
  const std::string body = crypto::base64url_encode(boost::json::serialize(payload));
  const std::string signed_text = std::string(prefix) + "." + body;
  return signed_text + "." + crypto::base64url_encode(crypto::hmac_sha256(key, signed_text));
}

class ReaderTokensTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    key_ = tokens_.new_sso_key(*store_, SiteId{"news"}).value();
  }

  std::int64_t in_seconds(std::int64_t s) const { return clock_.now().ms / 1000 + s; }

  boost::json::object claims() const {
    return {{"site", "news"}, {"sub", "42"}, {"name", "Dara Chan"}, {"badge", "Subscriber"}, {"exp", in_seconds(3600)}};
  }

  std::string refusal(const std::string& token) {
    auto r = tokens_.verify(*store_, SiteId{"news"}, token);
    return r ? "accepted" : r.error().wire_code();
  }

  Result<Posted> post_as(const std::string& author, std::optional<VerifiedReader> reader, std::string fingerprint) {
    PostInput in = input("hello from " + author);
    in.author = author;
    in.reader = std::move(reader);
    in.fingerprint = std::move(fingerprint);
    clock_.advance(std::chrono::seconds(1));
    return post(in);
  }

  ReaderTokens tokens_{clock_};
  std::string key_;
};

TEST_F(ReaderTokensTest, APublishersTokenNamesItsReader) {
  EXPECT_TRUE(key_.starts_with("sk_"));
  auto reader = tokens_.verify(*store_, SiteId{"news"}, signed_token(key_, claims()));
  ASSERT_TRUE(reader) << reader.error();
  EXPECT_EQ(reader->account, "sso:42");
  EXPECT_EQ(reader->name, "Dara Chan");
  EXPECT_EQ(reader->badge, "Subscriber");
  EXPECT_EQ(reader->expires.ms, in_seconds(3600) * 1000);
  // Fields the publisher adds for itself are no reason to refuse.
  auto more = claims();
  more["iat"] = in_seconds(0);
  EXPECT_EQ(refusal(signed_token(key_, more)), "accepted");
}

TEST_F(ReaderTokensTest, ForgedTamperedAndMalformedTokensAreRefused) {
  EXPECT_EQ(refusal(signed_token("sk_not_the_key", claims())), "reader_token_invalid");
  const std::string good = signed_token(key_, claims());
  // Another name under the old signature.
  auto other = claims();
  other["name"] = "Editor";
  const std::string forged_body = crypto::base64url_encode(boost::json::serialize(other));
  const auto first_dot = good.find('.');
  const auto last_dot = good.rfind('.');
  EXPECT_EQ(refusal(good.substr(0, first_dot + 1) + forged_body + good.substr(last_dot)), "reader_token_invalid");
  std::string flipped = good;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(refusal(flipped), "reader_token_invalid");
  // The server's own kind of token cannot be made with the publisher's key.
  EXPECT_EQ(refusal(signed_token(key_, claims(), "s1")), "reader_token_invalid");
  for (const std::string& bad : {std::string(""), std::string("v1"), std::string("v1.."), std::string("v2.a.b"),
                                good + ".x", std::string(5000, 'a'), std::string("v1.!!!.") + good.substr(last_dot + 1)}) {
    EXPECT_EQ(refusal(bad), "reader_token_invalid") << bad.substr(0, 40);
  }
  auto nameless = claims();
  nameless.erase("name");
  EXPECT_EQ(refusal(signed_token(key_, nameless)), "reader_token_invalid");
  auto bidi = claims();
  bidi["name"] = "Dara\u202eChan";
  EXPECT_EQ(refusal(signed_token(key_, bidi)), "reader_token_invalid");
}

TEST_F(ReaderTokensTest, ExpiredForeignAndFarFutureTokensAreRefused) {
  auto expired = claims();
  expired["exp"] = in_seconds(-1);
  EXPECT_EQ(refusal(signed_token(key_, expired)), "reader_token_expired");
  auto foreign = claims();
  foreign["site"] = "blog";
  EXPECT_EQ(refusal(signed_token(key_, foreign)), "reader_token_wrong_site");
  auto forever = claims();
  forever["exp"] = in_seconds(40LL * 24 * 3600);
  EXPECT_EQ(refusal(signed_token(key_, forever)), "reader_token_invalid");
  auto text_expiry = claims();
  text_expiry["exp"] = "tomorrow";
  EXPECT_EQ(refusal(signed_token(key_, text_expiry)), "reader_token_invalid");
  // A site without a key accepts no publisher token at all.
  ASSERT_TRUE(SiteService(*store_, clock_).add({"blog", {"https://blog.example"}, false}));
  EXPECT_FALSE(tokens_.verify(*store_, SiteId{"blog"}, signed_token(key_, foreign)));
  auto expires_later = tokens_.verify(*store_, SiteId{"news"}, signed_token(key_, claims()));
  ASSERT_TRUE(expires_later);
  clock_.advance(std::chrono::hours(2));
  EXPECT_EQ(refusal(signed_token(key_, claims())), "accepted");  // made now, with a fresh exp
}

TEST_F(ReaderTokensTest, ANewKeyEndsTheOldOnesTokens) {
  const std::string old_token = signed_token(key_, claims());
  const std::string fresh = tokens_.new_sso_key(*store_, SiteId{"news"}).value();
  EXPECT_NE(fresh, key_);
  EXPECT_EQ(refusal(old_token), "reader_token_invalid");
  EXPECT_EQ(refusal(signed_token(fresh, claims())), "accepted");
  EXPECT_FALSE(tokens_.new_sso_key(*store_, SiteId{"nosuch"}));
}

TEST_F(ReaderTokensTest, TheServersOwnTokensVerifyAndKeepTheirAccount) {
  const VerifiedReader reader{SiteId{"news"}, "email:0123abcd", "Sokha", "", Timestamp{clock_.now().ms + 3'600'000}, ""};
  auto token = tokens_.issue(*store_, reader);
  ASSERT_TRUE(token);
  EXPECT_TRUE(token->starts_with("s1."));
  auto back = tokens_.verify(*store_, SiteId{"news"}, *token);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->account, "email:0123abcd");
  EXPECT_EQ(back->name, "Sokha");
  EXPECT_TRUE(back->badge.empty());
  EXPECT_FALSE(back->token_id.empty());
}

TEST_F(ReaderTokensTest, SigningOutEndsOneServerTokenOnlyAndNotAPublishers) {
  const VerifiedReader reader{SiteId{"news"}, "email:0123abcd", "Sokha", "", Timestamp{clock_.now().ms + 3'600'000}, ""};
  const std::string here = tokens_.issue(*store_, reader).value();
  const std::string elsewhere = tokens_.issue(*store_, reader).value();
  auto out = in_tx<bool>([&](store::Store& tx) -> Result<bool> {
    if (auto done = tokens_.sign_out(tx, SiteId{"news"}, here); !done) return done.error();
    return true;
  });
  ASSERT_TRUE(out) << out.error();
  EXPECT_EQ(refusal(here), "reader_token_revoked");
  EXPECT_EQ(refusal(elsewhere), "accepted") << "another device stays signed in";
  auto again = in_tx<bool>([&](store::Store& tx) -> Result<bool> {
    if (auto done = tokens_.sign_out(tx, SiteId{"news"}, here); !done) return done.error();
    return true;
  });
  ASSERT_FALSE(again);
  EXPECT_STREQ(again.error().wire_code(), "reader_token_revoked");

  auto publisher = in_tx<bool>([&](store::Store& tx) -> Result<bool> {
    if (auto done = tokens_.sign_out(tx, SiteId{"news"}, signed_token(key_, claims())); !done) return done.error();
    return true;
  });
  ASSERT_FALSE(publisher);
  EXPECT_STREQ(publisher.error().wire_code(), "reader_token_publisher");

  // A server token without an id cannot be signed out of, so it is not accepted at all.
  auto server_key = store_->secrets().find(server_reader_key_name(SiteId{"news"})).value().value();
  auto no_id = claims();
  no_id["sub"] = "email:0123abcd";
  EXPECT_EQ(refusal(signed_token(server_key, no_id, "s1")), "reader_token_invalid");
  no_id["jti"] = "abc";
  EXPECT_EQ(refusal(signed_token(server_key, no_id, "s1")), "accepted");
}

TEST_F(ReaderTokensTest, AVerifiedReadersCommentCarriesTheBadgeAndTheNameIsReserved) {
  const VerifiedReader dara = tokens_.verify(*store_, SiteId{"news"}, signed_token(key_, claims())).value();
  auto posted = post_as("whatever the form said", dara, "fp-dara");
  ASSERT_TRUE(posted) << posted.error();
  EXPECT_EQ(posted->comment.author_name, "Dara Chan");
  EXPECT_EQ(posted->comment.author_badge, "Subscriber");
  EXPECT_EQ(page().comments.front().root.comment.author_badge, "Subscriber");

  for (const char* impostor : {"Dara Chan", "dara chan", "DARA-CHAN", "Dara.Chan"}) {
    auto refused = post_as(impostor, std::nullopt, "fp-other");
    ASSERT_FALSE(refused) << impostor;
    EXPECT_STREQ(refused.error().wire_code(), "author_reserved") << impostor;
  }
  EXPECT_TRUE(post_as("Dara Chang", std::nullopt, "fp-other"));
  EXPECT_TRUE(post_as("", dara, "fp-dara-2")) << "the reader keeps their own name";
}

TEST_F(ReaderTokensTest, ABanOnAVerifiedReadersCommentHoldsAgainstTheAccount) {
  const VerifiedReader dara = tokens_.verify(*store_, SiteId{"news"}, signed_token(key_, claims())).value();
  const CommentId id = post_as("", dara, "fp-dara").value().comment.id;
  ModerationService moderation(clock_);
  const AccountId editor = AccountService(clock_).add(*store_, "Editor", "editor password", Role::admin, {}).value();
  const Account admin{editor, "Editor", Role::admin, {}, {}, {}, ""};
  auto banned = in_tx<std::vector<Ban>>([&](store::Store& tx) {
    return moderation.ban(tx, admin, {SiteId{"news"}, id, "", std::nullopt, "abuse"});
  });
  ASSERT_TRUE(banned) << banned.error();
  EXPECT_TRUE(std::any_of(banned->begin(), banned->end(), [](const Ban& b) { return b.kind == BanKind::account; }));
  // Another day, another address, another name: the account is what is banned.
  auto renamed = claims();
  renamed["name"] = "Someone Else";
  const VerifiedReader again = tokens_.verify(*store_, SiteId{"news"}, signed_token(key_, renamed)).value();
  auto refused = post_as("", again, "fp-new-day");
  ASSERT_FALSE(refused);
  EXPECT_STREQ(refused.error().wire_code(), "banned");
}

}  // namespace
}  // namespace sala::service
