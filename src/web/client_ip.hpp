#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sala::web {

// The set of proxies whose X-Forwarded-For we believe. IPv4 entries also
// match IPv4-mapped IPv6 peers ("::ffff:10.0.0.1"). Immutable once parsed,
// so it is safe to share between threads.
class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody

  // Entries are addresses or CIDR blocks: "127.0.0.1", "10.0.0.0/8", "::1",
  // "fd00::/8". An unparsable entry is an invalid_argument error naming it.
  [[nodiscard]] static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  // False for anything that is not a plain IP address.
  bool contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<std::uint8_t, 16> prefix{};  // IPv4 stored IPv4-mapped
    unsigned bits = 0;
  };
  std::vector<Range> ranges_;
};

// The canonical text of an IP address ("::ffff:10.0.0.1" becomes
// "10.0.0.1", IPv6 is compressed and lower-cased), or nullopt when the text
// is not a plain address (ports, brackets and zone ids are refused).
std::optional<std::string> canonical_ip(std::string_view text);

// The client's address. X-Forwarded-For (every field's value, joined with
// commas in arrival order) is believed only when the peer is trusted; then
// the answer is the right-most entry that is not itself a trusted proxy, or
// the left-most when all are. An unparsable entry reached on the way makes
// the answer the peer, since the chain can no longer be followed. The
// result is canonical when the input was an address.
std::string resolve_client_address(std::string_view peer,
                                   std::optional<std::string_view> x_forwarded_for,
                                   const TrustedProxies& trusted);

}  // namespace sala::web
