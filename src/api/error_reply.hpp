#pragma once

#include "core/error.hpp"
#include "web/reply.hpp"

namespace sala::api {

// The one place an Error becomes an HTTP answer: its status, its wire code
// and its message. `detail` never leaves the server; 5xx details are logged.
web::Reply error_reply(const Error& error);

int http_status(Errc code);

}  // namespace sala::api
