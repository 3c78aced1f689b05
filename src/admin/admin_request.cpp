#include "admin/admin_request.hpp"

#include <limits>

#include <boost/json/serialize.hpp>

#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "core/parse_int.hpp"
#include "service/site_service.hpp"

namespace sala::admin {

void fail(const web::Respond& respond, const Error& error) { respond(api::error_reply(error)); }

web::Reply json_reply(int status, const boost::json::object& body) {
  web::Reply reply = web::Reply::json(status, boost::json::serialize(body));
  reply.headers.push_back({"Cache-Control", "no-store"});
  return reply;
}

Result<SiteId> site_param(const web::Request& request) {
  auto site = api::required_query(request, "site");
  if (!site) return site.error();
  return service::parse_site_id(*site);
}

Result<std::optional<std::int64_t>> before_param(const web::Request& request) {
  auto text = request.query_param("before");
  if (!text) return std::optional<std::int64_t>{};
  auto id = parse_decimal(*text, 1, std::numeric_limits<std::int64_t>::max());
  if (!id) return Error::invalid("invalid_before", "before must be an id");
  return std::optional<std::int64_t>{*id};
}

Result<SiteId> site_field(json::FieldReader& f) {
  auto site = f.required_string("site");
  if (!site) return site.error();
  return service::parse_site_id(*site);
}

Result<std::string> reason_field(json::FieldReader& f) {
  auto reason = f.optional_string("reason");
  if (!reason) return reason.error();
  return reason->value_or("");
}

}  // namespace sala::admin
