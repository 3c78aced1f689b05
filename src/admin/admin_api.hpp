#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "api/live_events.hpp"
#include "api/thread_changes.hpp"
#include "core/clock.hpp"
#include "core/rate_limiter.hpp"
#include "core/work_pool.hpp"
#include "service/account_service.hpp"
#include "service/moderation_service.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::admin {

struct AdminDeps {
  store::Store& store;
  store::BatchWriter& writer;
  WorkPool& reads;
  service::AccountService& accounts;
  service::ModerationService& moderation;
  api::ThreadChanges& changes;
  api::LiveEvents& live;
  const Clock& clock;
};

// Who may call a route.
enum class Access {
  anyone,       // signing in
  staff,        // a live session: reads
  staff_write,  // a live session and its CSRF token, from this server's own pages: changes
};

// A signed-in call: the request, its answer and who is asking.
struct Call {
  web::Request request;
  web::Respond respond;
  service::SessionView who;
};

// The moderation API under /admin/api (JSON; a session cookie and, for
// changes, an X-CSRF-Token header). What each route needs is declared in
// one table (routes()), which add_routes() enforces and the authorization
// tests walk, so a new route cannot skip its check.
class AdminApi {
 public:
  struct Route {
    web::Method method;
    std::string pattern;
    Access access;
    void (AdminApi::*handler)(Call);
    std::size_t body_limit;
  };

  explicit AdminApi(AdminDeps deps);

  static const std::vector<Route>& routes();
  void add_routes(web::Router& router);

  // Handlers (all but sign_in get a signed-in Call).
  void sign_in(web::Request request, web::Respond respond);
  void sign_out(Call call);
  void me(Call call);
  void queue(Call call);
  void judge(Call call);
  void pin(Call call);
  void feature(Call call);
  void close_thread(Call call);
  void thread_settings(Call call);
  void change_thread_settings(Call call);
  void bans(Call call);
  void add_ban(Call call);
  void lift_ban(Call call);
  void settings(Call call);
  void change_settings(Call call);
  void audit(Call call);
  void words(Call call);
  void change_words(Call call);
  // Server-Sent Events: `event: pending` whenever a comment of the site starts waiting.
  void events(Call call);

 private:
  void authorize(const Route& route, web::Request request, web::Respond respond);

  AdminDeps d_;
  RateLimiter sign_in_by_address_;
  RateLimiter sign_in_by_name_;
};

// The session cookie's name: "__Host-sala_session" (Secure) everywhere but
// on a loopback host, where browsers are not on TLS and it is "sala_session".
std::string session_cookie_name(const web::Request& request);

}  // namespace sala::admin
