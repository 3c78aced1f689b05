#include "store/batch_writer.hpp"

#include <vector>

namespace sala::store {

BatchWriter::BatchWriter(Store& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch), thread_([this] { run(); }) {}

BatchWriter::~BatchWriter() { stop(); }

void BatchWriter::submit(Job job, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back({std::move(job), std::move(done)});
      ready_.notify_one();
      return;
    }
  }
  done(Error::unavailable("writer stopped"));
}

void BatchWriter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    ready_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void BatchWriter::run() {
  for (;;) {
    std::deque<Entry> batch;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has run
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit(batch);
  }
}

void BatchWriter::commit(std::deque<Entry>& batch) {
  std::vector<Result<void>> outcomes;
  outcomes.reserve(batch.size());
  auto committed = store_.transact([&](Store& tx) -> Result<void> {
    outcomes.clear();  // a retried transaction starts over
    for (auto& entry : batch) {
      outcomes.push_back(tx.savepoint(entry.job));
    }
    return {};
  });
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!committed) {
      batch[i].done(committed.error());
    } else {
      batch[i].done(outcomes[i]);
    }
  }
}

}  // namespace sala::store
