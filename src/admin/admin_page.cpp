#include "admin/admin_page.hpp"

#include <string_view>

namespace sala::admin {

namespace embedded {
std::string_view file_index_html();
std::string_view file_admin_js();
std::string_view file_admin_css();
}  // namespace embedded

namespace {

constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

web::Handler asset(std::string_view (*bytes)(), const char* content_type) {
  return [bytes, content_type](web::Request, web::Respond respond) {
    web::Reply reply;
    reply.body = std::string(bytes());
    reply.headers = {{"Content-Type", content_type},
                     {"Cache-Control", "no-store"},
                     {"Content-Security-Policy", kPolicy},
                     {"X-Frame-Options", "DENY"},
                     {"Cross-Origin-Opener-Policy", "same-origin"}};
    respond(std::move(reply));
  };
}

}  // namespace

void add_page_routes(web::Router& router) {
  router.add({web::Method::get, "/admin/", asset(embedded::file_index_html, "text/html; charset=utf-8")});
  router.add({web::Method::get, "/admin", [](web::Request, web::Respond respond) {
                web::Reply reply = web::Reply::empty(308);
                reply.headers.push_back({"Location", "/admin/"});
                respond(std::move(reply));
              }});
  router.add({web::Method::get, "/admin/admin.js",
              asset(embedded::file_admin_js, "text/javascript; charset=utf-8")});
  router.add({web::Method::get, "/admin/admin.css", asset(embedded::file_admin_css, "text/css; charset=utf-8")});
}

}  // namespace sala::admin
