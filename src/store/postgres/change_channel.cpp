#include "store/postgres/change_channel.hpp"

#include <charconv>
#include <random>

namespace sala::pg {
namespace {

// NOTIFY refuses payloads of 8000 bytes or more; stay clear of the edge.
constexpr std::size_t kMaxPayload = 7900;
// Channel names are identifiers: at most 63 bytes.
constexpr std::size_t kMaxChannel = 63;

}  // namespace

std::string channel_for_schema(const std::string& schema) {
  std::string channel = schema == "public" ? "sala_changes" : "sala_changes_" + schema;
  if (channel.size() > kMaxChannel) channel.resize(kMaxChannel);
  return channel;
}

std::string encode_announcement(const std::string& instance, const store::ThreadChange& change) {
  std::string out = instance;
  out += ' ';
  out += std::to_string(change.comment ? change.comment->value : 0);
  out += ' ';
  out += change.site.value;
  out += ' ';
  out += change.thread_key;
  if (out.size() > kMaxPayload) return instance + " *";  // too long to name: say "everything"
  return out;
}

std::optional<Announcement> decode_announcement(std::string_view payload) {
  const auto first = payload.find(' ');
  if (first == std::string_view::npos || first == 0) return std::nullopt;
  Announcement a;
  a.instance = std::string(payload.substr(0, first));
  const auto rest = payload.substr(first + 1);
  if (rest == "*") return a;
  const auto second = rest.find(' ');
  if (second == std::string_view::npos) return std::nullopt;
  std::int64_t comment = 0;
  const auto digits = rest.substr(0, second);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), comment);
  if (ec != std::errc() || end != digits.data() + digits.size() || comment < 0) return std::nullopt;
  const auto site_and_key = rest.substr(second + 1);
  const auto third = site_and_key.find(' ');
  if (third == std::string_view::npos || third == 0) return std::nullopt;
  store::ThreadChange change;
  change.site = SiteId{std::string(site_and_key.substr(0, third))};
  change.thread_key = std::string(site_and_key.substr(third + 1));
  if (comment > 0) change.comment = CommentId{comment};
  a.change = std::move(change);
  return a;
}

std::string new_instance_id() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string id;
  for (int i = 0; i < 16; ++i) id += "0123456789abcdef"[digit(random)];
  return id;
}

}  // namespace sala::pg
