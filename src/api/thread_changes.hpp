#pragma once

#include <string>

#include "api/thread_cache.hpp"
#include "api/live_events.hpp"
#include "domain/comment.hpp"
#include "domain/thread.hpp"
#include "store/store.hpp"

namespace sala::api {

// What follows a committed write, wherever it came from (the JSON API, the
// HTML form): the thread's cached pages go, and a newly visible comment is
// published to the readers who have the thread open. Thread-safe.
class ThreadChanges {
 public:
  ThreadChanges(ThreadCache& cache, LiveEvents& live) : cache_(cache), live_(live) {}

  void comment_posted(const Comment& comment, const Thread& thread);
  void thread_changed(const Thread& thread);

  // A change another instance on the same database made (store::ChangeFeed):
  // the thread's pages go, and a comment that may be new is read from
  // `store` and published here if it is visible.
  void remote_change(store::Store& store, const store::ThreadChange& change);
  // Changes may have been missed: every cached page goes.
  void all_changed();

  // The event topic of a thread; live-event streams subscribe to it.
  static std::string topic(const std::string& site, const std::string& key);
  // The topic of a site's moderation queue: an event whenever a comment starts waiting.
  static std::string queue_topic(const std::string& site);

 private:
  ThreadCache& cache_;
  LiveEvents& live_;
};

}  // namespace sala::api
