#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/site_directory.hpp"
#include "core/clock.hpp"
#include "core/work_pool.hpp"
#include "service/thread_reader.hpp"
#include "web/router.hpp"

namespace sala::api {

// GET /api/v1/popular: the "most discussed" list for "Continue reading".
// Every article page may ask for it, and a minute-old list is as good as a
// fresh one, so answers are kept for `ttl` instead of being invalidated.
class PopularApi {
 public:
  PopularApi(store::Store& store, WorkPool& reads, service::ThreadReader& reader,
             SiteDirectory& sites, const Clock& clock,
             std::chrono::milliseconds ttl = std::chrono::seconds(60))
      : store_(store), reads_(reads), reader_(reader), sites_(sites), clock_(clock), ttl_(ttl) {}

  void popular(web::Request request, web::Respond respond);
  void add_routes(web::Router& router);

 private:
  struct Cached {
    std::shared_ptr<const std::string> body;
    Timestamp expires;
  };

  store::Store& store_;
  WorkPool& reads_;
  service::ThreadReader& reader_;
  SiteDirectory& sites_;
  const Clock& clock_;
  const std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;
};

}  // namespace sala::api
