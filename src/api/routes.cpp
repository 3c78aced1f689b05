// The public API's route table: what exists is all in one place.
#include "api/comments_api.hpp"

namespace sala::api {

void CommentsApi::add_routes(web::Router& router, std::size_t max_body_bytes) {
  using web::Method;
  auto bind = [this](void (CommentsApi::*handler)(web::Request, web::Respond)) {
    return [this, handler](web::Request request, web::Respond respond) {
      (this->*handler)(std::move(request), std::move(respond));
    };
  };
  const std::string base = "/api/v1";
  router.add({Method::get, base + "/comments", bind(&CommentsApi::list)});
  router.add({Method::post, base + "/comments", bind(&CommentsApi::post), max_body_bytes});
  router.add({Method::patch, base + "/comments/{id}", bind(&CommentsApi::edit), max_body_bytes});
  router.add({Method::del, base + "/comments/{id}", bind(&CommentsApi::remove), 0});
  router.add({Method::post, base + "/comments/{id}/vote", bind(&CommentsApi::vote), 1024});
  router.add({Method::post, base + "/comments/{id}/report", bind(&CommentsApi::report), 4096});
  router.add({Method::get, base + "/counts", bind(&CommentsApi::counts)});
  router.add({Method::get, base + "/passages", bind(&CommentsApi::passages)});
  router.add({Method::get, base + "/challenge", bind(&CommentsApi::challenge)});
  for (const char* path : {"/comments", "/comments/{id}", "/comments/{id}/vote",
                           "/comments/{id}/report", "/counts", "/passages", "/challenge"}) {
    router.add({Method::options, base + path, bind(&CommentsApi::preflight), 0});
  }
}

}  // namespace sala::api
