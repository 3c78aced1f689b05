#pragma once

// Translation between Beast messages and the module's plain Request/Reply.
// Private to src/web; pure functions, no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "web/net.hpp"
#include "web/reply.hpp"
#include "web/request.hpp"
#include "web/target.hpp"

namespace sala::web {

using WireRequest = http::request<http::string_body>;

Method to_method(http::verb verb);

// False for a head whose body framing two parsers could read differently:
// more than one Content-Length, one that is not plain digits, any
// Transfer-Encoding other than a single "chunked", Transfer-Encoding with
// Content-Length, or Transfer-Encoding on HTTP/1.0 (RFC 9112, 6.1 and 6.3).
bool has_unambiguous_framing(const WireRequest& head);

// False for raw head bytes with a bare CR or LF or an obs-fold continuation
// line, which Beast would accept but a proxy in front may split differently.
bool is_clean_head(std::string_view head);

// True when the client waits for "100 Continue" before sending its body.
bool expects_continue(const WireRequest& head);

// All X-Forwarded-For values joined by commas, in arrival order.
std::optional<std::string> forwarded_for(const WireRequest& head);

Request to_request(WireRequest message, ParsedTarget target, std::string client_address);

// The status line and header fields of a reply, ending with the blank line.
// Content-Length and Connection are set here; the Reply's own framing
// headers and unsafe headers are dropped; default headers are added unless
// the Reply has one of that name. A streamed reply has no Content-Length and
// says Connection: close. A reply to HEAD uses the same head (with
// the Content-Length of the body it does not send).
std::string wire_head(const Reply& reply, const std::vector<Header>& default_headers,
                      unsigned version, bool keep_alive);

}  // namespace sala::web
