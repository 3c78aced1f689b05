#include "widget_assets/widget_assets.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace sala::widget_assets {

namespace embedded {
std::string_view file_embed_js();
std::string_view file_inline_js();
std::string_view file_blocks_js();
std::string_view file_pow_js();
std::string_view file_km_js();
std::string_view file_signin_js();
}  // namespace embedded

namespace {

void add_script(web::Router& router, std::string path, std::string_view bytes) {
  // One shared copy of the bytes and a validator computed once.
  auto body = std::make_shared<const std::string>(bytes);
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016zx\"", std::hash<std::string_view>{}(*body));
  const std::string etag = tag;
  router.add({web::Method::get, std::move(path), [body, etag](web::Request request, web::Respond respond) {
                web::Reply reply;
                if (request.header("if-none-match") == etag) {
                  reply = web::Reply::empty(304);
                } else {
                  reply.shared_body = body;
                  reply.headers.push_back({"Content-Type", "text/javascript; charset=utf-8"});
                }
                reply.headers.push_back({"ETag", etag});
                // Short enough that a new release reaches readers within minutes.
                reply.headers.push_back({"Cache-Control", "public, max-age=300"});
                respond(std::move(reply));
              }});
}

}  // namespace

void add_routes(web::Router& router) {
  add_script(router, "/embed.js", embedded::file_embed_js());
  add_script(router, "/inline.js", embedded::file_inline_js());
  add_script(router, "/blocks.js", embedded::file_blocks_js());
  add_script(router, "/pow.js", embedded::file_pow_js());
  add_script(router, "/km.js", embedded::file_km_js());
  add_script(router, "/signin.js", embedded::file_signin_js());
}

}  // namespace sala::widget_assets
