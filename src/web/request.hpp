#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sala::web {

// `other` stands for every method the router has no name for (CONNECT,
// TRACE, WebDAV verbs); no route can be registered for it.
enum class Method { get, head, post, put, patch, del, options, other };

// "GET", "DELETE", ...; "OTHER" for Method::other.
std::string_view method_name(Method method);

struct Header {
  std::string name;
  std::string value;
};

// One HTTP request as a handler sees it. Plain value: no sockets, no Beast,
// so handlers can be tested by building one by hand.
struct Request {
  Method method = Method::get;
  std::string target;  // as received
  // Percent-decoded once. The server rejects with 400, before routing, a path
  // with "%2F", NUL or another control character, an invalid escape or
  // invalid UTF-8, so a handler never sees one.
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order, repeats kept
  std::vector<Header> headers;                             // names lower-cased, in order
  std::string body;
  // The peer's IP as text, or the one X-Forwarded-For names when the peer is
  // a trusted proxy (see client_ip.hpp). Never taken from any other header.
  std::string client_address;
  std::vector<std::pair<std::string, std::string>> path_params;  // from the route pattern

  // The first header with this name. Requires: lower_name is lower case.
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // The first value of a query parameter.
  std::optional<std::string_view> query_param(std::string_view name) const;
  // Every value of a query parameter, in order.
  std::vector<std::string_view> query_params(std::string_view name) const;
  std::optional<std::string_view> path_param(std::string_view name) const;
};

}  // namespace sala::web
