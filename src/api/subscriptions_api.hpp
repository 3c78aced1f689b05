#pragma once

#include "api/site_directory.hpp"
#include "service/subscription_service.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::api {

// POST /api/v1/subscriptions: "Notify of" from the widget. Answers 202 once
// the pending subscription (and its confirmation, if one is due) is on disk;
// the answer never says whether the address was known.
class SubscriptionsApi {
 public:
  SubscriptionsApi(store::BatchWriter& writer, service::SubscriptionService& subscriptions,
                   SiteDirectory& sites, bool enabled)
      : writer_(writer), subscriptions_(subscriptions), sites_(sites), enabled_(enabled) {}

  void subscribe(web::Request request, web::Respond respond);
  void preflight(web::Request request, web::Respond respond);
  void add_routes(web::Router& router);

 private:
  void answer(const web::Request& request, const web::Respond& respond, web::Reply reply);

  store::BatchWriter& writer_;
  service::SubscriptionService& subscriptions_;
  SiteDirectory& sites_;
  bool enabled_;
};

}  // namespace sala::api
