#include "web/client_ip.hpp"

#include <gtest/gtest.h>

namespace sala::web {
namespace {

TrustedProxies trust(std::vector<std::string> entries) {
  auto parsed = TrustedProxies::parse(entries);
  EXPECT_TRUE(parsed);
  return parsed ? *parsed : TrustedProxies{};
}

TEST(ClientIpTest, ParsesAddressesAndBlocks) {
  const TrustedProxies t =
      trust({"127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", " 192.168.1.0/24 "});
  EXPECT_TRUE(t.contains("127.0.0.1"));
  EXPECT_FALSE(t.contains("127.0.0.2"));
  EXPECT_TRUE(t.contains("10.200.3.4"));
  EXPECT_FALSE(t.contains("11.0.0.1"));
  EXPECT_TRUE(t.contains("::1"));
  EXPECT_TRUE(t.contains("fd12:3456::1"));
  EXPECT_FALSE(t.contains("fe80::1"));
  EXPECT_TRUE(t.contains("192.168.1.77"));
  EXPECT_TRUE(t.contains("::ffff:10.1.1.1"));  // IPv4-mapped peer of a dual-stack socket
  EXPECT_FALSE(t.contains("not-an-ip"));
  EXPECT_FALSE(t.contains(""));
}

TEST(ClientIpTest, RejectsBadEntries) {
  for (const char* bad : {"", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
                          "1.2.3.4:80", "[::1]", "10.0.0.0/-1"}) {
    const auto parsed = TrustedProxies::parse({bad});
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, Errc::invalid_argument);
  }
}

TEST(ClientIpTest, CanonicalForms) {
  EXPECT_EQ(canonical_ip("::ffff:1.2.3.4"), "1.2.3.4");
  EXPECT_EQ(canonical_ip("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(canonical_ip("1.2.3.4"), "1.2.3.4");
  EXPECT_FALSE(canonical_ip("1.2.3.4:80"));
  EXPECT_FALSE(canonical_ip("fe80::1%eth0"));
  EXPECT_FALSE(canonical_ip(" 1.2.3.4"));
}

TEST(ClientIpTest, ResolvesForwardedForOnlyFromTrustedPeers) {
  const TrustedProxies t = trust({"10.0.0.0/8", "::1"});
  const struct {
    const char* peer;
    std::optional<std::string_view> xff;
    const char* expected;
  } cases[] = {
      // Untrusted peer: the header is ignored, whatever it says.
      {"203.0.113.9", "1.1.1.1", "203.0.113.9"},
      {"203.0.113.9", std::nullopt, "203.0.113.9"},
      // Trusted peer, no header: the peer.
      {"10.0.0.2", std::nullopt, "10.0.0.2"},
      // Trusted peer: right-most untrusted entry.
      {"10.0.0.2", "198.51.100.7", "198.51.100.7"},
      {"10.0.0.2", "6.6.6.6, 198.51.100.7", "198.51.100.7"},
      {"10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"},
      {"10.0.0.2", " 198.51.100.7 ,10.1.2.3", "198.51.100.7"},
      // Spoofed left part is skipped, garbage there does not matter.
      {"10.0.0.2", "garbage, 198.51.100.7", "198.51.100.7"},
      // Garbage where the chain is followed: back to the peer.
      {"10.0.0.2", "198.51.100.7, garbage", "10.0.0.2"},
      {"10.0.0.2", "198.51.100.7, 10.0.0.3, 1.2.3.4:5678", "10.0.0.2"},
      {"10.0.0.2", "", "10.0.0.2"},
      {"10.0.0.2", "198.51.100.7,", "10.0.0.2"},
      // Every hop trusted: the furthest one known.
      {"10.0.0.2", "10.0.0.5, 10.0.0.4", "10.0.0.5"},
      // IPv6 and IPv4-mapped peers and entries.
      {"::1", "2001:DB8::1", "2001:db8::1"},
      {"::ffff:10.0.0.2", "198.51.100.7", "198.51.100.7"},
      {"::ffff:203.0.113.9", "198.51.100.7", "203.0.113.9"},
      {"10.0.0.2", "::ffff:198.51.100.7", "198.51.100.7"},
      {"2001:db8::5", "198.51.100.7", "2001:db8::5"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_client_address(c.peer, c.xff, t), c.expected)
        << c.peer << " / " << c.xff.value_or("<none>");
  }
}

TEST(ClientIpTest, NobodyTrustedByDefault) {
  EXPECT_EQ(resolve_client_address("127.0.0.1", "1.2.3.4", TrustedProxies{}), "127.0.0.1");
}

}  // namespace
}  // namespace sala::web
