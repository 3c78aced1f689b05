#include "domain/moderation.hpp"

#include <array>
#include <utility>

namespace sala {
namespace {

template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<std::string_view, E>, N>& names, std::string_view text) {
  for (const auto& [name, value] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<std::string_view, E>, N>& names, E value) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "";
}

constexpr std::array<std::pair<std::string_view, Verdict>, 4> kVerdicts{{
    {"approve", Verdict::approve}, {"reject", Verdict::reject}, {"spam", Verdict::spam},
    {"delete", Verdict::remove}}};
constexpr std::array<std::pair<std::string_view, QueueKind>, 3> kQueues{{
    {"pending", QueueKind::pending}, {"reported", QueueKind::reported}, {"spam", QueueKind::spam}}};
constexpr std::array<std::pair<std::string_view, BanKind>, 3> kBans{{
    {"fingerprint", BanKind::fingerprint}, {"email", BanKind::email}, {"account", BanKind::account}}};

}  // namespace

std::string_view to_string(SpamLabel label) { return label == SpamLabel::spam ? "spam" : "ham"; }

std::string_view to_string(Verdict v) { return name_of(kVerdicts, v); }
std::optional<Verdict> parse_verdict(std::string_view t) { return parse(kVerdicts, t); }
std::string_view to_string(QueueKind k) { return name_of(kQueues, k); }
std::optional<QueueKind> parse_queue_kind(std::string_view t) { return parse(kQueues, t); }
std::string_view to_string(BanKind k) { return name_of(kBans, k); }
std::optional<BanKind> parse_ban_kind(std::string_view t) { return parse(kBans, t); }

}  // namespace sala
