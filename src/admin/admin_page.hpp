#pragma once

#include "web/router.hpp"

namespace sala::admin {

// GET /admin/ and its script and styles: the moderator's dashboard. Strict
// CSP (this server only, no inline code), never framed, never cached.
void add_page_routes(web::Router& router);

}  // namespace sala::admin
