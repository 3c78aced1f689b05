#include "transfer/source_text.hpp"

#include <boost/url/parse.hpp>

#include "core/parse_int.hpp"

namespace sala::transfer {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<int> digits(std::string_view s, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<Timestamp> parse_sql_datetime(std::string_view text) {
  text = trim(text);
  if (text.size() != 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  if (*y < 1970 || *mo < 1 || *mo > 12 || *d < 1 || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  if (*d > kDays[*mo - 1] || (*mo == 2 && *d == 29 && !leap)) return std::nullopt;
  const std::int64_t days = days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d));
  return Timestamp{((days * 24 + *h) * 60 + *mi) * 60'000 + std::int64_t{std::min(*s, 59)} * 1000};
}

std::string thread_key_from_url(std::string_view url) {
  auto parsed = boost::urls::parse_uri(trim(url));
  if (!parsed) return {};
  const std::string scheme(parsed->scheme());
  if (scheme != "http" && scheme != "https" && scheme != "HTTP" && scheme != "HTTPS") return {};
  std::string key(parsed->encoded_path());
  if (key.empty()) key = "/";
  if (parsed->has_query() && !parsed->encoded_query().empty()) {
    key += '?';
    key += parsed->encoded_query();
  }
  return key;
}

std::optional<std::pair<std::int64_t, std::int64_t>> parse_wpdiscuz_votes(std::string_view s) {
  // Reads the integer after `"<name>";i:` — the only shape wpDiscuz writes.
  auto count = [&](std::string_view name) -> std::optional<std::int64_t> {
    const std::string needle = "\"" + std::string(name) + "\";i:";
    const auto at = s.find(needle);
    if (at == std::string_view::npos) return std::nullopt;
    const auto from = at + needle.size();
    const auto semi = s.find(';', from);
    if (semi == std::string_view::npos) return std::nullopt;
    std::string_view number = s.substr(from, semi - from);
    // Some versions store dislikes as a negative count; the size is what counts.
    if (number.starts_with('-')) number.remove_prefix(1);
    return parse_decimal(number, 0, 1'000'000'000);
  };
  s = trim(s);
  if (!s.starts_with("a:")) return std::nullopt;
  auto like = count("like");
  auto dislike = count("dislike");
  if (!like && !dislike) return std::nullopt;
  return std::pair{like.value_or(0), dislike.value_or(0)};
}

}  // namespace sala::transfer
