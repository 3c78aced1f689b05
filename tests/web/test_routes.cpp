#include "test_routes.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace sala::web::http_test {
namespace {

Reply text(std::string body) {
  Reply reply;
  reply.headers.push_back({"Content-Type", "text/plain; charset=utf-8"});
  reply.body = std::move(body);
  return reply;
}

}  // namespace

Router basic_router() {
  Router router;
  router.add({Method::get, "/hello",
              [](Request, Respond respond) { respond(Reply::json(200, R"({"hello":"world"})")); }});
  router.add({Method::get, "/echo/{name}", [](Request r, Respond respond) {
                std::string body = std::string(*r.path_param("name")) + "|" + r.path + "|";
                for (const auto& [k, v] : r.query) body += k + "=" + v + ";";
                respond(text(std::move(body)));
              }});
  router.add({Method::post, "/echo",
              [](Request r, Respond respond) { respond(text(std::move(r.body))); }, 16});
  router.add({Method::post, "/big",
              [](Request r, Respond respond) { respond(text(std::to_string(r.body.size()))); },
              1024 * 1024});
  router.add({Method::get, "/throw",
              [](Request, Respond) -> void { throw std::runtime_error("handler failed"); }});
  router.add({Method::get, "/shared", [](Request, Respond respond) {
                static const auto cached = std::make_shared<const std::string>(R"(["cached"])");
                Reply reply = Reply::json(200, "");
                reply.shared_body = cached;
                respond(std::move(reply));
              }});
  router.add({Method::get, "/client",
              [](Request r, Respond respond) { respond(text(r.client_address)); }});
  router.add({Method::get, "/headers", [](Request, Respond respond) {
                Reply reply = text("h");
                reply.headers.push_back({"X-Good", "yes"});
                reply.headers.push_back({"X-Bad", "a\r\nInjected: 1"});
                reply.headers.push_back({"Bad Name", "x"});
                reply.headers.push_back({"Content-Length", "999"});
                reply.headers.push_back({"Connection", "upgrade"});
                reply.headers.push_back({"X-Content-Type-Options", "custom"});
                respond(std::move(reply));
              }});
  router.add({Method::get, "/later", [](Request, Respond respond) {
                std::thread([respond] { respond(text("later")); }).detach();
              }});
  router.add({Method::get, "/status/{code}", [](Request r, Respond respond) {
                respond(Reply::empty(std::stoi(std::string(*r.path_param("code")))));
              }});
  return router;
}

}  // namespace sala::web::http_test
