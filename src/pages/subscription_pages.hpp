#pragma once

#include "core/work_pool.hpp"
#include "service/subscription_service.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::pages {

// The pages a notification mail links to. Each is reached with an opaque
// token in the query (never an address), shows a button, and acts only on
// POST: mail scanners that fetch every link cannot confirm or end anything.
// POST /api/v1/unsubscribe?token= is also the RFC 8058 one-click target.
//
//   GET|POST /api/v1/subscriptions/confirm?token=   confirm what the mail listed
//   GET|POST /api/v1/unsubscribe?token=             end one subscription
//   GET|POST /api/v1/subscriptions/manage?token=    see and end all of one's subscriptions
class SubscriptionPages {
 public:
  SubscriptionPages(store::Store& store, store::BatchWriter& writer, WorkPool& reads,
                    service::SubscriptionService& subscriptions)
      : store_(store), writer_(writer), reads_(reads), subscriptions_(subscriptions) {}

  void add_routes(web::Router& router);

 private:
  void confirm_form(web::Request request, web::Respond respond);
  void confirm(web::Request request, web::Respond respond);
  void unsubscribe_form(web::Request request, web::Respond respond);
  void unsubscribe(web::Request request, web::Respond respond);
  void manage(web::Request request, web::Respond respond);
  // The manage page's forms: end one or all, or change how one is delivered.
  void manage_end(web::Request request, web::Respond respond);
  void set_delivery(web::Request request, const std::string& field, web::Respond respond);
  // Renders the subscription list for `token` with `notice` above it.
  void show_list(std::string token, std::string notice, web::Respond respond);

  store::Store& store_;
  store::BatchWriter& writer_;
  WorkPool& reads_;
  service::SubscriptionService& subscriptions_;
};

}  // namespace sala::pages
