#include "api/comment_json.hpp"

#include <boost/json/serialize.hpp>

namespace sala::api {

namespace json = boost::json;

std::string public_time(Timestamp t) {
  constexpr std::int64_t kMinute = 60'000;
  const std::int64_t floored = t.ms >= 0 ? t.ms / kMinute * kMinute : (t.ms - kMinute + 1) / kMinute * kMinute;
  return format_rfc3339({floored});
}

namespace {

json::object anchor_json(const Anchor& a) {
  json::object out;
  out["quote"] = a.quote;
  out["prefix"] = a.prefix;
  out["suffix"] = a.suffix;
  out["start"] = a.start;
  out["end"] = a.end;
  return out;
}

}  // namespace

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
  // Someone vouches for this author (the publisher's login, or a mailed sign-in link).
  if (!shown.is_placeholder && !c.author_account.empty()) author["verified"] = true;
  out["author"] = std::move(author);
  out["html"] = shown.is_placeholder ? "" : c.body_html;
  out["created"] = public_time(c.created);
  if (c.edited && !shown.is_placeholder) out["edited"] = public_time(*c.edited);
  out["score"] = c.score();
  out["upvotes"] = c.upvotes;
  out["downvotes"] = c.downvotes;
  if (c.anchor && !shown.is_placeholder) out["anchor"] = anchor_json(*c.anchor);
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

std::string passages_json(const std::vector<service::Passage>& passages) {
  json::array list;
  list.reserve(passages.size());
  for (const auto& p : passages) {
    json::array ids;
    ids.reserve(p.comments.size());
    for (auto id : p.comments) ids.emplace_back(id.value);
    list.emplace_back(json::object{{"anchor", anchor_json(p.anchor)}, {"comments", std::move(ids)}});
  }
  return json::serialize(json::object{{"passages", std::move(list)}});
}

std::string thread_page_json(const service::ThreadView& view, bool email_sign_in, bool anonymous) {
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
  if (email_sign_in) page["sign_in"] = json::array{"email"};
  if (!anonymous) page["anonymous"] = false;
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
