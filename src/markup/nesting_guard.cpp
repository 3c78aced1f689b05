#include "markup/nesting_guard.hpp"

#include <vector>

namespace sala::markup {
namespace {

// cmark accepts at most nine digits in an ordered list marker.
constexpr std::size_t kMaxOrderedDigits = 9;

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A list marker must be followed by whitespace or the end of the line.
bool ends_marker(std::string_view line, std::size_t pos) {
  return pos == line.size() || is_space_or_tab(line[pos]);
}

// "* * * *" is a thematic break, not nested bullets; cmark tests for that
// before opening a list item, so a long run of them must stay untouched.
bool is_thematic_break(std::string_view rest) {
  char kind = 0;
  std::size_t count = 0;
  for (char c : rest) {
    if (is_space_or_tab(c)) continue;
    if (c != '*' && c != '-' && c != '_') return false;
    if (kind != 0 && c != kind) return false;
    kind = c;
    ++count;
  }
  return count >= 3;
}

// Where to put the backslash for the container marker at `pos` (the
// punctuation that makes it a marker), or npos if there is no marker there.
// `length` receives the marker's length.
std::size_t marker_at(std::string_view line, std::size_t pos, std::size_t& length) {
  char c = line[pos];
  if (c == '>') {
    length = 1;
    return pos;
  }
  if ((c == '-' || c == '+' || c == '*') && ends_marker(line, pos + 1)) {
    length = 1;
    return pos;
  }
  std::size_t end = pos;
  while (end < line.size() && is_digit(line[end]) && end - pos < kMaxOrderedDigits) ++end;
  if (end > pos && end < line.size() && (line[end] == '.' || line[end] == ')') &&
      ends_marker(line, end + 1)) {
    length = end + 1 - pos;
    return end;
  }
  return std::string_view::npos;
}

// Offset within `line` that needs a backslash, or npos.
std::size_t surplus_marker(std::string_view line) {
  std::size_t pos = 0;
  std::size_t markers = 0;
  while (true) {
    while (pos < line.size() && is_space_or_tab(line[pos])) ++pos;
    if (pos == line.size()) return std::string_view::npos;
    std::size_t length = 0;
    std::size_t escape_at = marker_at(line, pos, length);
    if (escape_at == std::string_view::npos) return std::string_view::npos;
    if (markers == kMaxMarkersPerLine) {
      return is_thematic_break(line.substr(pos)) ? std::string_view::npos : escape_at;
    }
    ++markers;
    pos += length;
  }
}

}  // namespace

std::optional<std::string> limit_line_nesting(std::string_view markdown) {
  std::vector<std::size_t> escapes;
  std::size_t line_start = 0;
  while (line_start < markdown.size()) {
    std::size_t line_end = line_start;
    while (line_end < markdown.size() && !is_line_end(markdown[line_end])) ++line_end;
    std::size_t at = surplus_marker(markdown.substr(line_start, line_end - line_start));
    if (at != std::string_view::npos) escapes.push_back(line_start + at);
    line_start = line_end + 1;
  }
  if (escapes.empty()) return std::nullopt;

  std::string guarded;
  guarded.reserve(markdown.size() + escapes.size());
  std::size_t copied = 0;
  for (std::size_t at : escapes) {
    guarded.append(markdown.substr(copied, at - copied));
    guarded += '\\';
    copied = at;
  }
  guarded.append(markdown.substr(copied));
  return guarded;
}

}  // namespace sala::markup
