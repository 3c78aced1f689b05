#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "json/field_reader.hpp"
#include "web/reply.hpp"
#include "web/request.hpp"
#include "web/router.hpp"

namespace sala::admin {

// Pieces every /admin/api handler shares.

void fail(const web::Respond& respond, const Error& error);

// A JSON answer that no cache keeps.
web::Reply json_reply(int status, const boost::json::object& body);

// The required ?site= of a read.
[[nodiscard]] Result<SiteId> site_param(const web::Request& request);

// The optional ?before= id of a paged read.
[[nodiscard]] Result<std::optional<std::int64_t>> before_param(const web::Request& request);

// The required "site" of a JSON body.
[[nodiscard]] Result<SiteId> site_field(json::FieldReader& f);

// The optional "reason" of a change, as given (the service cleans it).
[[nodiscard]] Result<std::string> reason_field(json::FieldReader& f);

}  // namespace sala::admin
