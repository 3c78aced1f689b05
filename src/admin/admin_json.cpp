#include "admin/admin_json.hpp"

#include <boost/json/array.hpp>

#include "api/comment_json.hpp"
#include "core/time.hpp"

namespace sala::admin {

namespace bj = boost::json;

bj::object account_json(const Account& a) {
  bj::array sites;
  for (const SiteId& s : a.sites) sites.emplace_back(s.value);
  return {{"name", a.name}, {"role", std::string(to_string(a.role))}, {"sites", std::move(sites)}};
}

bj::object queue_item_json(const QueueItem& item) {
  bj::object out = api::comment_json({item.comment, item.comment.depth, false});
  out["state"] = std::string(to_string(item.comment.state));
  // Moderators judge by the exact time, not the public minute.
  out["created"] = format_rfc3339(item.comment.created);
  out["markdown"] = item.comment.body_markdown;
  out["thread"] = bj::object{{"key", item.thread_key}, {"title", item.thread_title}};
  bj::array reasons;
  for (const auto& r : item.report_reasons) reasons.emplace_back(r);
  out["reports"] = bj::object{{"count", item.report_count}, {"reasons", std::move(reasons)}};
  return out;
}

bj::object ban_json(const Ban& b) {
  bj::object out{{"id", b.id},
                 {"kind", std::string(to_string(b.kind))},
                 {"reason", b.reason},
                 {"created", format_rfc3339(b.created)}};
  out["until"] = b.until ? bj::value(format_rfc3339(*b.until)) : bj::value(nullptr);
  return out;
}

namespace {

bj::object moderation_rules_json(const Site& s) {
  return {{"premoderate", s.premoderate},
          {"premoderate_links", s.premoderate_links},
          {"premoderate_first", s.premoderate_first},
          {"slow_mode_seconds", s.slow_mode_seconds}};
}

template <class T>
bj::value or_null(const std::optional<T>& value) {
  return value ? bj::value(*value) : bj::value(nullptr);
}

}  // namespace

bj::object settings_json(const Site& s) {
  bj::object out = moderation_rules_json(s);
  out["site"] = s.id.value;
  out["edit_window_seconds"] = or_null(s.edit_window_seconds);
  out["challenge"] = challenge_mode_name(s.challenge);
  out["anonymous"] = s.anonymous;
  return out;
}

bj::object thread_settings_json(const service::ThreadModeration& t) {
  bj::object own{{"premoderate", or_null(t.own.premoderate)},
                 {"premoderate_links", or_null(t.own.premoderate_links)},
                 {"premoderate_first", or_null(t.own.premoderate_first)},
                 {"slow_mode_seconds", or_null(t.own.slow_mode_seconds)}};
  return {{"site", t.thread.site.value},
          {"thread", t.thread.key},
          {"closed", t.thread.is_closed},
          {"own", std::move(own)},
          {"effective", moderation_rules_json(t.effective)}};
}

bj::object word_lists_json(const WordLists& lists) {
  bj::array banned(lists.banned.begin(), lists.banned.end());
  bj::array suspect(lists.suspect.begin(), lists.suspect.end());
  return {{"banned", std::move(banned)}, {"suspect", std::move(suspect)}};
}

bj::object audit_json(const AuditEntry& e) {
  return {{"id", e.id},           {"at", format_rfc3339(e.at)}, {"account", e.account_name},
          {"site", e.site.value}, {"action", e.action},         {"target", e.target},
          {"reason", e.reason}};
}

}  // namespace sala::admin
