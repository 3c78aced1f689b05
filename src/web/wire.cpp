#include "web/wire.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

namespace sala::web {
namespace {

char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return to_lower(x) == to_lower(y);
         });
}

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A header a handler may set: a token name, a value without control
// characters (CR or LF there would let it write its own response).
bool is_safe_header(const Header& header) {
  if (header.name.empty() || !std::all_of(header.name.begin(), header.name.end(), is_token_char)) {
    return false;
  }
  return std::none_of(header.value.begin(), header.value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20U && c != '\t') || byte == 0x7FU;
  });
}

bool is_framing_header(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") ||
         iequals(name, "connection");
}

}  // namespace

Method to_method(http::verb verb) {
  switch (verb) {
    case http::verb::get:
      return Method::get;
    case http::verb::head:
      return Method::head;
    case http::verb::post:
      return Method::post;
    case http::verb::put:
      return Method::put;
    case http::verb::patch:
      return Method::patch;
    case http::verb::delete_:
      return Method::del;
    case http::verb::options:
      return Method::options;
    default:
      return Method::other;
  }
}

bool has_unambiguous_framing(const WireRequest& head) {
  const auto lengths = head.equal_range(http::field::content_length);
  const auto length_count = std::distance(lengths.first, lengths.second);
  if (length_count > 1) return false;
  if (length_count == 1) {
    const std::string_view value = lengths.first->value();
    // 19 digits cannot overflow 64 bits; nobody sends a larger body.
    if (value.empty() || value.size() > 19 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
  }
  const auto codings = head.equal_range(http::field::transfer_encoding);
  const auto coding_count = std::distance(codings.first, codings.second);
  if (coding_count == 0) return true;
  return coding_count == 1 && length_count == 0 && head.version() >= 11 &&
         iequals(codings.first->value(), "chunked");
}

bool is_clean_head(std::string_view head) {
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n')) return false;
    if (head[i] == '\n') {
      if (i == 0 || head[i - 1] != '\r') return false;
      if (i + 1 < head.size() && (head[i + 1] == ' ' || head[i + 1] == '\t')) return false;
    }
  }
  return true;
}

bool expects_continue(const WireRequest& head) {
  const auto it = head.find(http::field::expect);
  return head.version() >= 11 && it != head.end() && iequals(it->value(), "100-continue");
}

std::optional<std::string> forwarded_for(const WireRequest& head) {
  std::optional<std::string> joined;
  const auto range = head.equal_range("X-Forwarded-For");
  for (auto it = range.first; it != range.second; ++it) {
    if (joined) {
      *joined += ',';
      *joined += it->value();
    } else {
      joined.emplace(it->value());
    }
  }
  return joined;
}

Request to_request(WireRequest message, ParsedTarget target, std::string client_address) {
  Request request;
  request.method = to_method(message.method());
  request.target = std::string(message.target());
  request.path = std::move(target.path);
  request.query = std::move(target.query);
  request.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), to_lower);
    request.headers.push_back({std::move(name), std::string(field.value())});
  }
  request.body = std::move(message.body());
  request.client_address = std::move(client_address);
  return request;
}

std::string wire_head(const Reply& reply, const std::vector<Header>& default_headers,
                      unsigned version, bool keep_alive) {
  http::response<http::empty_body> response;
  response.version(version);
  response.result(static_cast<unsigned>(reply.status));
  for (const Header& header : reply.headers) {
    if (is_framing_header(header.name) || !is_safe_header(header)) continue;
    response.insert(header.name, header.value);
  }
  for (const Header& header : default_headers) {
    if (reply.find_header(header.name) != nullptr || is_framing_header(header.name) ||
        !is_safe_header(header)) {
      continue;
    }
    response.insert(header.name, header.value);
  }
  // A streamed body is delimited by the end of the connection.
  response.keep_alive(keep_alive && !reply.stream);
  // 1xx, 204 and 304 have no body by definition, and no Content-Length.
  const bool has_no_body = reply.status < 200 || reply.status == 204 || reply.status == 304;
  if (!has_no_body && !reply.stream) response.content_length(reply.payload().size());
  std::ostringstream out;
  out << response.base();
  return std::move(out).str();
}

}  // namespace sala::web
