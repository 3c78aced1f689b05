#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sala {

// A few threads that run blocking jobs (database reads) so I/O threads never
// wait on them. Jobs run in submission order per thread, with no result
// channel: a job reports back through whatever callback it carries.
class WorkPool {
 public:
  explicit WorkPool(unsigned threads);
  ~WorkPool();  // runs what is queued, then joins
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Thread-safe. Requires: the pool is not being destroyed.
  void submit(std::function<void()> job);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sala
