#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/event_hub.hpp"

namespace sala::api {

// The live-event side of a thread: each event goes out once, as ready
// Server-Sent Events bytes shared by every open stream, and the last few per
// thread are kept so a reader whose connection dropped (a phone changing
// networks) gets what it missed when its browser reconnects with
// Last-Event-ID. Memory is bounded by per_thread × threads events; a thread
// quiet for longest is forgotten first. Thread-safe.
class LiveEvents {
 public:
  explicit LiveEvents(EventHub& hub, std::size_t per_thread = 64, std::size_t threads = 4096)
      : hub_(hub), per_thread_(per_thread), max_threads_(threads) {}

  // Sends `data` (one line of JSON) as event `name` with id `id` to the
  // topic's streams, and remembers it.
  void publish(const std::string& topic, std::int64_t id, std::string_view name,
               std::string_view data);

  // Subscribes to the topic. With `last_seen`, first hands `deliver` the
  // remembered events after that one (or, when it is not remembered, those
  // with a greater id), with no gap and no repeat between those and what
  // follows live.
  [[nodiscard]] EventHub::Subscription subscribe(const std::string& topic,
                                                 std::optional<std::int64_t> last_seen,
                                                 const EventHub::Callback& deliver);

 private:
  struct Remembered {
    std::int64_t id;
    EventHub::Message frame;
  };
  struct Recent {
    std::deque<Remembered> events;
    std::list<std::string>::iterator age;  // position in by_age_
  };

  EventHub& hub_;
  const std::size_t per_thread_;
  const std::size_t max_threads_;
  std::mutex mutex_;  // held while publishing, so subscribe sees each event exactly once
  std::unordered_map<std::string, Recent> recent_;
  std::list<std::string> by_age_;  // topics, most recently published first
};

}  // namespace sala::api
