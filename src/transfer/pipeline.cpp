#include "transfer/pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>

namespace sala::transfer {
namespace {

constexpr std::size_t kCapacity = 1024;

struct Skip {
  std::string ref;
  std::string reason;
};
struct Note {
  std::string what;
};
struct End {
  Result<void> outcome;
};
using Event = std::variant<SourceThread, ImportWriter::Checked, SourceSubscription, Skip, Note, End>;

// A bounded queue from the reader's thread to the writer's.
class Channel {
 public:
  // false once the writer has given up: the reader must stop.
  bool push(Event e) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < kCapacity || abandoned_; });
    if (abandoned_) return false;
    queue_.push_back(std::move(e));
    not_empty_.notify_one();
    return true;
  }
  // The reader's last word; never waits.
  void finish(Result<void> outcome) {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(End{std::move(outcome)});
    not_empty_.notify_one();
  }
  Event pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty(); });
    Event e = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return e;
  }
  void abandon() {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<Event> queue_;
  bool abandoned_ = false;
};

Error abandoned() { return Error::unavailable("the import was abandoned"); }

// The reader's side: checks comments here, forwards everything in order.
class ForwardingSink final : public CommentSink {
 public:
  ForwardingSink(Channel& channel, std::size_t max_body_code_points)
      : channel_(channel), max_body_code_points_(max_body_code_points) {}
  Result<void> thread(const SourceThread& t) override { return forward(t); }
  Result<void> comment(SourceComment c) override {
    return forward(ImportWriter::check(std::move(c), max_body_code_points_));
  }
  Result<void> subscription(SourceSubscription s) override { return forward(std::move(s)); }
  Result<void> skipped(const std::string& ref, const std::string& reason) override {
    return forward(Skip{ref, reason});
  }
  Result<void> note(const std::string& what) override { return forward(Note{what}); }

 private:
  Result<void> forward(Event e) {
    if (!channel_.push(std::move(e))) return abandoned();
    return {};
  }
  Channel& channel_;
  std::size_t max_body_code_points_;
};

}  // namespace

Result<void> read_in_parallel(ImportWriter& writer, const std::function<Result<void>(CommentSink&)>& read) {
  Channel channel;
  std::thread reader([&] {
    Result<void> outcome;
    try {
      ForwardingSink sink(channel, writer.max_body_code_points());
      outcome = read(sink);
    } catch (const std::exception& e) {
      outcome = Error::internal(std::string("import reader: ") + e.what());
    }
    channel.finish(std::move(outcome));
  });

  Result<void> written;
  Result<void> read_outcome;
  for (bool ended = false; !ended;) {
    Event e = channel.pop();
    if (auto* end = std::get_if<End>(&e)) {
      read_outcome = std::move(end->outcome);
      ended = true;
      continue;
    }
    if (!written) continue;  // draining until the reader has stopped
    if (auto* t = std::get_if<SourceThread>(&e)) {
      written = writer.thread(*t);
    } else if (auto* c = std::get_if<ImportWriter::Checked>(&e)) {
      written = writer.accept(std::move(*c));
    } else if (auto* sub = std::get_if<SourceSubscription>(&e)) {
      written = writer.subscription(std::move(*sub));
    } else if (auto* s = std::get_if<Skip>(&e)) {
      written = writer.skipped(s->ref, s->reason);
    } else if (auto* n = std::get_if<Note>(&e)) {
      written = writer.note(n->what);
    }
    if (!written) channel.abandon();
  }
  reader.join();
  if (!written) return written;
  return read_outcome;
}

}  // namespace sala::transfer
