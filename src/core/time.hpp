#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sala {

// A point in time, UTC, in milliseconds since the Unix epoch. Stored as an
// integer in every backend so ordering and arithmetic stay exact.
struct Timestamp {
  std::int64_t ms = 0;
  auto operator<=>(const Timestamp&) const = default;
};

inline Timestamp operator+(Timestamp t, std::chrono::milliseconds d) { return {t.ms + d.count()}; }
inline Timestamp operator-(Timestamp t, std::chrono::milliseconds d) { return {t.ms - d.count()}; }
inline std::chrono::milliseconds operator-(Timestamp a, Timestamp b) {
  return std::chrono::milliseconds(a.ms - b.ms);
}

// RFC 3339 in UTC with millisecond precision: "2026-11-29T05:04:32.123Z".
std::string format_rfc3339(Timestamp t);

// Accepts RFC 3339 date-times with a "Z" or numeric offset; nullopt otherwise.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// The UTC day number (days since the epoch) that `t` falls in.
std::int64_t utc_day(Timestamp t);

}  // namespace sala
