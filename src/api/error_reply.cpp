#include "api/error_reply.hpp"

#include <algorithm>
#include <string>

#include <spdlog/spdlog.h>

namespace sala::api {

int http_status(Errc code) {
  switch (code) {
    case Errc::invalid_argument: return 400;
    case Errc::unauthenticated: return 401;
    case Errc::forbidden: return 403;
    case Errc::not_found: return 404;
    case Errc::conflict: return 409;
    case Errc::too_large: return 413;
    case Errc::unsupported_media: return 415;
    case Errc::unprocessable: return 422;
    case Errc::precondition_required: return 428;
    case Errc::rate_limited: return 429;
    case Errc::unavailable: return 503;
    case Errc::internal: return 500;
  }
  return 500;
}

web::Reply error_reply(const Error& error) {
  const int status = http_status(error.code);
  if (status >= 500) spdlog::error("{} {}: {}", status, error.wire_code(), error.detail);
  auto reply = web::Reply::error(status, error.wire_code(), error.message);
  if (status == 503) reply.headers.push_back({"Retry-After", "1"});
  if (status == 429) {
    reply.headers.push_back({"Retry-After", std::to_string(std::max<std::int64_t>(1, error.retry_after_seconds))});
  }
  return reply;
}

}  // namespace sala::api
