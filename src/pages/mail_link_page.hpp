#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "pages/html_writer.hpp"
#include "web/reply.hpp"
#include "web/request.hpp"

namespace sala::pages {

// The frame of the plain pages that mails link to: no script, no outside
// resource, not framable, not cached, not indexed.

web::Reply html_reply(int status, std::string body);
// A page opened up to its heading; close it with "</body></html>".
HtmlWriter page(std::string_view title);
web::Reply message_page(int status, std::string_view title, std::string_view text);
// The page for a failed step: the error's status and its message.
web::Reply error_page(const Error& e);

// The `token` of the query if it looks like ours (URL-safe base64), else "":
// anything else is neither looked up nor written back into the page.
std::string token_of(const web::Request& request);
// One field of a form body ("end=12"); nullopt when absent or malformed.
std::optional<std::string> form_field(const web::Request& request, std::string_view name);

}  // namespace sala::pages
