// /admin/api handlers for one comment's marks and one thread's settings.
#include <boost/json/object.hpp>

#include "admin/admin_api.hpp"
#include "admin/admin_json.hpp"
#include "admin/admin_request.hpp"
#include "api/http_helpers.hpp"
#include "store/write_job.hpp"

namespace sala::admin {
namespace {

namespace bj = boost::json;

// {pinned|featured: bool (default true), reason?}
void mark_comment(AdminDeps& d, Call call, service::CommentMark mark) {
  auto id = api::comment_id_param(call.request);
  if (!id) return fail(call.respond, id.error());
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  const char* field = mark == service::CommentMark::pinned ? "pinned" : "featured";
  auto on = f.optional_bool(field);
  if (!on) return fail(call.respond, on.error());
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<service::Marked>(
      d.writer,
      [&d, who = call.who.account, id = *id, mark, on = on->value_or(true), reason = *reason](store::Store& tx) {
        return d.moderation.mark(tx, who, id, mark, on, reason);
      },
      [&d, field, respond = std::move(call.respond)](const Result<service::Marked>& done) {
        if (!done) return fail(respond, done.error());
        d.changes.thread_changed(done->thread);
        const bool value = std::string_view(field) == "pinned" ? done->comment.pinned : done->comment.featured;
        respond(json_reply(200, {{"id", done->comment.id.value}, {field, value}}));
      });
}

// Each setting: a value of the thread's own, or null (or absent) to follow the site.
Result<ThreadSettings> read_thread_settings(json::FieldReader& f) {
  ThreadSettings s;
  for (auto [name, out] : {std::pair{"premoderate", &s.premoderate},
                           std::pair{"premoderate_links", &s.premoderate_links},
                           std::pair{"premoderate_first", &s.premoderate_first}}) {
    auto value = f.optional_bool(name);
    if (!value) return value.error();
    *out = *value;
  }
  auto slow = f.optional_int("slow_mode_seconds", 0, 86400);
  if (!slow) return slow.error();
  s.slow_mode_seconds = *slow;
  return s;
}

}  // namespace

void AdminApi::pin(Call call) { mark_comment(d_, std::move(call), service::CommentMark::pinned); }

void AdminApi::feature(Call call) { mark_comment(d_, std::move(call), service::CommentMark::featured); }

void AdminApi::thread_settings(Call call) {
  auto site = site_param(call.request);
  if (!site) return fail(call.respond, site.error());
  auto key = api::required_query(call.request, "thread");
  if (!key) return fail(call.respond, key.error());
  auto found = d_.moderation.thread_settings(d_.store, call.who.account, *site, *key);
  if (!found) return fail(call.respond, found.error());
  call.respond(json_reply(200, thread_settings_json(*found)));
}

void AdminApi::change_thread_settings(Call call) {
  auto body = api::json_body(call.request);
  if (!body) return fail(call.respond, body.error());
  json::FieldReader f(*body);
  auto site = site_field(f);
  if (!site) return fail(call.respond, site.error());
  auto key = f.required_string("thread");
  if (!key) return fail(call.respond, key.error());
  auto settings = read_thread_settings(f);
  if (!settings) return fail(call.respond, settings.error());
  auto reason = reason_field(f);
  if (!reason) return fail(call.respond, reason.error());
  if (auto done = f.finish(); !done) return fail(call.respond, done.error());
  store::submit_write<service::ThreadModeration>(
      d_.writer,
      [this, who = call.who.account, site = *site, key = *key, settings = *settings,
       reason = *reason](store::Store& tx) {
        return d_.moderation.change_thread_settings(tx, who, site, key, settings, reason);
      },
      [respond = std::move(call.respond)](const Result<service::ThreadModeration>& done) {
        if (!done) return fail(respond, done.error());
        respond(json_reply(200, thread_settings_json(*done)));
      });
}

}  // namespace sala::admin
