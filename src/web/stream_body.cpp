#include "web/stream_body.hpp"

#include <utility>

namespace sala::web {

StreamBody::StreamBody(Options options) : options_(std::move(options)) {}

StreamBody::~StreamBody() {
  if (ended_) return;
  for (auto& callback : on_end_) {
    try {
      callback();
    } catch (...) {  // a destructor must not throw
    }
  }
}

bool StreamBody::push(std::string_view bytes) {
  std::unique_lock lock(mutex_);
  if (ended_) return false;
  if (pending_.size() + bytes.size() > options_.max_pending) {
    // Dropping events silently would leave the reader with a thread that
    // looks complete and is not; ending lets the client reconnect and catch up.
    pending_.clear();
    finish(std::move(lock));
    return false;
  }
  pending_.append(bytes);
  auto wake = wake_;
  lock.unlock();
  if (wake) wake();
  return true;
}

void StreamBody::end() {
  std::unique_lock lock(mutex_);
  if (ended_) return;
  finish(std::move(lock));
}

void StreamBody::finish(std::unique_lock<std::mutex> lock) {
  ended_ = true;
  auto callbacks = std::move(on_end_);
  on_end_.clear();
  auto wake = wake_;
  lock.unlock();
  for (auto& callback : callbacks) callback();
  if (wake) wake();
}

bool StreamBody::ended() const {
  std::lock_guard lock(mutex_);
  return ended_;
}

void StreamBody::on_end(std::function<void()> callback) {
  std::unique_lock lock(mutex_);
  if (!ended_) {
    on_end_.push_back(std::move(callback));
    return;
  }
  lock.unlock();
  callback();
}

std::string StreamBody::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(pending_, {});
}

void StreamBody::set_waker(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

}  // namespace sala::web
