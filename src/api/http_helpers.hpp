#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "api/site_directory.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "web/reply.hpp"
#include "web/request.hpp"

namespace sala::api {

// Small pieces every JSON endpoint shares.

// State changes take JSON only: a cross-site HTML form cannot send it
// without a CORS preflight, which unknown origins fail.
[[nodiscard]] Result<boost::json::object> json_body(const web::Request& request);

// A browser write from an origin that may not embed the site is refused;
// requests without Origin (scripts, curl) pass.
[[nodiscard]] Result<void> check_origin(const web::Request& request, SiteDirectory& sites,
                                        const std::optional<std::string>& site);

// Access-Control-Allow-Origin for allowed origins, and Vary: Origin always,
// so a shared cache never hands one origin's answer to another.
void add_cors(web::Reply& reply, const web::Request& request, SiteDirectory& sites);

// The {id} path parameter as a comment id, strictly decimal.
[[nodiscard]] Result<CommentId> comment_id_param(const web::Request& request);

// A required query parameter.
[[nodiscard]] Result<std::string> required_query(const web::Request& request, std::string_view name);

}  // namespace sala::api
