#include "store/postgres/pool.hpp"

namespace sala::pg {

Pool::Pool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout)
    : url_(std::move(url)), size_(size == 0 ? 1 : size), acquire_timeout_(acquire_timeout) {}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

Result<Pool::Lease> Pool::acquire() {
  {
    std::unique_lock lock(mutex_);
    const bool got = freed_.wait_for(lock, acquire_timeout_,
                                     [&] { return !idle_.empty() || open_ < size_; });
    if (!got) return Error::unavailable("postgres: every pooled connection stayed busy");
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
    ++open_;  // reserve the slot, then connect outside the lock
  }
  auto c = Connection::open(url_);
  if (!c) {
    std::lock_guard lock(mutex_);
    --open_;
    freed_.notify_one();
    return c.error();
  }
  return Lease(this, std::move(*c));
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
  if (!connection->is_broken() && connection->in_transaction()) {
    (void)connection->exec("ROLLBACK");
  }
  std::lock_guard lock(mutex_);
  if (connection->is_broken()) {
    --open_;
  } else {
    idle_.push_back(std::move(connection));
  }
  freed_.notify_one();
}

}  // namespace sala::pg
