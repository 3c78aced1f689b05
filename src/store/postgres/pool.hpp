#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/postgres/connection.hpp"

namespace sala::pg {

// At most `size` connections, opened when first needed. A connection comes
// back idle: a lease left inside a transaction is rolled back, and a broken
// one is dropped, so the next lease opens a fresh one (that is how a
// restarted server is picked up again). Thread-safe.
class Pool {
 public:
  Pool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // A connection for this thread alone until the lease ends; Errc::unavailable
  // when none frees up in time or the server cannot be reached.
  [[nodiscard]] Result<Lease> acquire();
  const std::string& url() const { return url_; }

 private:
  void give_back(std::unique_ptr<Connection> connection);

  const std::string url_;
  const std::size_t size_;
  const std::chrono::milliseconds acquire_timeout_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle plus leased
};

}  // namespace sala::pg
