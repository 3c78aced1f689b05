#include "admin/admin_page.hpp"

#include <string_view>

#include "web/static_asset.hpp"

namespace sala::admin {

namespace embedded {
std::string_view file_index_html();
std::string_view file_admin_js();
std::string_view file_admin_css();
}  // namespace embedded

void add_page_routes(web::Router& router) {
  router.add({web::Method::get, "/admin/", web::static_asset(embedded::file_index_html, "text/html; charset=utf-8", "no-store")});
  router.add({web::Method::get, "/admin", [](web::Request, web::Respond respond) {
                web::Reply reply = web::Reply::empty(308);
                reply.headers.push_back({"Location", "/admin/"});
                respond(std::move(reply));
              }});
  router.add({web::Method::get, "/admin/admin.js",
              web::static_asset(embedded::file_admin_js, "text/javascript; charset=utf-8", "no-store")});
  router.add({web::Method::get, "/admin/admin.css", web::static_asset(embedded::file_admin_css, "text/css; charset=utf-8", "no-store")});
}

}  // namespace sala::admin
