#include "transfer/jsonl_export.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "transfer/jsonl_format.hpp"

namespace sala::transfer {
namespace {

constexpr int kThreadPage = 200;
constexpr int kCommentPage = 1000;
constexpr int kSubscriptionPage = 1000;

boost::json::value time_or_null(const std::optional<Timestamp>& t) {
  if (!t) return nullptr;
  return boost::json::value(format_rfc3339(*t));
}

boost::json::object comment_line(const Thread& thread, const store::StoredComment& stored) {
  const Comment& c = stored.comment;
  boost::json::object o;
  o["type"] = "comment";
  o["id"] = c.id.value;
  o["thread"] = thread.key;
  o["parent"] = c.parent ? boost::json::value(c.parent->value) : boost::json::value(nullptr);
  o["state"] = std::string(to_string(c.state));
  o["created"] = format_rfc3339(c.created);
  o["edited"] = time_or_null(c.edited);
  o["author"] = c.author_name;
  o["email"] = stored.author_email;
  o["avatar"] = c.avatar;
  o["markdown"] = c.body_markdown;
  o["html"] = c.body_html;
  o["upvotes"] = c.upvotes;
  o["downvotes"] = c.downvotes;
  o["pinned"] = c.pinned;
  o["featured"] = c.featured;
  o["badge"] = c.author_badge;
  o["account"] = c.author_account;
  if (c.anchor) {
    o["anchor"] = boost::json::object{{"quote", c.anchor->quote},
                                      {"prefix", c.anchor->prefix},
                                      {"suffix", c.anchor->suffix},
                                      {"start", c.anchor->start},
                                      {"end", c.anchor->end}};
  } else {
    o["anchor"] = nullptr;
  }
  return o;
}

template <class T>
boost::json::value or_null(const std::optional<T>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

// A thread's own moderation settings; null when it follows the site in everything.
boost::json::value thread_settings(const ThreadSettings& s) {
  if (s == ThreadSettings{}) return nullptr;
  return boost::json::object{{"premoderate", or_null(s.premoderate)},
                             {"premoderate_links", or_null(s.premoderate_links)},
                             {"premoderate_first", or_null(s.premoderate_first)},
                             {"slow_mode_seconds", or_null(s.slow_mode_seconds)}};
}

boost::json::object subscription_line(const store::StoredSubscription& s) {
  boost::json::object o;
  o["type"] = "subscription";
  o["email"] = s.email;
  o["thread"] = s.thread_key;
  o["kind"] = std::string(to_string(s.kind));
  o["comment"] = s.comment ? boost::json::value(s.comment->value) : boost::json::value(nullptr);
  o["delivery"] = std::string(to_string(s.delivery));
  o["created"] = format_rfc3339(s.created);
  return o;
}

Result<void> write_line(std::ostream& out, const boost::json::object& o) {
  out << boost::json::serialize(o) << '\n';
  if (!out) return Error::unavailable("the export could not be written (disk full?)");
  return {};
}

}  // namespace

Result<ExportSummary> export_site(store::Store& store, const SiteId& site_id, std::ostream& out,
                                  Timestamp now) {
  auto site = store.sites().find(site_id);
  if (!site) return site.error();
  if (!*site) return Error::not_found("site '" + site_id.value + "'");

  boost::json::array origins;
  for (const auto& o : (*site)->origins) origins.emplace_back(o);
  auto header = write_line(out, {{"format", kExportFormat},
                                 {"version", kExportVersion},
                                 {"exported", format_rfc3339(now)},
                                 {"site", boost::json::object{{"id", site_id.value},
                                                              {"origins", std::move(origins)},
                                                              {"premoderate", (*site)->premoderate},
                                                              {"premoderate_links", (*site)->premoderate_links},
                                                              {"premoderate_first", (*site)->premoderate_first},
                                                              {"slow_mode_seconds", (*site)->slow_mode_seconds},
                                                              {"edit_window_seconds", or_null((*site)->edit_window_seconds)},
                                                              {"challenge", challenge_mode_name((*site)->challenge)},
                                                              {"anonymous", (*site)->anonymous},
                                                              {"created", format_rfc3339((*site)->created)}}}});
  if (!header) return header.error();

  ExportSummary summary;
  ThreadId after_thread{0};
  for (;;) {
    auto threads = store.transfers().threads_after(site_id, after_thread, kThreadPage);
    if (!threads) return threads.error();
    if (threads->empty()) break;
    for (const Thread& t : *threads) {
      auto settings = store.moderation().thread_settings(t.id);
      if (!settings) return settings.error();
      auto line = write_line(out, {{"type", "thread"},
                                   {"key", t.key},
                                   {"title", t.title},
                                   {"url", t.url},
                                   {"closed", t.is_closed},
                                   {"settings", thread_settings(*settings)},
                                   {"created", format_rfc3339(t.created)}});
      if (!line) return line.error();
      ++summary.threads;
      CommentId after_comment{0};
      for (;;) {
        auto comments = store.transfers().comments_after(t.id, after_comment, kCommentPage);
        if (!comments) return comments.error();
        if (comments->empty()) break;
        for (const auto& c : *comments) {
          auto written = write_line(out, comment_line(t, c));
          if (!written) return written.error();
          ++summary.comments;
        }
        after_comment = comments->back().comment.id;
      }
    }
    after_thread = threads->back().id;
  }
  // After every comment, so that an import has settled each comment a reply
  // subscription can name before it meets one.
  SubscriptionId after_subscription{0};
  for (;;) {
    auto subscriptions = store.transfers().subscriptions_after(site_id, after_subscription, kSubscriptionPage);
    if (!subscriptions) return subscriptions.error();
    if (subscriptions->empty()) break;
    for (const auto& sub : *subscriptions) {
      auto written = write_line(out, subscription_line(sub));
      if (!written) return written.error();
      ++summary.subscriptions;
    }
    after_subscription = subscriptions->back().id;
  }
  auto trailer = write_line(out, {{"type", "end"},
                                  {"threads", summary.threads},
                                  {"comments", summary.comments},
                                  {"subscriptions", summary.subscriptions}});
  if (!trailer) return trailer.error();
  out.flush();
  if (!out) return Error::unavailable("the export could not be written (disk full?)");
  return summary;
}

}  // namespace sala::transfer
