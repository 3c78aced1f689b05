#include "web/target.hpp"

#include "web/utf8.hpp"

namespace sala::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class Part { path, query };

// Decodes exactly once: "%252F" becomes "%2F" text, never a second '/'.
std::optional<std::string> percent_decode(std::string_view raw, Part part) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '%') {
      if (raw.size() - i < 3) return std::nullopt;
      const int high = hex_value(raw[i + 1]);
      const int low = hex_value(raw[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      const char decoded = static_cast<char>(high * 16 + low);
      // An encoded slash would let "a%2Fb" reach a handler as one segment
      // that later code might treat as two.
      if (part == Part::path && decoded == '/') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && part == Part::query) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!is_valid_utf8(out)) return std::nullopt;
  for (const char c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) return std::nullopt;
    if (part == Part::path && (byte < 0x20U || byte == 0x7FU)) return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<std::string> decode_path(std::string_view raw) {
  return percent_decode(raw, Part::path);
}

std::optional<std::string> decode_query_component(std::string_view raw) {
  return percent_decode(raw, Part::query);
}

std::optional<ParsedTarget> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  const std::size_t question = target.find('?');
  ParsedTarget parsed;
  auto path = decode_path(target.substr(0, question));
  if (!path) return std::nullopt;
  parsed.path = std::move(*path);
  if (question == std::string_view::npos) return parsed;

  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view piece = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (piece.empty()) continue;
    const std::size_t eq = piece.find('=');
    auto key = decode_query_component(piece.substr(0, eq));
    auto value = decode_query_component(eq == std::string_view::npos ? std::string_view{}
                                                                     : piece.substr(eq + 1));
    if (!key || !value) return std::nullopt;
    parsed.query.emplace_back(std::move(*key), std::move(*value));
  }
  return parsed;
}

}  // namespace sala::web
