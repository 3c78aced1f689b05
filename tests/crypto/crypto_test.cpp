#include "crypto/crypto.hpp"

#include <set>

#include <gtest/gtest.h>

namespace sala::crypto {
namespace {

class CryptoTest : public testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(init()); }
};

TEST_F(CryptoTest, TokensAreUrlSafeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto t = random_token();
    EXPECT_EQ(t.size(), 32u);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_GE(random_token(4).size(), 22u);  // never fewer than 16 bytes of entropy
}

TEST_F(CryptoTest, KeyedHashesDependOnTheKey) {
  const std::string k1(32, 'a'), k2(32, 'b');
  EXPECT_EQ(keyed_hash(k1, "203.0.113.7"), keyed_hash(k1, "203.0.113.7"));
  EXPECT_NE(keyed_hash(k1, "203.0.113.7"), keyed_hash(k2, "203.0.113.7"));
  EXPECT_NE(keyed_hash(k1, "203.0.113.7"), keyed_hash(k1, "203.0.113.8"));
  EXPECT_EQ(keyed_hash(k1, "x", 16).size(), 16u);
}

TEST_F(CryptoTest, DigestAndComparison) {
  EXPECT_EQ(digest("token").size(), 32u);
  EXPECT_NE(digest("token"), digest("tokem"));
  EXPECT_TRUE(equal_constant_time(digest("a"), digest("a")));
  EXPECT_FALSE(equal_constant_time(digest("a"), digest("b")));
  EXPECT_FALSE(equal_constant_time("abc", "abcd"));
  EXPECT_EQ(to_hex(std::string("\x01\xff", 2)), "01ff");
}

}  // namespace
}  // namespace sala::crypto

namespace sala::crypto {
namespace {

TEST(HmacTest, MatchesRfc4231AndTakesKeysOfAnyLength) {
  // RFC 4231, test case 2.
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block, hashed first.
  EXPECT_EQ(to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Sha256Test, MatchesFips180Vectors) {
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Base64UrlTest, RoundTripsAndRefusesAnythingElse) {
  for (const std::string& bytes : {std::string(), std::string("f"), std::string("\xfb\xff", 2), std::string(33, '\0')}) {
    const std::string text = base64url_encode(bytes);
    EXPECT_EQ(text.find_first_of("+/="), std::string::npos) << text;
    EXPECT_EQ(base64url_decode(text), bytes) << text;
  }
  for (const char* bad : {"Zg==", "Zm9v YmFy", "+/8", "Zm9v\n", "Zm9v!"}) {
    EXPECT_FALSE(base64url_decode(bad)) << bad;
  }
}

}  // namespace
}  // namespace sala::crypto
