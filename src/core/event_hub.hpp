#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace sala {

// In-process publish/subscribe by topic (a thread, for live updates).
// Publishers never wait for subscribers: each callback must only queue the
// message (a live-event stream hands it to its connection's strand).
// Thread-safe; a callback may run on any publishing thread.
class EventHub {
 public:
  using Message = std::shared_ptr<const std::string>;
  using Callback = std::function<void(const Message&)>;

  // Unsubscribes when destroyed; may outlive the hub's subscribers but not the hub.
  class Subscription {
   public:
    Subscription() = default;
    Subscription(EventHub* hub, std::string topic, std::uint64_t id)
        : hub_(hub), topic_(std::move(topic)), id_(id) {}
    ~Subscription() { reset(); }
    Subscription(Subscription&& other) noexcept { *this = std::move(other); }
    Subscription& operator=(Subscription&& other) noexcept {
      if (this != &other) {
        reset();
        hub_ = std::exchange(other.hub_, nullptr);
        topic_ = std::move(other.topic_);
        id_ = other.id_;
      }
      return *this;
    }
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    void reset();

   private:
    EventHub* hub_ = nullptr;
    std::string topic_;
    std::uint64_t id_ = 0;
  };

  [[nodiscard]] Subscription subscribe(const std::string& topic, Callback callback);
  void publish(const std::string& topic, const Message& message);
  std::size_t subscriber_count() const;

 private:
  void unsubscribe(const std::string& topic, std::uint64_t id);

  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::string, std::unordered_map<std::uint64_t, std::shared_ptr<Callback>>> topics_;
  std::size_t count_ = 0;
};

}  // namespace sala
