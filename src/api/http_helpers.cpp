#include "api/http_helpers.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/parse_int.hpp"
#include "json/parse.hpp"

namespace sala::api {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_json_content_type(std::string_view value) {
  std::string v = lower(value);
  v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
  return v == "application/json" || v == "application/json;charset=utf-8";
}

}  // namespace

Result<boost::json::object> json_body(const web::Request& request) {
  auto type = request.header("content-type");
  if (!type || !is_json_content_type(*type)) {
    return Error{Errc::unsupported_media, "send the body as application/json in UTF-8", {},
                 "unsupported_media_type"};
  }
  // The route already capped the body; the parser only guards depth and shape.
  return json::parse_object(request.body, {.max_depth = 16, .max_bytes = request.body.size()});
}

Result<void> check_origin(const web::Request& request, SiteDirectory& sites,
                          const std::optional<std::string>& site) {
  auto origin = request.header("origin");
  if (!origin) return {};
  if (sites.allows(*origin, site)) return {};
  return Error::forbidden("origin_not_allowed", "this page's origin may not post to this site");
}

void add_cors(web::Reply& reply, const web::Request& request, SiteDirectory& sites) {
  reply.headers.push_back({"Vary", "Origin"});
  auto origin = request.header("origin");
  if (!origin || !sites.allows(*origin)) return;
  reply.headers.push_back({"Access-Control-Allow-Origin", std::string(*origin)});
  // Without this a page on another origin cannot read when to retry a 429 or 503.
  if (reply.find_header("Retry-After") != nullptr) {
    reply.headers.push_back({"Access-Control-Expose-Headers", "Retry-After"});
  }
}

Result<CommentId> comment_id_param(const web::Request& request) {
  auto text = request.path_param("id");
  auto id = text ? parse_decimal(*text, 1, std::numeric_limits<std::int64_t>::max()) : std::nullopt;
  if (!id) return Error::invalid("invalid_id", "a comment id is a positive decimal integer");
  return CommentId{*id};
}

Result<std::string> required_query(const web::Request& request, std::string_view name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) {
    return Error::invalid(std::string(name) + "_required", "the query needs " + std::string(name) + "=");
  }
  return std::string(*value);
}

}  // namespace sala::api
