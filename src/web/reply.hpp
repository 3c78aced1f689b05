#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "web/request.hpp"
#include "web/stream_body.hpp"

namespace sala::web {

// What a handler answers. The server owns framing: it sets Content-Length
// and Connection itself and drops those (and Transfer-Encoding) from
// `headers`, as well as any header whose name or value could split the
// response (CR, LF, NUL).
struct Reply {
  int status = 200;
  std::vector<Header> headers;
  std::string body;
  // When set, sent instead of `body` without copying (cached responses).
  // Shared with whoever cached it; the server only reads it.
  std::shared_ptr<const std::string> shared_body;
  // When set, the body is this stream instead (see StreamBody): written as it
  // comes, without Content-Length, on a connection that closes when it ends.
  std::shared_ptr<StreamBody> stream;

  // Content-Type: application/json; charset=utf-8. `body` must be JSON.
  static Reply json(int status, std::string body);
  // {"error":{"code":"...","message":"..."}} with both strings escaped; bytes
  // that are not UTF-8 become U+FFFD so the body is always valid JSON.
  static Reply error(int status, std::string_view code, std::string_view message);
  // No body, no Content-Type.
  static Reply empty(int status);

  // The bytes that go on the wire: *shared_body when set, else body.
  std::string_view payload() const;
  // The first header with this name, compared case-insensitively.
  const Header* find_header(std::string_view name) const;
};

// Appends `text` as a JSON string literal (with the quotes).
void append_json_string(std::string& out, std::string_view text);

}  // namespace sala::web
