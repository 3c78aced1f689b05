#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "web/request.hpp"

namespace sala::admin {

// Whether the request's Host names this machine's loopback (a developer's
// browser on plain HTTP), where a Secure cookie could not be set.
bool is_loopback_host(const web::Request& request);

// The value of cookie `name` in the Cookie header, if any.
std::optional<std::string> cookie_value(const web::Request& request, std::string_view name);

// Set-Cookie for a session: HttpOnly, SameSite=Strict, Path=/, and Secure
// with the __Host- prefix unless on loopback. An empty value with max_age 0
// clears it.
std::string session_set_cookie(const web::Request& request, std::string_view value, long max_age_seconds);

// Whether a browser request comes from this server's own pages: its Origin
// (when sent) names the host the request was sent to.
bool is_same_origin(const web::Request& request);

}  // namespace sala::admin
