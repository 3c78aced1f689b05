#include "admin/admin_api.hpp"

#include <chrono>
#include <limits>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "admin/admin_json.hpp"
#include "admin/admin_request.hpp"
#include "admin/session_cookie.hpp"
#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "core/parse_int.hpp"
#include "crypto/crypto.hpp"
#include "json/field_reader.hpp"
#include "service/site_service.hpp"
#include "store/write_job.hpp"

namespace sala::admin {
namespace {

namespace bj = boost::json;
using web::Method;
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

}  // namespace

AdminApi::AdminApi(AdminDeps deps)
    : d_(deps),
      // Guessing passwords: ten tries at once, then one a minute, per address and per name.
      sign_in_by_address_(10, std::chrono::minutes(10)),
      sign_in_by_name_(10, std::chrono::minutes(10)) {}

const std::vector<AdminApi::Route>& AdminApi::routes() {
  static const std::vector<Route> kRoutes{
      {Method::post, "/admin/api/session", Access::anyone, nullptr, 4096},
      {Method::del, "/admin/api/session", Access::staff_write, &AdminApi::sign_out, 0},
      {Method::get, "/admin/api/me", Access::staff, &AdminApi::me, 0},
      {Method::get, "/admin/api/queue", Access::staff, &AdminApi::queue, 0},
      {Method::post, "/admin/api/comments/{id}/judge", Access::staff_write, &AdminApi::judge, 4096},
      {Method::post, "/admin/api/comments/{id}/pin", Access::staff_write, &AdminApi::pin, 4096},
      {Method::post, "/admin/api/comments/{id}/feature", Access::staff_write, &AdminApi::feature, 4096},
      {Method::post, "/admin/api/threads/close", Access::staff_write, &AdminApi::close_thread, 8192},
      {Method::get, "/admin/api/threads/settings", Access::staff, &AdminApi::thread_settings, 0},
      {Method::put, "/admin/api/threads/settings", Access::staff_write, &AdminApi::change_thread_settings, 8192},
      {Method::get, "/admin/api/bans", Access::staff, &AdminApi::bans, 0},
      {Method::post, "/admin/api/bans", Access::staff_write, &AdminApi::add_ban, 4096},
      {Method::post, "/admin/api/bans/{id}/lift", Access::staff_write, &AdminApi::lift_ban, 4096},
      {Method::get, "/admin/api/settings", Access::staff, &AdminApi::settings, 0},
      {Method::put, "/admin/api/settings", Access::staff_write, &AdminApi::change_settings, 4096},
      {Method::get, "/admin/api/words", Access::staff, &AdminApi::words, 0},
      {Method::put, "/admin/api/words", Access::staff_write, &AdminApi::change_words, 256 * 1024},
      {Method::get, "/admin/api/audit", Access::staff, &AdminApi::audit, 0},
      {Method::get, "/admin/api/events", Access::staff, &AdminApi::events, 0},
  };
  return kRoutes;
}

void AdminApi::add_routes(web::Router& router) {
  for (const Route& route : routes()) {
    router.add({route.method, route.pattern,
                [this, &route](web::Request request, web::Respond respond) {
                  if (route.access == Access::anyone) return sign_in(std::move(request), std::move(respond));
                  authorize(route, std::move(request), std::move(respond));
                },
                route.body_limit});
  }
}

void AdminApi::authorize(const Route& route, web::Request request, web::Respond respond) {
  const auto token = cookie_value(request, session_cookie_name(request));
  if (!token) return fail(respond, Error::unauthenticated("sign_in_required", "please sign in"));
  if (route.access == Access::staff_write && !is_same_origin(request)) {
    return fail(respond, Error::forbidden("origin_not_allowed", "changes come from this server's own pages only"));
  }
  d_.reads.submit([this, &route, token = *token, request = std::move(request),
                   respond = std::move(respond)]() mutable {
    auto view = d_.accounts.session(d_.store, token);
    if (!view) return fail(respond, view.error());
    if (!*view) return fail(respond, Error::unauthenticated("sign_in_required", "please sign in"));
    if (route.access == Access::staff_write) {
      const auto sent = request.header("x-csrf-token").value_or("");
      if (!crypto::equal_constant_time(sent, (*view)->session.csrf_token)) {
        return fail(respond, Error::forbidden("csrf_failed", "this change lacks a valid X-CSRF-Token"));
      }
    }
    (this->*route.handler)(Call{std::move(request), std::move(respond), std::move(**view)});
  });
}

void AdminApi::sign_in(web::Request request, web::Respond respond) {
  auto body = api::json_body(request);
  if (!body) return fail(respond, body.error());
  json::FieldReader f(*body);
  auto name = f.required_string("name");
  if (!name) return fail(respond, name.error());
  auto password = f.required_string("password");
  if (!password) return fail(respond, password.error());
  if (auto done = f.finish(); !done) return fail(respond, done.error());
  const Timestamp now = d_.clock.now();
  for (auto [limiter, key] : {std::pair{&sign_in_by_address_, request.client_address},
                              std::pair{&sign_in_by_name_, *name}}) {
    if (auto wait = limiter->take(key, now)) {
      return fail(respond, Error::rate_limited("too_many_attempts", "too many sign-in attempts; wait a while", wait));
    }
  }
  d_.reads.submit([this, request = std::move(request), respond = std::move(respond), name = std::move(*name),
                   password = std::move(*password)] {
    auto signed_in = d_.accounts.sign_in(d_.store, name, password);
    if (!signed_in) return fail(respond, signed_in.error());
    web::Reply reply = json_reply(200, {{"account", account_json(signed_in->account)},
                                        {"csrf_token", signed_in->csrf_token}});
    const long age = static_cast<long>((signed_in->expires.ms - d_.clock.now().ms) / 1000);
    reply.headers.push_back({"Set-Cookie", session_set_cookie(request, signed_in->token, age)});
    respond(std::move(reply));
  });
}

void AdminApi::sign_out(Call call) {
  const auto token = cookie_value(call.request, session_cookie_name(call.request)).value_or("");
  auto done = d_.accounts.sign_out(d_.store, token);
  if (!done) return fail(call.respond, done.error());
  web::Reply reply = web::Reply::empty(204);
  reply.headers.push_back({"Set-Cookie", session_set_cookie(call.request, "", 0)});
  call.respond(std::move(reply));
}

void AdminApi::me(Call call) {
  bj::array sites;
  if (call.who.account.role == Role::admin) {
    auto all = d_.store.sites().list();
    if (!all) return fail(call.respond, all.error());
    for (const Site& site : *all) sites.emplace_back(site.id.value);
  } else {
    for (const SiteId& site : call.who.account.sites) sites.emplace_back(site.value);
  }
  call.respond(json_reply(200, {{"account", account_json(call.who.account)},
                                {"sites", std::move(sites)},
                                {"csrf_token", call.who.session.csrf_token}}));
}

void AdminApi::events(Call call) {
  auto site = site_param(call.request);
  if (!site) return fail(call.respond, site.error());
  if (auto allowed = service::require_site(call.who.account, *site); !allowed) {
    return fail(call.respond, allowed.error());
  }
  auto body = std::make_shared<web::StreamBody>(
      web::StreamBody::Options{std::chrono::seconds(25), ": ping\n\n", 64 * 1024});
  body->push("retry: 5000\n\n");
  std::weak_ptr<web::StreamBody> weak = body;
  auto subscription = std::make_shared<EventHub::Subscription>(
      d_.live.subscribe(api::ThreadChanges::queue_topic(site->value), std::nullopt,
                        [weak](const EventHub::Message& frame) {
                          if (auto stream = weak.lock()) stream->push(*frame);
                        }));
  body->on_end([subscription] { subscription->reset(); });
  web::Reply reply;
  reply.headers = {{"Content-Type", "text/event-stream; charset=utf-8"}, {"Cache-Control", "no-store"},
                   {"X-Accel-Buffering", "no"}};
  reply.stream = std::move(body);
  call.respond(std::move(reply));
}

void AdminApi::queue(Call call) {
  auto site = site_param(call.request);
  if (!site) return fail(call.respond, site.error());
  auto kind = parse_queue_kind(call.request.query_param("kind").value_or("pending"));
  if (!kind) return fail(call.respond, Error::invalid("invalid_kind", "kind must be pending, reported or spam"));
  auto before = before_param(call.request);
  if (!before) return fail(call.respond, before.error());
  store::QueueQuery query{*site, *kind, std::nullopt, 50};
  if (*before) query.before = CommentId{**before};
  auto items = d_.moderation.queue(d_.store, call.who.account, query);
  if (!items) return fail(call.respond, items.error());
  bj::array list;
  for (const QueueItem& item : *items) list.push_back(queue_item_json(item));
  bj::object sizes;
  for (QueueKind k : {QueueKind::pending, QueueKind::reported, QueueKind::spam}) {
    auto n = d_.moderation.queue_size(d_.store, call.who.account, *site, k);
    if (!n) return fail(call.respond, n.error());
    sizes[to_string(k)] = *n;
  }
  call.respond(json_reply(200, {{"items", std::move(list)}, {"sizes", std::move(sizes)}}));
}

void AdminApi::judge(Call call) {
  auto id = api::comment_id_param(call.request);
  if (!id) return fail(call.respond, id.error());
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  auto verdict_text = f.required_string("verdict");
  if (!verdict_text) return fail(call.respond, verdict_text.error());
  auto verdict = parse_verdict(*verdict_text);
  if (!verdict) {
    return fail(call.respond, Error::unprocessable("verdict_invalid", "verdict must be approve, reject, spam or delete"));
  }
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<service::Judged>(
      d_.writer,
      [this, who = call.who.account, id = *id, verdict = *verdict, reason = *reason](store::Store& tx) {
        return d_.moderation.judge(tx, who, id, verdict, reason);
      },
      [this, respond = std::move(call.respond)](const Result<service::Judged>& done) {
        if (!done) return fail(respond, done.error());
        if (done->became_public && done->comment) {
          d_.changes.comment_posted(*done->comment, done->thread);
        } else {
          d_.changes.thread_changed(done->thread);
        }
        bj::object out{{"thread_count", done->thread.comment_count}};
        out["state"] = done->comment ? bj::value(std::string(to_string(done->comment->state))) : bj::value("erased");
        respond(json_reply(200, out));
      });
}

void AdminApi::close_thread(Call call) {
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  auto site_id = site_field(f);
  if (!site_id) return fail(call.respond, site_id.error());
  auto thread = f.required_string("thread");
  if (!thread) return fail(call.respond, thread.error());
  auto closed = f.optional_bool("closed");
  if (!closed) return fail(call.respond, closed.error());
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<Thread>(
      d_.writer,
      [this, who = call.who.account, site = *site_id, key = *thread, is_closed = closed->value_or(true),
       reason = *reason](store::Store& tx) {
        return d_.moderation.set_closed(tx, who, site, key, is_closed, reason);
      },
      [this, respond = std::move(call.respond)](const Result<Thread>& done) {
        if (!done) return fail(respond, done.error());
        d_.changes.thread_changed(*done);
        respond(json_reply(200, {{"thread", done->key}, {"closed", done->is_closed}}));
      });
}

void AdminApi::bans(Call call) {
  auto site = site_param(call.request);
  if (!site) return fail(call.respond, site.error());
  auto list = d_.moderation.bans(d_.store, call.who.account, *site);
  if (!list) return fail(call.respond, list.error());
  bj::array out;
  for (const Ban& ban : *list) out.push_back(ban_json(ban));
  call.respond(json_reply(200, {{"bans", std::move(out)}}));
}

void AdminApi::add_ban(Call call) {
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  service::BanRequest ban;
  auto site_id = site_field(f);
  if (!site_id) return fail(call.respond, site_id.error());
  ban.site = *site_id;
  auto comment = f.optional_int("comment", 1, kMaxId);
  if (!comment) return fail(call.respond, comment.error());
  if (*comment) ban.comment = CommentId{**comment};
  auto email = f.optional_string("email");
  if (!email) return fail(call.respond, email.error());
  ban.email = email->value_or("");
  if (ban.comment.has_value() == !ban.email.empty()) {
    return fail(call.respond, Error::unprocessable("ban_target_required", "give either a comment or an email"));
  }
  auto days = f.optional_int("days", 1, 3650);
  if (!days) return fail(call.respond, days.error());
  ban.days = *days;
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  ban.reason = *reason;
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<std::vector<Ban>>(
      d_.writer,
      [this, who = call.who.account, ban = std::move(ban)](store::Store& tx) {
        return d_.moderation.ban(tx, who, ban);
      },
      [respond = std::move(call.respond)](const Result<std::vector<Ban>>& done) {
        if (!done) return fail(respond, done.error());
        bj::array out;
        for (const Ban& b : *done) out.push_back(ban_json(b));
        respond(json_reply(201, {{"bans", std::move(out)}}));
      });
}

void AdminApi::lift_ban(Call call) {
  auto id = parse_decimal(call.request.path_param("id").value_or(""), 1, kMaxId);
  if (!id) return fail(call.respond, Error::invalid("invalid_id", "a ban id is a positive decimal integer"));
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  auto site_id = site_field(f);
  if (!site_id) return fail(call.respond, site_id.error());
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<bool>(
      d_.writer,
      [this, who = call.who.account, site = *site_id, ban = *id, reason = *reason](store::Store& tx) -> Result<bool> {
        auto done = d_.moderation.unban(tx, who, site, ban, reason);
        if (!done) return done.error();
        return true;
      },
      [respond = std::move(call.respond)](const Result<bool>& done) {
        if (!done) return fail(respond, done.error());
        respond(web::Reply::empty(204));
      });
}

void AdminApi::settings(Call call) {
  auto site = site_param(call.request);
  if (!site) return fail(call.respond, site.error());
  auto found = d_.moderation.settings(d_.store, call.who.account, *site);
  if (!found) return fail(call.respond, found.error());
  call.respond(json_reply(200, settings_json(*found)));
}

void AdminApi::change_settings(Call call) {
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  service::SiteSettings s;
  auto site_id = site_field(f);
  if (!site_id) return fail(call.respond, site_id.error());
  s.site = *site_id;
  for (auto [name, out] : {std::pair{"premoderate", &s.premoderate},
                           std::pair{"premoderate_links", &s.premoderate_links},
                           std::pair{"premoderate_first", &s.premoderate_first}}) {
    auto value = f.optional_bool(name);
    if (!value) return fail(call.respond, value.error());
    *out = value->value_or(false);
  }
  auto slow = f.optional_int("slow_mode_seconds", 0, 86400);
  if (!slow) return fail(call.respond, slow.error());
  s.slow_mode_seconds = slow->value_or(0);
  auto edit_window = f.optional_int("edit_window_seconds", 0, 604800);
  if (!edit_window) return fail(call.respond, edit_window.error());
  s.edit_window_seconds = *edit_window;
  auto challenge = f.optional_string("challenge");
  if (!challenge) return fail(call.respond, challenge.error());
  auto mode = parse_challenge_mode(challenge->value_or("off"));
  if (!mode) {
    return fail(call.respond, Error::unprocessable("challenge_mode_invalid", "challenge must be off, always or attack"));
  }
  s.challenge = *mode;
  // Absent means allowed, as for sites that never chose.
  auto anonymous = f.optional_bool("anonymous");
  if (!anonymous) return fail(call.respond, anonymous.error());
  s.anonymous = anonymous->value_or(true);
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<Site>(
      d_.writer,
      [this, who = call.who.account, s, reason = *reason](store::Store& tx) {
        return d_.moderation.change_settings(tx, who, s, reason);
      },
      [this, respond = std::move(call.respond)](const Result<Site>& done) {
        if (!done) return fail(respond, done.error());
        // Thread pages say whether the site takes anonymous comments: rebuilt here at once;
        // other instances follow with each thread's next change.
        d_.changes.all_changed();
        respond(json_reply(200, settings_json(*done)));
      });
}

void AdminApi::words(Call call) {
  auto site = site_param(call.request);
  if (!site) return fail(call.respond, site.error());
  auto lists = d_.moderation.word_lists(d_.store, call.who.account, *site);
  if (!lists) return fail(call.respond, lists.error());
  call.respond(json_reply(200, word_lists_json(*lists)));
}

void AdminApi::change_words(Call call) {
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  auto site_id = site_field(f);
  if (!site_id) return fail(call.respond, site_id.error());
  WordLists lists;
  for (auto [name, out] : {std::pair{"banned", &lists.banned}, std::pair{"suspect", &lists.suspect}}) {
    auto list = f.optional_string_array(name);
    if (!list) return fail(call.respond, list.error());
    *out = std::move(*list);
  }
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<WordLists>(
      d_.writer,
      [this, who = call.who.account, site = *site_id, lists = std::move(lists), reason = *reason](store::Store& tx) {
        return d_.moderation.set_word_lists(tx, who, site, lists, reason);
      },
      [respond = std::move(call.respond)](const Result<WordLists>& done) {
        if (!done) return fail(respond, done.error());
        respond(json_reply(200, word_lists_json(*done)));
      });
}

void AdminApi::audit(Call call) {
  std::optional<SiteId> site;
  if (call.request.query_param("site")) {
    auto parsed = site_param(call.request);
    if (!parsed) return fail(call.respond, parsed.error());
    site = *parsed;
  }
  auto before = before_param(call.request);
  if (!before) return fail(call.respond, before.error());
  auto entries = d_.moderation.audit(d_.store, call.who.account, site, *before, 100);
  if (!entries) return fail(call.respond, entries.error());
  bj::array out;
  for (const AuditEntry& e : *entries) out.push_back(audit_json(e));
  call.respond(json_reply(200, {{"entries", std::move(out)}}));
}

}  // namespace sala::admin
