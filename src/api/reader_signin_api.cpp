#include "api/reader_signin_api.hpp"

#include <memory>

#include <boost/json/serialize.hpp>

#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "core/time.hpp"
#include "json/field_reader.hpp"
#include "service/site_service.hpp"

namespace sala::api {
namespace {

Result<service::SigninRequest> read_ask(const boost::json::object& body) {
  json::FieldReader f(body);
  service::SigninRequest in;
  auto site = f.required_string("site");
  if (!site) return site.error();
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return site_id.error();
  in.site = std::move(*site_id);
  for (auto [field, out] : {std::pair{"email", &in.email}, std::pair{"name", &in.name},
                            std::pair{"page_url", &in.page_url}, std::pair{"binding", &in.binding}}) {
    auto value = f.required_string(field);
    if (!value) return value.error();
    *out = std::move(*value);
  }
  if (auto done = f.finish(); !done) return done.error();
  return in;
}

struct Completion {
  SiteId site;
  std::string code;
  std::string binding;
};

Result<Completion> read_completion(const boost::json::object& body) {
  json::FieldReader f(body);
  auto site = f.required_string("site");
  if (!site) return site.error();
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return site_id.error();
  auto code = f.required_string("code");
  if (!code) return code.error();
  auto binding = f.required_string("binding");
  if (!binding) return binding.error();
  if (auto done = f.finish(); !done) return done.error();
  return Completion{std::move(*site_id), std::move(*code), std::move(*binding)};
}

Error unavailable() {
  return {Errc::not_found, "this server sends no mail, so readers cannot sign in by e-mail", {}, "signin_unavailable"};
}

}  // namespace

void ReaderSigninApi::answer(const web::Request& request, const web::Respond& respond, web::Reply reply) {
  // Tokens and the answers about them are for this reader only.
  reply.headers.push_back({"Cache-Control", "no-store"});
  add_cors(reply, request, d_.sites);
  respond(std::move(reply));
}

void ReaderSigninApi::fail(const web::Request& request, const web::Respond& respond, const Error& error) {
  answer(request, respond, error_reply(error));
}

Result<void> ReaderSigninApi::admit(RateLimiter& limiter, const web::Request& request) {
  if (auto wait = limiter.take(request.client_address, d_.clock.now()); wait > 0) {
    return Error::rate_limited("rate_limited", "too many sign-in requests; try again later", wait);
  }
  return {};
}

void ReaderSigninApi::ask(web::Request request, web::Respond respond) {
  if (!d_.enabled) return fail(request, respond, unavailable());
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  auto input = read_ask(*body);
  if (!input) return fail(request, respond, input.error());
  if (auto allowed = check_origin(request, d_.sites, input->site.value); !allowed) {
    return fail(request, respond, allowed.error());
  }
  if (auto allowed = admit(asks_, request); !allowed) return fail(request, respond, allowed.error());
  d_.reads.submit([this, request = std::move(request), respond = std::move(respond), input = std::move(*input)] {
    auto draft = d_.signins.prepare(d_.store, input);
    if (!draft) return fail(request, respond, draft.error());
    auto shared = std::make_shared<const service::SigninDraft>(std::move(*draft));
    d_.writer.submit([this, shared](store::Store& tx) { return d_.signins.request(tx, *shared); },
                     [this, request, respond](const Result<void>& done) {
                       if (!done) return fail(request, respond, done.error());
                       // The same answer whether a mail went or one had gone a moment ago.
                       answer(request, respond, web::Reply::json(202, R"({"status":"sent"})"));
                     });
  });
}

void ReaderSigninApi::complete(web::Request request, web::Respond respond) {
  if (!d_.enabled) return fail(request, respond, unavailable());
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  auto input = read_completion(*body);
  if (!input) return fail(request, respond, input.error());
  if (auto allowed = check_origin(request, d_.sites, input->site.value); !allowed) {
    return fail(request, respond, allowed.error());
  }
  if (auto allowed = admit(completions_, request); !allowed) return fail(request, respond, allowed.error());
  auto reader = std::make_shared<VerifiedReader>();
  d_.writer.submit(
      [this, input = std::move(*input), reader](store::Store& tx) -> Result<void> {
        auto done = d_.signins.complete(tx, input.site, input.code, input.binding);
        if (!done) return done.error();
        *reader = std::move(*done);
        return {};
      },
      [this, request = std::move(request), respond = std::move(respond), reader](const Result<void>& done) {
        if (!done) return fail(request, respond, done.error());
        // Signed off the writer: the site's key is read (made once) on the top-level store.
        d_.reads.submit([this, request, respond, reader] {
          auto token = d_.signins.token_for(d_.store, *reader);
          if (!token) return fail(request, respond, token.error());
          boost::json::object out{{"token", *token}, {"name", reader->name},
                                  {"expires", format_rfc3339(reader->expires)}};
          answer(request, respond, web::Reply::json(200, boost::json::serialize(out)));
        });
      });
}

void ReaderSigninApi::sign_out(web::Request request, web::Respond respond) {
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  json::FieldReader f(*body);
  auto site = f.required_string("site");
  if (!site) return fail(request, respond, site.error());
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return fail(request, respond, site_id.error());
  if (auto done = f.finish(); !done) return fail(request, respond, done.error());
  if (auto allowed = check_origin(request, d_.sites, site_id->value); !allowed) {
    return fail(request, respond, allowed.error());
  }
  auto token = request.header("sala-reader");
  if (!token || token->empty()) {
    return fail(request, respond, Error::unauthenticated("reader_token_required", "send the token as Sala-Reader"));
  }
  d_.writer.submit(
      [this, site = std::move(*site_id), token = std::string(*token)](store::Store& tx) {
        return d_.tokens.sign_out(tx, site, token);
      },
      [this, request = std::move(request), respond = std::move(respond)](const Result<void>& done) {
        if (!done) return fail(request, respond, done.error());
        answer(request, respond, web::Reply::empty(204));
      });
}

void ReaderSigninApi::preflight(web::Request request, web::Respond respond) {
  web::Reply reply = web::Reply::empty(204);
  auto origin = request.header("origin");
  if (origin && d_.sites.allows(*origin)) {
    reply.headers.push_back({"Access-Control-Allow-Methods", "POST"});
    reply.headers.push_back({"Access-Control-Allow-Headers", "Content-Type, Sala-Reader"});
    reply.headers.push_back({"Access-Control-Max-Age", "600"});
  }
  answer(request, respond, std::move(reply));
}

void ReaderSigninApi::add_routes(web::Router& router) {
  using web::Method;
  auto bind = [this](void (ReaderSigninApi::*handler)(web::Request, web::Respond)) {
    return [this, handler](web::Request request, web::Respond respond) {
      (this->*handler)(std::move(request), std::move(respond));
    };
  };
  const std::string base = "/api/v1/readers";
  router.add({Method::post, base + "/signin", bind(&ReaderSigninApi::ask), 4096});
  router.add({Method::post, base + "/signin/complete", bind(&ReaderSigninApi::complete), 1024});
  router.add({Method::post, base + "/signout", bind(&ReaderSigninApi::sign_out), 1024});
  for (const char* path : {"/signin", "/signin/complete", "/signout"}) {
    router.add({Method::options, base + path, bind(&ReaderSigninApi::preflight), 0});
  }
}

}  // namespace sala::api
