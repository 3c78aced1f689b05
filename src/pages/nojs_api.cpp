#include "pages/nojs_api.hpp"

#include <limits>
#include <map>

#include <boost/url/parse_query.hpp>

#include "api/error_reply.hpp"
#include "core/parse_int.hpp"
#include "pages/thread_page.hpp"
#include "service/honeypot.hpp"
#include "service/site_service.hpp"
#include "store/write_job.hpp"

namespace sala::pages {

// Everything one rendering of the page needs besides the thread itself.
struct NoJsThread::Shown {
  service::PageRequest page;
  FormState form;
  std::string notice;
  int status = 200;
};

namespace {

constexpr auto kTokenLifetime = std::chrono::hours(2);
constexpr auto kMaxId = std::numeric_limits<std::int64_t>::max();

constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

web::Reply html_reply(int status, std::string body) {
  web::Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers = {{"Content-Type", "text/html; charset=utf-8"},
                   {"Content-Security-Policy", kPagePolicy},
                   {"Cache-Control", "no-store"},
                   {"X-Frame-Options", "DENY"}};
  return reply;
}

// A form body: name=value pairs, percent-decoded once; a repeated name is refused.
Result<std::map<std::string, std::string>> form_fields(const web::Request& request) {
  auto type = request.header("content-type");
  if (!type || type->substr(0, 33) != "application/x-www-form-urlencoded") {
    return Error{Errc::unsupported_media, "send the form as application/x-www-form-urlencoded", {},
                 "unsupported_media_type"};
  }
  auto params = boost::urls::parse_query(request.body);
  if (!params) return Error::invalid("invalid_form", "the form data could not be read");
  std::map<std::string, std::string> out;
  for (auto param : *params) {
    const boost::urls::encoding_opts form_encoding(/*space_as_plus=*/true);
    std::string key = param.key.decode(form_encoding);
    std::string value = param.has_value ? param.value.decode(form_encoding) : std::string();
    if (!out.emplace(std::move(key), std::move(value)).second) {
      return Error::invalid("duplicate_field", "a form field was sent twice");
    }
  }
  return out;
}

std::string field(const std::map<std::string, std::string>& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

}  // namespace

void NoJsThread::render(web::Request request, web::Respond respond, std::shared_ptr<Shown> shown) {
  auto reader = d_.identity.fingerprint(d_.store, request.client_address);
  if (!reader) return respond(api::error_reply(reader.error()));
  shown->form.token = tokens_.issue({shown->page.site.value, shown->page.thread_key, *reader},
                                    d_.clock.now() + kTokenLifetime);
  d_.reads.submit([this, respond = std::move(respond), shown] {
    auto view = d_.reader.page(d_.store, shown->page);
    if (!view) {
      const Error& e = view.error();
      return respond(html_reply(api::http_status(e.code), "<!doctype html><title>Comments</title><p>" +
                                                              std::string(e.wire_code()) + "</p>"));
    }
    if (shown->form.parent && shown->form.parent_author.empty()) {
      auto parent = d_.store.comments().get(*shown->form.parent);
      if (parent && *parent && (*parent)->thread == view->thread.id &&
          (*parent)->state == CommentState::approved) {
        shown->form.parent_author = (*parent)->author_name;
      } else {
        shown->form.parent.reset();
      }
    }
    ThreadPageModel model{&*view, shown->page.site.value, shown->page.sort, shown->notice, shown->form};
    respond(html_reply(shown->status, render_thread_page(model)));
  });
}

void NoJsThread::show(web::Request request, web::Respond respond) {
  auto shown = std::make_shared<Shown>();
  auto site = service::parse_site_id(request.query_param("site").value_or(""));
  auto thread = request.query_param("thread");
  if (!site || !thread || thread->empty()) {
    return respond(html_reply(400, "<!doctype html><title>Comments</title><p>Which thread? Add site= and thread=.</p>"));
  }
  shown->page = {*site, std::string(*thread), Sort::newest, std::nullopt, std::nullopt};
  if (auto sort = request.query_param("sort")) shown->page.sort = parse_sort(*sort).value_or(Sort::newest);
  if (auto after = request.query_param("after")) {
    shown->page.after = decode_cursor(*after);
    if (shown->page.after && shown->page.after->sort != shown->page.sort) shown->page.after.reset();
  }
  if (auto reply = request.query_param("reply")) {
    if (auto id = parse_decimal(*reply, 1, kMaxId)) shown->form.parent = CommentId{*id};
  }
  if (request.query_param("posted") == "pending") shown->notice = "Your comment is awaiting moderation.";
  render(std::move(request), std::move(respond), std::move(shown));
}

void NoJsThread::post(web::Request request, web::Respond respond) {
  auto fields = form_fields(request);
  if (!fields) return respond(api::error_reply(fields.error()));
  auto shown = std::make_shared<Shown>();
  auto site = service::parse_site_id(field(*fields, "site"));
  if (!site) return respond(api::error_reply(site.error()));
  shown->page = {*site, field(*fields, "thread"), Sort::newest, std::nullopt, std::nullopt};
  shown->form.author = field(*fields, "author");
  shown->form.body = field(*fields, "body");
  if (auto parent = parse_decimal(field(*fields, "parent"), 1, kMaxId)) {
    shown->form.parent = CommentId{*parent};
  }
  // Any refusal shows the page again with the reader's text in the form.
  auto refuse = [this, shown](web::Request req, web::Respond resp, const Error& error) {
    shown->form.error = error.message;
    shown->status = api::http_status(error.code);
    render(std::move(req), std::move(resp), shown);
  };

  auto reader = d_.identity.fingerprint(d_.store, request.client_address);
  if (!reader) return respond(api::error_reply(reader.error()));
  auto valid = tokens_.verify({site->value, shown->page.thread_key, *reader}, field(*fields, "token"),
                              d_.clock.now());
  if (!valid) return refuse(std::move(request), std::move(respond), valid.error());

  if (auto allowed = d_.throttle.admit(*reader, *site, shown->page.thread_key, d_.clock.now()); !allowed) {
    return refuse(std::move(request), std::move(respond), allowed.error());
  }
  service::PostInput input;
  input.fingerprint = *reader;
  input.site = *site;
  input.thread_key = shown->page.thread_key;
  input.parent = shown->form.parent;
  input.author = shown->form.author;
  input.body = shown->form.body;
  input.honeypot = field(*fields, std::string(service::kHoneypotField).c_str());
  auto draft = d_.comments.prepare_post(d_.store, input);
  if (!draft) return refuse(std::move(request), std::move(respond), draft.error());
  if (draft->is_honeypot) {
    // What a held comment gets, and nothing stored.
    web::Reply reply = web::Reply::empty(303);
    reply.headers.push_back({"Location", thread_page_link(site->value, shown->page.thread_key) + "&posted=pending"});
    return respond(std::move(reply));
  }

  auto shared_draft = std::make_shared<const service::PostDraft>(std::move(*draft));
  store::submit_write<service::Posted>(
      d_.writer, [this, shared_draft](store::Store& tx) { return d_.comments.commit_post(tx, *shared_draft); },
      [this, refuse, request = std::move(request), respond = std::move(respond)](
          const Result<service::Posted>& done) mutable {
        if (!done) return refuse(std::move(request), std::move(respond), done.error());
        const service::Posted& posted = *done;
        d_.changes.comment_posted(posted.comment, posted.thread);
        const bool is_pending = posted.comment.state == CommentState::pending;
        std::string location = thread_page_link(posted.thread.site.value, posted.thread.key);
        if (is_pending) location += "&posted=pending";
        location += "#c" + std::to_string(posted.comment.id.value);
        web::Reply reply = web::Reply::empty(303);
        reply.headers.push_back({"Location", location});
        respond(std::move(reply));
      });
}

void NoJsThread::add_routes(web::Router& router, std::size_t max_body_bytes) {
  router.add({web::Method::get, "/thread", [this](web::Request request, web::Respond respond) {
                show(std::move(request), std::move(respond));
              }});
  router.add({web::Method::post, "/thread/comment",
              [this](web::Request request, web::Respond respond) {
                post(std::move(request), std::move(respond));
              },
              max_body_bytes});
}

}  // namespace sala::pages
