#include "core/event_hub.hpp"

#include <vector>

namespace sala {

void EventHub::Subscription::reset() {
  if (hub_) hub_->unsubscribe(topic_, id_);
  hub_ = nullptr;
}

EventHub::Subscription EventHub::subscribe(const std::string& topic, Callback callback) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  topics_[topic].emplace(id, std::make_shared<Callback>(std::move(callback)));
  ++count_;
  return Subscription(this, topic, id);
}

void EventHub::publish(const std::string& topic, const Message& message) {
  // Callbacks run outside the lock, so one may unsubscribe (or subscribe) itself.
  std::vector<std::shared_ptr<Callback>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    targets.reserve(it->second.size());
    for (auto& [_, callback] : it->second) targets.push_back(callback);
  }
  for (auto& callback : targets) (*callback)(message);
}

void EventHub::unsubscribe(const std::string& topic, std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = topics_.find(topic);
  if (it == topics_.end()) return;
  if (it->second.erase(id) > 0) --count_;
  if (it->second.empty()) topics_.erase(it);
}

std::size_t EventHub::subscriber_count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace sala
