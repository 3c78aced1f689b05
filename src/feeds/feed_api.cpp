#include "feeds/feed_api.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "core/parse_int.hpp"
#include "feeds/atom.hpp"
#include "service/site_service.hpp"

namespace sala::feeds {
namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 100;

std::string query_encode(std::string_view s) {
  return boost::urls::encode(s, boost::urls::unreserved_chars);
}

// "https://comments.example:8443" -> "comments.example"
std::string host_of(std::string_view url) {
  auto start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  auto end = url.find_first_of(":/", start);
  std::string_view host = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  return host.empty() ? "localhost" : std::string(host);
}

}  // namespace

void FeedApi::feed(web::Request request, web::Respond respond) {
  auto fail = [&](const Error& e) { respond(api::error_reply(e)); };
  auto site = api::required_query(request, "site");
  if (!site) return fail(site.error());
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return fail(site_id.error());
  std::optional<std::string> thread;
  if (auto t = request.query_param("thread")) {
    if (t->empty()) return fail(Error::invalid("thread_required", "thread= must not be empty"));
    thread = std::string(*t);
  }
  int limit = kDefaultLimit;
  if (auto l = request.query_param("limit")) {
    auto parsed = parse_decimal(*l, 1, kMaxLimit);
    if (!parsed) return fail(Error::invalid("invalid_limit", "limit must be between 1 and 100"));
    limit = static_cast<int>(*parsed);
  }
  if (!sites_.has(site_id->value)) return fail(Error::not_found("site '" + site_id->value + "'"));

  reads_.submit([this, respond = std::move(respond), site_id = *site_id, thread, limit]() {
    store::Store& source = store_.reads_of({site_id, thread ? std::vector{*thread} : std::vector<std::string>{}});
    auto entries = source.feeds().recent(site_id, thread, limit);
    if (!entries) return respond(api::error_reply(entries.error()));
    std::string self = public_url_ + "/api/v1/feed.atom?site=" + query_encode(site_id.value);
    FeedHead head;
    head.now = clock_.now();
    if (thread) {
      self += "&thread=" + query_encode(*thread);
      auto found = source.threads().find(site_id, *thread);
      if (!found) return respond(api::error_reply(found.error()));
      const std::string title = *found && !(*found)->title.empty() ? (*found)->title : *thread;
      head.title = "Comments on " + title;
      if (*found) head.alternate_url = (*found)->url;
    } else {
      head.title = "Comments on " + site_id.value;
    }
    head.id = self;
    head.self_url = self;
    // tag: URIs (RFC 4151) never change when the server moves or the thread is renamed.
    const std::string prefix = "tag:" + host_of(public_url_) + ",2026:" + site_id.value + "/comment/";
    web::Reply reply;
    reply.status = 200;
    reply.body = atom_feed(head, prefix, *entries);
    reply.headers.push_back({"Content-Type", "application/atom+xml; charset=utf-8"});
    reply.headers.push_back({"Cache-Control", "public, max-age=60"});
    respond(std::move(reply));
  });
}

void FeedApi::add_routes(web::Router& router) {
  router.add({web::Method::get, "/api/v1/feed.atom", [this](web::Request request, web::Respond respond) {
                feed(std::move(request), std::move(respond));
              }});
}

}  // namespace sala::feeds
