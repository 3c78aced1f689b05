#pragma once

#include <string>

#include "api/site_directory.hpp"
#include "core/clock.hpp"
#include "core/work_pool.hpp"
#include "store/store.hpp"
#include "web/router.hpp"

namespace sala::feeds {

// GET /api/v1/feed.atom?site=S[&thread=T][&limit=N]: the newest approved
// comments of a site or a thread as Atom. Reads run on the read pool.
class FeedApi {
 public:
  // `public_url` is read on every request; it must be set before the server runs.
  FeedApi(store::Store& store, WorkPool& reads, api::SiteDirectory& sites, const Clock& clock,
          const std::string& public_url)
      : store_(store), reads_(reads), sites_(sites), clock_(clock), public_url_(public_url) {}

  void feed(web::Request request, web::Respond respond);
  void add_routes(web::Router& router);

 private:
  store::Store& store_;
  WorkPool& reads_;
  api::SiteDirectory& sites_;
  const Clock& clock_;
  const std::string& public_url_;
};

}  // namespace sala::feeds
