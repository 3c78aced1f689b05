#include "api/comment_json.hpp"

#include <boost/json/serialize.hpp>

namespace sala::api {

namespace json = boost::json;

std::string public_time(Timestamp t) {
  constexpr std::int64_t kMinute = 60'000;
  const std::int64_t floored = t.ms >= 0 ? t.ms / kMinute * kMinute : (t.ms - kMinute + 1) / kMinute * kMinute;
  return format_rfc3339({floored});
}

json::object comment_json(const DisplayedComment& shown) {
  const Comment& c = shown.comment;
  json::object out;
  out["id"] = c.id.value;
  out["parent"] = c.parent ? json::value(c.parent->value) : json::value(nullptr);
  if (shown.depth > 0) out["depth"] = shown.depth;
  json::object author;
  author["name"] = shown.is_placeholder ? "" : c.author_name;
  author["avatar"] = shown.is_placeholder ? "" : c.avatar;
  if (!shown.is_placeholder && !c.author_badge.empty()) author["badge"] = c.author_badge;
  out["author"] = std::move(author);
  out["html"] = shown.is_placeholder ? "" : c.body_html;
  out["created"] = public_time(c.created);
  if (c.edited && !shown.is_placeholder) out["edited"] = public_time(*c.edited);
  out["score"] = c.score();
  out["upvotes"] = c.upvotes;
  out["downvotes"] = c.downvotes;
  if (c.anchor && !shown.is_placeholder) {
    json::object anchor;
    anchor["quote"] = c.anchor->quote;
    anchor["prefix"] = c.anchor->prefix;
    anchor["suffix"] = c.anchor->suffix;
    anchor["start"] = c.anchor->start;
    anchor["end"] = c.anchor->end;
    out["anchor"] = std::move(anchor);
  }
  // Present only when true, so the common comment costs no bytes for them.
  if (c.pinned && !shown.is_placeholder) out["pinned"] = true;
  if (c.featured && !shown.is_placeholder) out["featured"] = true;
  if (shown.is_placeholder) {
    out["status"] = "deleted";
  } else if (c.state == CommentState::pending) {
    out["status"] = "pending";
  }
  return out;
}

std::string thread_page_json(const service::ThreadView& view) {
  json::object thread;
  thread["key"] = view.thread.key;
  thread["title"] = view.thread.title;
  thread["url"] = view.thread.url;
  thread["count"] = view.thread.comment_count;
  thread["closed"] = view.thread.is_closed;
  json::array comments;
  comments.reserve(view.comments.size());
  for (const auto& root : view.comments) {
    json::object top = comment_json(root.root);
    json::array replies;
    replies.reserve(root.replies.size());
    for (const auto& reply : root.replies) replies.push_back(comment_json(reply));
    top["replies"] = std::move(replies);
    comments.push_back(std::move(top));
  }
  json::object page;
  page["thread"] = std::move(thread);
  page["comments"] = std::move(comments);
  page["next"] = view.next ? json::value(encode_cursor(*view.next)) : json::value(nullptr);
  return json::serialize(page);
}

std::string vote_json(const service::VoteOutcome& outcome) {
  json::object out;
  out["score"] = outcome.score();
  out["upvotes"] = outcome.upvotes;
  out["downvotes"] = outcome.downvotes;
  out["my_vote"] = outcome.my_vote;
  return json::serialize(out);
}

}  // namespace sala::api
