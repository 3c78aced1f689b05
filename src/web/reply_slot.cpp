#include "web/reply_slot.hpp"

#include <atomic>
#include <cassert>
#include <utility>

#include <spdlog/spdlog.h>

namespace sala::web {
namespace {

// Shared by every copy of one Respond, so "called twice" and "never called"
// are decided once for all of them.
class Responder {
 public:
  explicit Responder(std::shared_ptr<ReplySlot> slot) : slot_(std::move(slot)) {}
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;

  ~Responder() {
    if (called_.load()) return;
    try {
      // The session may already have answered 500 for a handler that threw.
      if (slot_->offer(internal_error_reply())) {
        spdlog::error("web: a handler dropped its Respond without answering");
      }
    } catch (...) {  // a destructor must not throw; the session is closed by shutdown anyway
    }
  }

  void operator()(Reply reply) {
    const bool was_called = called_.exchange(true);
    assert(!was_called && "Respond called twice");
    if (was_called) return;
    slot_->offer(std::move(reply));
  }

 private:
  std::shared_ptr<ReplySlot> slot_;
  std::atomic<bool> called_{false};
};

}  // namespace

Reply internal_error_reply() {
  return Reply::error(500, "internal", "something went wrong on our side");
}

ReplySlot::ReplySlot(std::shared_ptr<ServerGate> gate, std::function<void()> wake)
    : gate_(std::move(gate)), wake_(std::move(wake)) {}

bool ReplySlot::offer(Reply reply) {
  {
    std::lock_guard lock(mutex_);
    if (offered_) return false;
    offered_ = true;
    reply_ = std::move(reply);
  }
  gate_->run_if_open(wake_);
  return true;
}

std::optional<Reply> ReplySlot::take() {
  std::lock_guard lock(mutex_);
  std::optional<Reply> reply = std::move(reply_);
  reply_.reset();
  return reply;
}

Respond make_respond(std::shared_ptr<ReplySlot> slot) {
  auto responder = std::make_shared<Responder>(std::move(slot));
  return [responder](Reply reply) { (*responder)(std::move(reply)); };
}

}  // namespace sala::web
