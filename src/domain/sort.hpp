#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"

namespace sala {

// The orders a thread's top-level comments can be read in. Replies always
// follow their parent in conversation (oldest first) order.
enum class Sort { newest, oldest, votes };

std::string_view to_string(Sort sort);
std::optional<Sort> parse_sort(std::string_view text);

// Keyset position: the sort key and id of the last comment of the previous
// page. `key` is the creation time in ms for newest/oldest, the score for votes.
struct PageCursor {
  Sort sort = Sort::newest;
  std::int64_t key = 0;
  CommentId id;
  bool operator==(const PageCursor&) const = default;
};

// Opaque on the wire ("n.1700000000000.42" base64url-encoded) so clients
// cannot come to depend on its shape.
std::string encode_cursor(const PageCursor& cursor);
// Strict: anything that is not exactly what encode_cursor writes is nullopt.
std::optional<PageCursor> decode_cursor(std::string_view text);

}  // namespace sala
