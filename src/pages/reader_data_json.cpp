#include "pages/reader_data_json.hpp"

#include <boost/json.hpp>

#include "core/time.hpp"

namespace sala::pages {
namespace {

namespace json = boost::json;

json::value optional_time(const std::optional<Timestamp>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::value optional_id(const std::optional<CommentId>& id) {
  return id ? json::value(id->value) : json::value(nullptr);
}

json::object thread(const std::string& key, const std::string& title, const std::string& url) {
  return {{"key", key}, {"title", title}, {"url", url.empty() ? json::value(nullptr) : json::value(url)}};
}

}  // namespace

std::string reader_data_json(const service::ReaderDataExport& data) {
  json::array comments;
  for (const auto& c : data.comments) {
    comments.push_back(json::object{
        {"id", c.id.value},
        {"site", c.site.value},
        {"thread", thread(c.thread_key, c.thread_title, c.thread_url)},
        {"url", c.thread_url.empty() ? json::value(nullptr)
                                     : json::value(c.thread_url + "#comment-" + std::to_string(c.id.value))},
        {"parent", optional_id(c.parent)},
        {"state", to_string(c.state)},
        {"created", format_rfc3339(c.created)},
        {"edited", optional_time(c.edited)},
        {"author", c.author},
        {"markdown", c.markdown},
        {"upvotes", c.upvotes},
        {"downvotes", c.downvotes},
    });
  }
  json::array subscriptions;
  for (const auto& s : data.subscriptions) {
    subscriptions.push_back(json::object{
        {"site", s.site.value},
        {"thread", thread(s.thread_key, s.thread_title, s.thread_url)},
        {"kind", to_string(s.kind)},
        {"comment", optional_id(s.comment)},
        {"confirmed", s.confirmed},
        {"delivery", to_string(s.delivery)},
        {"created", format_rfc3339(s.created)},
    });
  }
  return json::serialize(json::object{{"format", "sala-reader-data"},
                                      {"version", 1},
                                      {"exported", format_rfc3339(data.exported)},
                                      {"comments", std::move(comments)},
                                      {"subscriptions", std::move(subscriptions)}});
}

}  // namespace sala::pages
