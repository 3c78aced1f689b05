#pragma once

#include "api/thread_changes.hpp"
#include "core/clock.hpp"
#include "core/rate_limiter.hpp"
#include "core/work_pool.hpp"
#include "service/reader_data_service.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::pages {

// A reader's own data, by a link mailed to their address. Like the
// subscription pages, a GET only shows buttons and a POST acts.
//
//   GET|POST /api/v1/reader-data                  ask for the link (form field `email`)
//   GET|POST /api/v1/reader-data/access?token=    download (action=download) or erase (action=erase)
class ReaderDataPages {
 public:
  ReaderDataPages(store::Store& store, store::BatchWriter& writer, WorkPool& reads,
                  service::ReaderDataService& data, api::ThreadChanges& changes, const Clock& clock,
                  bool enabled)
      : store_(store), writer_(writer), reads_(reads), data_(data), changes_(changes), clock_(clock),
        enabled_(enabled) {}

  void add_routes(web::Router& router);

 private:
  void ask_form(web::Request request, web::Respond respond);
  void ask(web::Request request, web::Respond respond);
  void choices(web::Request request, web::Respond respond);
  void act(web::Request request, web::Respond respond);
  void download(std::string token, web::Respond respond);
  void erase(std::string token, web::Respond respond);

  store::Store& store_;
  store::BatchWriter& writer_;
  WorkPool& reads_;
  service::ReaderDataService& data_;
  api::ThreadChanges& changes_;
  const Clock& clock_;
  bool enabled_;
  // Per client address, in memory only: a few requests an hour. The
  // one-mail-per-address rule is the store's.
  RateLimiter asks_{5, std::chrono::hours(1)};
};

}  // namespace sala::pages
