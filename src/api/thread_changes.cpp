#include "api/thread_changes.hpp"

#include <boost/json/serialize.hpp>

#include "api/comment_json.hpp"

namespace sala::api {

std::string ThreadChanges::topic(const std::string& site, const std::string& key) {
  return ThreadCache::thread_key(site, key);
}

void ThreadChanges::thread_changed(const Thread& thread) {
  cache_.invalidate(ThreadCache::thread_key(thread.site.value, thread.key));
}

std::string ThreadChanges::queue_topic(const std::string& site) {
  // Thread topics always hold a NUL (see ThreadCache::thread_key); this one never does.
  return "queue\n" + site;
}

void ThreadChanges::comment_posted(const Comment& comment, const Thread& thread) {
  thread_changed(thread);
  if (comment.state == CommentState::pending) {
    // Moderators learn that something waits; readers learn nothing.
    live_.publish(queue_topic(thread.site.value), comment.id.value, "pending",
                  "{\"id\":" + std::to_string(comment.id.value) + "}");
    return;
  }
  if (comment.state != CommentState::approved) return;  // pending comments stay invisible everywhere
  // Serialized JSON has no raw line breaks, so it fits one SSE data line.
  live_.publish(topic(thread.site.value, thread.key), comment.id.value, "comment",
                boost::json::serialize(comment_json({comment, comment.depth, false})));
}

void ThreadChanges::remote_change(store::Store& store, const store::ThreadChange& change) {
  cache_.invalidate(ThreadCache::thread_key(change.site.value, change.thread_key));
  // Read and published even with no stream open here: LiveEvents keeps the
  // last events of a thread for readers who reconnect, perhaps to this
  // instance after the one they were on.
  if (!change.comment) return;
  auto comment = store.comments().get(*change.comment);
  // Gone again, or the database is away: the readers' next page load shows
  // what is there; a live event is a courtesy.
  if (!comment || !*comment) return;
  Thread thread;
  thread.site = change.site;
  thread.key = change.thread_key;
  comment_posted(**comment, thread);
}

void ThreadChanges::all_changed() { cache_.invalidate_all(); }

}  // namespace sala::api
