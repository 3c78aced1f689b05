#include "api/live_events.hpp"

#include <algorithm>
#include <memory>

namespace sala::api {

void LiveEvents::publish(const std::string& topic, std::int64_t id, std::string_view name,
                         std::string_view data) {
  std::string frame = "id: " + std::to_string(id) + "\nevent: ";
  frame.append(name).append("\ndata: ").append(data).append("\n\n");
  auto message = std::make_shared<const std::string>(std::move(frame));

  std::lock_guard lock(mutex_);
  auto [it, is_new] = recent_.try_emplace(topic);
  if (is_new) {
    by_age_.push_front(topic);
  } else {
    by_age_.splice(by_age_.begin(), by_age_, it->second.age);
  }
  it->second.age = by_age_.begin();
  it->second.events.push_back({id, message});
  if (it->second.events.size() > per_thread_) it->second.events.pop_front();
  if (recent_.size() > max_threads_) {
    recent_.erase(by_age_.back());
    by_age_.pop_back();
  }
  // Under the lock: a subscriber joining now either finds this event
  // remembered or receives it live, never both, never neither.
  hub_.publish(topic, message);
}

EventHub::Subscription LiveEvents::subscribe(const std::string& topic,
                                             std::optional<std::int64_t> last_seen,
                                             const EventHub::Callback& deliver) {
  std::lock_guard lock(mutex_);
  if (last_seen) {
    if (auto it = recent_.find(topic); it != recent_.end()) {
      const auto& events = it->second.events;
      auto seen = std::find_if(events.begin(), events.end(),
                               [&](const Remembered& e) { return e.id == *last_seen; });
      // Not remembered: too old, or from before a restart. Ids only grow,
      // so the greater ones are the ones the reader cannot have seen.
      for (auto e = seen == events.end() ? events.begin() : std::next(seen); e != events.end(); ++e) {
        if (seen != events.end() || e->id > *last_seen) deliver(e->frame);
      }
    }
  }
  return hub_.subscribe(topic, deliver);
}

}  // namespace sala::api
