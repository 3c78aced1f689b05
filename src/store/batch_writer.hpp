#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "store/store.hpp"

namespace sala::store {

// Group commit. Writes from many requests are queued and run by one thread,
// as many as are waiting in one transaction, each under its own savepoint, so
// one fsync acknowledges them all and one failing request undoes only itself.
// This is what lets `synchronous = FULL` and thousands of posts a second go
// together.
class BatchWriter {
 public:
  // Runs inside the shared transaction; an error undoes this job only.
  using Job = std::function<Result<void>(Store& tx)>;
  // Called on the writer thread once the job's fate is durable: the job's own
  // error, or the commit's error (then nothing of the job was stored).
  using Done = std::function<void(const Result<void>& outcome)>;

  explicit BatchWriter(Store& store, std::size_t max_batch = 512);
  ~BatchWriter();
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Thread-safe. After stop(), jobs are refused with Errc::unavailable.
  void submit(Job job, Done done);
  // Runs what is queued, then joins the thread. Idempotent.
  void stop();

 private:
  struct Entry {
    Job job;
    Done done;
  };
  void run();
  void commit(std::deque<Entry>& batch);

  Store& store_;
  const std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Entry> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sala::store
