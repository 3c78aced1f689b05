#include "domain/sort.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "core/parse_int.hpp"

namespace sala {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_encode(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) |
                   (static_cast<unsigned char>(in[i + 1]) << 8) |
                   static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = in.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  // Leftover bits must be zero, or two different strings would decode alike.
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

char sort_letter(Sort sort) {
  switch (sort) {
    case Sort::newest: return 'n';
    case Sort::oldest: return 'o';
    case Sort::votes: return 'v';
  }
  return 'n';
}

}  // namespace

std::string_view to_string(Sort sort) {
  switch (sort) {
    case Sort::newest: return "newest";
    case Sort::oldest: return "oldest";
    case Sort::votes: return "votes";
  }
  return "newest";
}

std::optional<Sort> parse_sort(std::string_view text) {
  for (auto sort : {Sort::newest, Sort::oldest, Sort::votes}) {
    if (to_string(sort) == text) return sort;
  }
  return std::nullopt;
}

std::string encode_cursor(const PageCursor& cursor) {
  std::string plain;
  plain += sort_letter(cursor.sort);
  plain += '.';
  plain += std::to_string(cursor.key);
  plain += '.';
  plain += std::to_string(cursor.id.value);
  return base64url_encode(plain);
}

std::optional<PageCursor> decode_cursor(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  auto plain = base64url_decode(text);
  if (!plain || plain->size() < 5 || (*plain)[1] != '.') return std::nullopt;
  PageCursor cursor;
  switch ((*plain)[0]) {
    case 'n': cursor.sort = Sort::newest; break;
    case 'o': cursor.sort = Sort::oldest; break;
    case 'v': cursor.sort = Sort::votes; break;
    default: return std::nullopt;
  }
  std::string_view rest = std::string_view(*plain).substr(2);
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view key_text = rest.substr(0, dot);
  const bool negative = !key_text.empty() && key_text.front() == '-';
  if (negative) key_text.remove_prefix(1);
  auto key = parse_decimal(key_text, 0, std::numeric_limits<std::int64_t>::max());
  auto id = parse_decimal(rest.substr(dot + 1), 1, std::numeric_limits<std::int64_t>::max());
  if (!key || !id || (negative && *key == 0)) return std::nullopt;
  cursor.key = negative ? -*key : *key;
  cursor.id = CommentId{*id};
  if (encode_cursor(cursor) != text) return std::nullopt;  // one spelling per cursor
  return cursor;
}

}  // namespace sala
