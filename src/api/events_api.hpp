#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api/live_events.hpp"
#include "api/site_directory.hpp"
#include "web/router.hpp"

namespace sala::api {

struct EventsApiLimits {
  std::size_t max_streams = 10'000;        // open at once, in all
  std::size_t max_streams_per_address = 64;  // an office or school behind one address shares this
};

// GET /api/v1/events?site=S&thread=T: the new comments of a thread as
// Server-Sent Events (`event: comment`, the comment's JSON as `data`), with
// a `: ping` every 25 s and replay after Last-Event-ID.
class EventsApi {
 public:
  EventsApi(LiveEvents& live, SiteDirectory& sites, EventsApiLimits limits = {})
      : live_(live), sites_(sites), limits_(limits) {}

  void open(web::Request request, web::Respond respond);
  void add_routes(web::Router& router);

 private:
  // Counts a stream against the limits; false when one is reached.
  bool admit(const std::string& address);
  void release(const std::string& address);

  LiveEvents& live_;
  SiteDirectory& sites_;
  const EventsApiLimits limits_;
  std::mutex mutex_;
  std::size_t open_ = 0;
  std::unordered_map<std::string, std::size_t> open_by_address_;
};

}  // namespace sala::api
