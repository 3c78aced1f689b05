#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <spdlog/spdlog.h>

#include "admin/admin_api.hpp"
#include "admin/admin_page.hpp"
#include "api/comments_api.hpp"
#include "api/events_api.hpp"
#include "api/popular_api.hpp"
#include "api/reader_signin_api.hpp"
#include "api/subscriptions_api.hpp"
#include "api/thread_changes.hpp"
#include "core/event_hub.hpp"
#include "pages/nojs_api.hpp"
#include "app/app.hpp"
#include "crypto/crypto.hpp"
#include "demo/demo_page.hpp"
#include "feeds/feed_api.hpp"
#include "notify/mail_worker.hpp"
#include "notify/reader_data_mailer.hpp"
#include "notify/signin_mailer.hpp"
#include "pages/reader_data_pages.hpp"
#include "service/reader_data_service.hpp"
#include "pages/subscription_pages.hpp"
#include "web/server.hpp"
#include "widget_assets/widget_assets.hpp"

namespace sala::app {
namespace {

std::string http_origin(const std::string& host, std::uint16_t port) {
  const bool is_v6 = host.find(':') != std::string::npos;
  return "http://" + (is_v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// The origins a browser uses for this server: the listen address, plus
// localhost for a loopback one.
std::vector<std::string> local_origins(const std::string& host, std::uint16_t port) {
  std::vector<std::string> out{http_origin(host, port)};
  if (host == "127.0.0.1" || host == "::1") out.push_back(http_origin("localhost", port));
  if (host == "0.0.0.0" || host == "::") {
    out = {http_origin("127.0.0.1", port), http_origin("localhost", port)};
  }
  return out;
}

web::ServerOptions server_options(const config::Options& o, const config::ListenAddress& at) {
  web::ServerOptions s;
  s.host = at.host;
  s.port = at.port;
  s.io_threads = o.io_threads;
  s.header_timeout = o.header_timeout;
  s.idle_timeout = o.idle_timeout;
  s.shutdown_grace = o.shutdown_grace;
  s.trusted_proxies = o.trusted_proxies;
  s.default_headers = {{"X-Content-Type-Options", "nosniff"},
                       {"Referrer-Policy", "no-referrer"},
                       {"Cross-Origin-Resource-Policy", "cross-origin"}};
  return s;
}

// Every open live-update stream holds a socket, and the usual soft limit of
// 1024 descriptors would turn readers away long before memory runs short.
// Returns how many live streams fit, keeping room for ordinary requests and
// the database's own files.
std::size_t raise_open_file_limit() {
  constexpr rlim_t kReserve = 256;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 512;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  const rlim_t usable = std::min<rlim_t>(limit.rlim_cur, 1'000'000);
  return usable > 2 * kReserve ? static_cast<std::size_t>(usable - kReserve)
                               : static_cast<std::size_t>(usable / 2);
}

void add_health_route(web::Router& router, store::Store& store, WorkPool& reads) {
  router.add({web::Method::get, "/healthz", [&store, &reads](web::Request, web::Respond respond) {
                reads.submit([&store, respond = std::move(respond)] {
                  auto sites = store.sites().list();
                  respond(sites ? web::Reply::json(200, R"({"status":"ok"})")
                                : web::Reply::error(503, "unavailable", "the database does not answer"));
                });
              }});
}

notify::Settings mail_settings(const config::Options& o) {
  const config::MailOptions& m = o.mail;
  notify::Settings s;
  s.smtp_url = m.smtp_url;
  s.smtp_username = m.smtp_username;
  s.smtp_password = m.smtp_password;
  s.tls = m.smtp_tls == "none"       ? notify::SmtpTls::none
          : m.smtp_tls == "required" ? notify::SmtpTls::required
                                     : notify::SmtpTls::opportunistic;
  s.smtp_timeout = m.smtp_timeout;
  s.from_address = m.from;
  s.from_name = m.from_name;
  s.public_url = m.public_url;
  s.minimal = m.minimal;
  s.recipient_hourly_cap = static_cast<int>(m.recipient_hourly_cap);
  s.site_daily_cap = static_cast<int>(m.site_daily_cap);
  s.retry_initial = m.retry_initial;
  s.retry_max = m.retry_max;
  s.max_attempts = static_cast<int>(m.max_attempts);
  s.poll = m.poll;
  s.moderator_interval = m.moderator_interval;
  for (const auto& site : o.sites) {
    if (!site.moderators.empty()) s.moderators[site.id] = site.moderators;
  }
  return s;
}

}  // namespace

Result<void> serve(const config::Options& options, const ServeFlags& flags) {
  if (auto ready = crypto::init(); !ready) return ready.error();
  auto listen = config::parse_listen(options.listen);
  if (!listen) return listen.error();
  auto store = open_database(options);
  if (!store) return store.error();
  SystemClock clock;
  if (auto applied = apply_sites(**store, clock, options); !applied) return applied.error();

  service::CommentPolicy policy;
  policy.edit_window = options.edit_window;
  service::ReaderIdentity identity(clock);
  notify::Settings mail = mail_settings(options);
  if (mail.enabled()) {
    if (auto ready = notify::init_curl(); !ready) return ready.error();
  }
  service::NotifyOutbox outbox(clock, mail.enabled());
  service::SubscriptionService subscriptions(clock);
  service::CommentService comments(clock, identity, policy, &outbox, &subscriptions);
  service::ThreadReader reader(policy);
  service::VoteService votes(clock);
  store::BatchWriter writer(**store);
  WorkPool reads(options.read_threads);
  api::ThreadCache cache;
  EventHub events;
  api::LiveEvents live(events);
  api::ThreadChanges changes(cache, live);
  // Other instances on the same database tell us what they changed.
  auto feed = (*store)->watch(
      {[&changes, &store = **store](const store::ThreadChange& c) { changes.remote_change(store, c); },
       [&changes] { changes.all_changed(); }});
  if (!feed) return feed.error();
  api::SiteDirectory sites(**store, clock);
  service::PostThrottle throttle({options.reader_post_burst, options.reader_posts_per_hour,
                                  options.thread_posts_per_minute, options.posts_per_minute});
  service::ReaderTokens reader_tokens(clock);
  service::PostChallenges challenges(clock, throttle);
  api::CommentsApi comments_api({**store, writer, reads, comments, reader, votes, identity, cache, changes, sites,
                                 throttle, clock, reader_tokens, challenges, mail.enabled()});
  auto form_key = (*store)->secrets().get_or_put("form", crypto::random_bytes(32), clock.now());
  if (!form_key) return form_key.error();
  pages::NoJsThread nojs({**store, writer, reads, comments, reader, identity, changes, throttle, clock},
                         *form_key);
  service::AccountService accounts(clock);
  service::ModerationService moderation(clock, &outbox);
  admin::AdminApi admin_api({**store, writer, reads, accounts, moderation, changes, live, clock});

  api::PopularApi popular_api(**store, reads, reader, sites, clock);
  const std::size_t max_streams = raise_open_file_limit();
  spdlog::info("up to {} live-update streams at once", max_streams);
  api::EventsApi events_api(live, sites, {.max_streams = max_streams});

  api::SubscriptionsApi subscriptions_api(writer, subscriptions, sites, mail.enabled());
  notify::SigninMailer signin_mailer(clock, mail);
  service::ReaderSignins signins(clock, reader_tokens, std::cref(signin_mailer));
  api::ReaderSigninApi signin_api({**store, writer, reads, signins, reader_tokens, sites, clock, mail.enabled()});
  service::ReaderDataPolicy data_policy;
  for (const auto& site : options.sites) {
    data_policy.site_erasure[site.id] = parse_erasure_mode(site.erase).value_or(ErasureMode::anonymise);
  }
  notify::ReaderDataMailer data_mailer(clock, mail, data_policy.link_lifetime);
  service::ReaderDataService reader_data(
      clock, data_policy, std::cref(data_mailer),
      [&signins](store::Store& from, std::string_view email) { return signins.known_account_of(from, email); });
  pages::ReaderDataPages reader_data_pages(**store, writer, reads, reader_data, changes, clock, mail.enabled());
  pages::SubscriptionPages subscription_pages(**store, writer, reads, subscriptions);
  // Links in feeds and mails start here; without mail.public_url, at the
  // listen address (known once the port is bound, before any request).
  std::string public_url = mail.public_url;
  feeds::FeedApi feed_api(**store, reads, sites, clock, public_url);

  web::Router router;
  comments_api.add_routes(router, options.max_body_bytes);
  popular_api.add_routes(router);
  events_api.add_routes(router);
  subscriptions_api.add_routes(router);
  subscription_pages.add_routes(router);
  reader_data_pages.add_routes(router);
  signin_api.add_routes(router);
  feed_api.add_routes(router);
  admin_api.add_routes(router);
  admin::add_page_routes(router);
  nojs.add_routes(router, options.max_body_bytes);
  widget_assets::add_routes(router);
  add_health_route(router, **store, reads);
  if (flags.demo) demo::add_routes(router);

  web::Server server(server_options(options, *listen), router);
  if (auto started = server.start(); !started) return started.error();
  const std::uint16_t port = server.port();
  if (flags.demo) {
    auto prepared = demo::prepare_site(**store, clock, identity, local_origins(listen->host, port));
    if (!prepared) return prepared.error();
    sites.refresh();
  }
  const std::string base = http_origin(listen->host, port);
  if (public_url.empty()) {
    public_url = base;
    mail.public_url = base;
  }
  std::optional<notify::MailWorker> mail_worker;
  if (mail.enabled()) {
    mail_worker.emplace(**store, clock, mail);
    mail_worker->start();
    spdlog::info("notification mail goes through {}", mail.smtp_url);
  }
  spdlog::info("Sala listening on {}{}", base, flags.demo ? " (demo article at /)" : "");
  if (!flags.ready_file.empty()) {
    // Written whole, then renamed: whoever waits for it never reads half a line.
    const std::string partial = flags.ready_file + ".partial";
    std::ofstream(partial) << base << "\n";
    std::rename(partial.c_str(), flags.ready_file.c_str());
  }
  server.install_signal_handlers();
  server.run();
  feed->reset();  // its handlers use the cache and the live events
  writer.stop();
  // After the writer: its last commits may have queued events.
  if (mail_worker) mail_worker->stop();
  spdlog::info("Sala stopped");
  return {};
}

}  // namespace sala::app
