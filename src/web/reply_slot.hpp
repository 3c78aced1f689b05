#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "web/reply.hpp"
#include "web/router.hpp"

namespace sala::web {

// Lets threads outside the server (database workers holding a Respond)
// reach its I/O objects only while they exist. The server closes it before
// its io_context goes away; afterwards a late answer is dropped.
class ServerGate {
 public:
  template <class F>
  void run_if_open(F&& fn) {
    std::lock_guard lock(mutex_);
    if (open_) fn();
  }
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }

 private:
  std::mutex mutex_;
  bool open_ = true;
};

// One request's answer, handed from whichever thread produces it to the
// session waiting for it. Thread-safe.
class ReplySlot {
 public:
  // `wake` runs (under the gate) after the first offer; it must only post
  // to the session's strand, never run the session inline.
  ReplySlot(std::shared_ptr<ServerGate> gate, std::function<void()> wake);

  // The first offer wins and returns true; later ones are dropped.
  bool offer(Reply reply);
  // The answer once offered (once; later calls return nullopt).
  std::optional<Reply> take();

 private:
  std::mutex mutex_;
  std::optional<Reply> reply_;
  bool offered_ = false;
  std::shared_ptr<ServerGate> gate_;
  std::function<void()> wake_;
};

// The 500 "internal" reply, for handlers that throw, drop their Respond or
// answer nonsense. Says nothing about the cause; that goes to the log.
Reply internal_error_reply();

// The Respond given to a handler: copyable, answers through `slot`, asserts
// on a second call, and answers 500 if every copy is dropped unanswered.
Respond make_respond(std::shared_ptr<ReplySlot> slot);

}  // namespace sala::web
