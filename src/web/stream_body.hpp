#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sala::web {

// A response body that goes on after the handler has answered (Server-Sent
// Events): the handler, or anyone it hands the stream to, pushes bytes from
// any thread, and the connection writes them as they come. The reply then has
// no Content-Length and the connection closes when the stream ends.
//
// The stream ends when the producer calls end(), the client goes away, the
// server shuts down, or the client reads so slowly that more than
// `max_pending` bytes wait for it: one slow reader must not hold memory for
// everyone's events. Whoever ends it, the on_end callbacks run once; a stream
// destroyed without ending runs them then.
// Thread-safe.
class StreamBody {
 public:
  struct Options {
    // Written when nothing else was for this long, so proxies and NATs keep
    // the connection and a vanished client is noticed by a failed write.
    std::chrono::milliseconds heartbeat{25'000};
    std::string heartbeat_bytes;  // empty: no heartbeat
    std::size_t max_pending = 256 * 1024;
  };

  explicit StreamBody(Options options);
  // A stream dropped without ending (its reply never reached a connection)
  // ends here, so on_end callbacks always run.
  ~StreamBody();
  StreamBody(const StreamBody&) = delete;
  StreamBody& operator=(const StreamBody&) = delete;

  // Queues bytes for the client. False once the stream has ended (then the
  // producer should stop); pushing past max_pending ends it.
  bool push(std::string_view bytes);
  // Ends the stream after the bytes already pushed are written.
  void end();
  bool ended() const;
  // Runs `callback` once when the stream ends (at once if it has), on the
  // thread that ends it, outside the stream's lock: it may push or end.
  void on_end(std::function<void()> callback);

  const Options& options() const { return options_; }

  // For the server: everything queued so far, and from now on `wake` runs
  // (on the pushing thread; it must only post) whenever bytes arrive or the
  // stream ends.
  std::string take();
  void set_waker(std::function<void()> wake);

 private:
  void finish(std::unique_lock<std::mutex> lock);

  const Options options_;
  mutable std::mutex mutex_;
  std::string pending_;
  bool ended_ = false;
  std::vector<std::function<void()>> on_end_;
  std::function<void()> wake_;
};

}  // namespace sala::web
