#include "api/subscriptions_api.hpp"

#include <limits>
#include <memory>

#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "json/field_reader.hpp"
#include "service/site_service.hpp"

namespace sala::api {
namespace {

Result<service::SubscribeInput> read_subscribe(const boost::json::object& body) {
  json::FieldReader f(body);
  service::SubscribeInput in;
  auto site = f.required_string("site");
  if (!site) return site.error();
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return site_id.error();
  in.site = *site_id;
  auto thread = f.required_string("thread");
  if (!thread) return thread.error();
  in.thread_key = std::move(*thread);
  auto email = f.required_string("email");
  if (!email) return email.error();
  in.email = std::move(*email);
  auto kind = f.required_string("kind");
  if (!kind) return kind.error();
  in.kind = std::move(*kind);
  auto comment = f.optional_int("comment", 1, std::numeric_limits<std::int64_t>::max());
  if (!comment) return comment.error();
  if (*comment) in.comment = CommentId{**comment};
  auto url = f.optional_string("url");
  if (!url) return url.error();
  in.url = std::move(*url);
  auto title = f.optional_string("title");
  if (!title) return title.error();
  in.title = std::move(*title);
  if (auto done = f.finish(); !done) return done.error();
  return in;
}

}  // namespace

void SubscriptionsApi::answer(const web::Request& request, const web::Respond& respond,
                              web::Reply reply) {
  add_cors(reply, request, sites_);
  respond(std::move(reply));
}

void SubscriptionsApi::subscribe(web::Request request, web::Respond respond) {
  auto fail = [&](const Error& e) { answer(request, respond, error_reply(e)); };
  if (!enabled_) {
    return fail({Errc::not_found, "this server sends no notifications", {}, "notifications_disabled"});
  }
  auto body = json_body(request);
  if (!body) return fail(body.error());
  auto input = read_subscribe(*body);
  if (!input) return fail(input.error());
  if (auto allowed = check_origin(request, sites_, input->site.value); !allowed) {
    return fail(allowed.error());
  }
  auto draft = subscriptions_.prepare(*input);
  if (!draft) return fail(draft.error());
  auto shared = std::make_shared<const service::SubscribeDraft>(std::move(*draft));
  writer_.submit(
      [this, shared](store::Store& tx) { return subscriptions_.subscribe(tx, *shared); },
      [this, request = std::move(request), respond = std::move(respond)](const Result<void>& done) {
        if (!done) return answer(request, respond, error_reply(done.error()));
        answer(request, respond, web::Reply::json(202, R"({"status":"pending"})"));
      });
}

void SubscriptionsApi::preflight(web::Request request, web::Respond respond) {
  web::Reply reply = web::Reply::empty(204);
  auto origin = request.header("origin");
  if (origin && sites_.allows(*origin)) {
    reply.headers.push_back({"Access-Control-Allow-Methods", "POST"});
    reply.headers.push_back({"Access-Control-Allow-Headers", "Content-Type"});
    reply.headers.push_back({"Access-Control-Max-Age", "600"});
  }
  answer(request, respond, std::move(reply));
}

void SubscriptionsApi::add_routes(web::Router& router) {
  router.add({web::Method::post, "/api/v1/subscriptions",
              [this](web::Request r, web::Respond s) { subscribe(std::move(r), std::move(s)); }, 4096});
  router.add({web::Method::options, "/api/v1/subscriptions",
              [this](web::Request r, web::Respond s) { preflight(std::move(r), std::move(s)); }, 0});
}

}  // namespace sala::api
