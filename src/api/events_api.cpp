#include "api/events_api.hpp"

#include <chrono>
#include <limits>
#include <memory>

#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "api/thread_changes.hpp"
#include "core/parse_int.hpp"
#include "service/post_validation.hpp"
#include "service/site_service.hpp"

namespace sala::api {
namespace {

constexpr std::size_t kMaxPendingBytes = 256 * 1024;

web::StreamBody::Options stream_options() {
  return {.heartbeat = std::chrono::seconds(25),
          .heartbeat_bytes = ": ping\n\n",
          .max_pending = kMaxPendingBytes};
}

// The id of the last event the browser saw, sent back by EventSource when
// it reconnects. Anything else there is ignored, not refused: the stream is
// still worth opening.
std::optional<std::int64_t> last_event_id(const web::Request& request) {
  auto header = request.header("last-event-id");
  if (!header) return std::nullopt;
  auto id = parse_decimal(*header, 1, std::numeric_limits<std::int64_t>::max());
  if (!id) return std::nullopt;
  return *id;
}

}  // namespace

void EventsApi::add_routes(web::Router& router) {
  router.add({web::Method::get, "/api/v1/events",
              [this](web::Request request, web::Respond respond) {
                open(std::move(request), std::move(respond));
              },
              0});
}

void EventsApi::open(web::Request request, web::Respond respond) {
  auto fail = [&](const Error& error) {
    web::Reply reply = error_reply(error);
    add_cors(reply, request, sites_);
    respond(std::move(reply));
  };
  auto site = required_query(request, "site");
  if (!site) return fail(site.error());
  auto thread = required_query(request, "thread");
  if (!thread) return fail(thread.error());
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return fail(site_id.error());
  auto key = service::clean_thread_key(*thread);
  if (!key) return fail(key.error());
  // A thread need not exist yet: its first comment is worth seeing live.
  if (!sites_.has(site_id->value)) return fail(Error::not_found("site"));

  const std::string address = request.client_address;
  if (!admit(address)) {
    web::Reply reply = web::Reply::error(429, "too_many_streams",
                                         "too many live-update connections are open; try again later");
    reply.headers.push_back({"Retry-After", "30"});
    add_cors(reply, request, sites_);
    return respond(std::move(reply));
  }

  auto body = std::make_shared<web::StreamBody>(stream_options());
  // Browsers wait this long before reconnecting after the stream ends.
  body->push("retry: 5000\n\n");
  std::weak_ptr<web::StreamBody> weak = body;
  auto subscription = std::make_shared<EventHub::Subscription>(live_.subscribe(
      ThreadChanges::topic(site_id->value, *key), last_event_id(request),
      [weak](const EventHub::Message& frame) {
        if (auto stream = weak.lock()) stream->push(*frame);
      }));
  body->on_end([this, subscription, address] {
    subscription->reset();
    release(address);
  });

  web::Reply reply;
  reply.status = 200;
  reply.headers = {{"Content-Type", "text/event-stream; charset=utf-8"},
                   {"Cache-Control", "no-store"},
                   // Reverse proxies that buffer responses would hold events back.
                   {"X-Accel-Buffering", "no"}};
  reply.stream = std::move(body);
  add_cors(reply, request, sites_);
  respond(std::move(reply));
}

bool EventsApi::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto& mine = open_by_address_[address];
  if (open_ >= limits_.max_streams || mine >= limits_.max_streams_per_address) {
    if (mine == 0) open_by_address_.erase(address);
    return false;
  }
  ++open_;
  ++mine;
  return true;
}

void EventsApi::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --open_;
  auto it = open_by_address_.find(address);
  if (it != open_by_address_.end() && --it->second == 0) open_by_address_.erase(it);
}

}  // namespace sala::api
