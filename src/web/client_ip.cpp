#include "web/client_ip.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace sala::web {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

constexpr unsigned kMappedPrefixBits = 96;

// Every address as 16 bytes, IPv4 as IPv4-mapped IPv6, so one comparison
// covers "10.0.0.1" and "::ffff:10.0.0.1".
std::optional<Bytes> parse_ip(std::string_view text) {
  // inet_pton needs a terminated string; anything longer than the longest
  // IPv6 text form is not an address anyway.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN] = {};
  std::memcpy(buffer, text.data(), text.size());
  Bytes bytes{};
  if (text.find(':') == std::string_view::npos) {
    in_addr v4{};
    if (inet_pton(AF_INET, buffer, &v4) != 1) return std::nullopt;
    bytes[10] = 0xFF;
    bytes[11] = 0xFF;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, buffer, &v6) != 1) return std::nullopt;
  std::memcpy(bytes.data(), &v6, 16);
  return bytes;
}

bool is_mapped_v4(const Bytes& bytes) {
  for (std::size_t i = 0; i < 10; ++i) {
    if (bytes[i] != 0) return false;
  }
  return bytes[10] == 0xFF && bytes[11] == 0xFF;
}

std::string format_ip(const Bytes& bytes) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (is_mapped_v4(bytes)) {
    in_addr v4{};
    std::memcpy(&v4, bytes.data() + 12, 4);
    inet_ntop(AF_INET, &v4, buffer, sizeof buffer);
  } else {
    in6_addr v6{};
    std::memcpy(&v6, bytes.data(), 16);
    inet_ntop(AF_INET6, &v6, buffer, sizeof buffer);
  }
  return buffer;
}

bool prefix_equal(const Bytes& a, const Bytes& b, unsigned bits) {
  for (std::size_t i = 0; bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<std::uint8_t>(0xFFU << (8 - take));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies result;
  for (const std::string& entry : entries) {
    const std::string_view text = trim(entry);
    const std::size_t slash = text.find('/');
    const auto address = parse_ip(text.substr(0, slash));
    const auto invalid = [&] {
      return Error::invalid("invalid_trusted_proxy", "trusted_proxies: \"" + entry +
                                                         "\" is not an IP address or CIDR block");
    };
    if (!address) return invalid();
    const bool is_v4 = text.substr(0, slash).find(':') == std::string_view::npos;
    const unsigned max_bits = is_v4 ? 32 : 128;
    unsigned bits = max_bits;
    if (slash != std::string_view::npos) {
      const std::string_view digits = text.substr(slash + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() ||
          bits > max_bits) {
        return invalid();
      }
    }
    result.ranges_.push_back({*address, is_v4 ? bits + kMappedPrefixBits : bits});
  }
  return result;
}

bool TrustedProxies::contains(std::string_view address) const {
  const auto bytes = parse_ip(address);
  if (!bytes) return false;
  for (const Range& range : ranges_) {
    if (prefix_equal(*bytes, range.prefix, range.bits)) return true;
  }
  return false;
}

std::optional<std::string> canonical_ip(std::string_view text) {
  const auto bytes = parse_ip(text);
  if (!bytes) return std::nullopt;
  return format_ip(*bytes);
}

std::string resolve_client_address(std::string_view peer,
                                   std::optional<std::string_view> x_forwarded_for,
                                   const TrustedProxies& trusted) {
  std::string peer_text = canonical_ip(peer).value_or(std::string(peer));
  if (!x_forwarded_for || !trusted.contains(peer)) return peer_text;

  std::string_view rest = *x_forwarded_for;
  std::string leftmost;
  // Right to left: each hop appended the address it saw, so only the part
  // written by our own proxies can be believed; what lies left of the first
  // untrusted hop was written by the client and is ignored, garbage included.
  while (true) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view entry =
        trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    const auto address = canonical_ip(entry);
    if (!address) return peer_text;
    if (!trusted.contains(entry)) return *address;
    leftmost = *address;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(0, comma);
  }
  return leftmost;
}

}  // namespace sala::web
